import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { modelStatus } from '../shell/testing';
import type { ModelRemove } from '../shell/useModelRemove';
import { DownloadsPanel } from './DownloadsPanel';
import { InstalledPanel } from './InstalledPanel';
import { download, testIds as ids } from './testing';
import { TokenPanel } from './TokenPanel';
import type { Downloads } from './useDownloads';
import type { HubStatus } from './useHubStatus';

const none = (): void => {};

const downloads = (list = [download('a')], actionErrors: Record<string, string> = {}): Downloads => ({
  list,
  error: null,
  actionErrors,
  start: async () => null,
  pause: none,
  resume: none,
  retry: none,
  cancel: none,
});

describe('the downloads', () => {
  it('shows progress, bytes, speed and the file, with Pause and Cancel', () => {
    const html = renderToStaticMarkup(
      <DownloadsPanel downloads={downloads()} models={[]} openIn={() => null} />,
    );
    expect(ids(html)).toEqual([
      'models-downloads',
      'models-download-item',
      'models-download-progress',
      'models-download-bytes',
      'models-download-file',
      'models-download-pause',
      'models-download-cancel',
    ]);
    expect(html).toContain('aria-valuenow="25"');
    expect(html).toContain('500 kB of 2.00 MB · 250 kB/s · about 6 s left');
    expect(html).toContain('onnx/model_fp16.onnx');
  });

  it('shows a failure’s sentence with Try again, a paused one with Resume, and Open in for an installed one', () => {
    const model = modelStatus('hub-tiny', { source: 'imported' });
    const html = renderToStaticMarkup(
      <DownloadsPanel
        downloads={downloads(
          [
            download('f', { state: 'failed', error: 'onnx/model.onnx: its sha256 does not match the hub’s.', repo: 'o/f' }),
            download('p', { state: 'paused', repo: 'o/p', bytesPerSecond: 0 }),
            download('d', { state: 'done', modelId: 'hub-tiny', repo: 'o/d' }),
          ],
          { 'download-p': 'The download is gone.' },
        )}
        models={[model]}
        openIn={(m) => ({ label: `Open in Writer (${m.id})`, open: none })}
      />,
    );
    expect(html).toContain('its sha256 does not match the hub’s.');
    expect(html).toContain('data-testid="models-download-retry"');
    expect(html).toContain('data-testid="models-download-resume"');
    expect(html).toContain('The download is gone.');
    expect(html).toContain('Open in Writer (hub-tiny)');
    expect(html.match(/data-testid="models-download-progress"/g)).toHaveLength(2);
  });
});

const remover = (confirming: ReturnType<typeof modelStatus> | null = null): ModelRemove => ({
  confirming,
  busy: false,
  error: confirming ? { code: 'internal', message: 'disk on fire' } : null,
  ask: none,
  cancel: none,
  confirm: async () => {},
});

describe('installed models and the token', () => {
  it('lists the imported models with Open in and Remove, and confirms a removal', () => {
    const a = modelStatus('a', { source: 'imported' });
    const list = [modelStatus('bundled'), a, modelStatus('b', { source: 'imported', task: 'image' })];
    const open = (): { label: string; open: () => void } => ({ label: 'Open', open: none });
    const html = renderToStaticMarkup(<InstalledPanel models={list} remover={remover()} openIn={open} />);
    expect(html.match(/data-testid="models-installed-item"/g)).toHaveLength(2);
    expect(html).not.toContain('data-id="bundled"');
    const asking = renderToStaticMarkup(<InstalledPanel models={list} remover={remover(a)} openIn={open} />);
    expect(asking).toContain('data-testid="models-remove-confirm"');
    expect(asking).toContain('disk on fire');
    expect(renderToStaticMarkup(<InstalledPanel models={[]} remover={remover()} openIn={open} />)).toContain('None yet');
  });

  it('never shows the token, says where it is kept and offers to forget it', () => {
    const status = (over: Partial<HubStatus>): HubStatus => ({
      endpoint: 'http://127.0.0.1:5000',
      host: 'browser',
      token: { present: true, storage: 'memory' },
      curated: [],
      curatedError: null,
      tokenError: null,
      tokenBusy: false,
      saveToken: async () => true,
      clearToken: async () => true,
      ...over,
    });
    const html = renderToStaticMarkup(<TokenPanel status={status({})} onChanged={none} />);
    expect(html).toContain('type="password"');
    expect(html).toContain('value=""');
    expect(html).toContain('memory only, for this session');
    expect(html).toContain('data-testid="models-token-clear"');
    expect(html).toContain('http://127.0.0.1:5000');
    const fresh = renderToStaticMarkup(
      <TokenPanel status={status({ token: { present: false, storage: 'keychain' }, tokenError: 'bad token' })} onChanged={none} />,
    );
    expect(fresh).not.toContain('models-token-clear');
    expect(fresh).toContain('keychain');
    expect(fresh).toContain('aria-invalid="true"');
  });
});
