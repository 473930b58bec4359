import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ModelCard } from './ModelCard';
import { ModelDetail } from './ModelDetail';
import { SearchPanel } from './SearchPanel';
import { download, firstTag as tag, modelInfo, summary, testIds as ids } from './testing';
import type { HubSearch } from './useHubSearch';
import type { ModelInfo } from './useModelInfo';

const none = (): void => {};

const search = (over: Partial<HubSearch> = {}): HubSearch => ({
  query: '',
  setQuery: none,
  filter: 'all',
  setFilter: none,
  results: null,
  searched: null,
  busy: false,
  error: null,
  submit: none,
  ...over,
});

const shown = (over: Partial<ModelInfo> = {}): ModelInfo => ({
  repo: 'atelier-test/tiny-gpt2',
  info: modelInfo(),
  loading: false,
  error: null,
  variant: null,
  setVariant: none,
  select: none,
  reload: none,
  ...over,
});

const detail = (model: ModelInfo, tokenPresent = false, downloads = [download('x', { state: 'done' })]): string =>
  renderToStaticMarkup(
    <ModelDetail model={model} downloads={downloads} tokenPresent={tokenPresent} onDownload={async () => null} />,
  );

describe('the search column', () => {
  it('shows the curated list and the hub’s one clear line when the hub cannot be reached', () => {
    const html = renderToStaticMarkup(
      <SearchPanel
        search={search({ error: 'The hub cannot be reached (http://127.0.0.1:9).', searched: '' })}
        curated={[summary('onnx-community/Qwen2.5-0.5B-Instruct', { curated: true, note: 'small chat model' })]}
        curatedError={null}
        selected={null}
        onSelect={none}
      />,
    );
    expect(ids(html)).toEqual([
      'models-search',
      'models-search-go',
      'models-task-all',
      'models-task-text',
      'models-task-image',
      'models-hub-error',
      'models-curated-toggle',
      'models-curated',
      'models-curated-item',
      'models-badge-curated',
    ]);
    expect(html).toContain('The hub cannot be reached (http://127.0.0.1:9).');
    expect(html).toContain('small chat model');
  });

  it('lists results with task, counts and the gated and known-to-run badges, under the filter', () => {
    const html = renderToStaticMarkup(
      <SearchPanel
        search={search({
          filter: 'image',
          searched: 'tiny',
          results: [summary('atelier-test/tiny-sd', { task: 'image', gated: 'manual', curated: true, likes: 4500 })],
        })}
        curated={[summary('a/text', { curated: true })]}
        curatedError={null}
        selected="atelier-test/tiny-sd"
        onSelect={none}
      />,
    );
    expect(html).toContain('None for this task.');
    expect(html).toContain('Results for “tiny” (1)');
    expect(html).toMatch(/data-testid="models-result" data-repo="atelier-test\/tiny-sd" data-task="image" data-curated="true" data-gated="manual"/);
    expect(html).toContain('aria-pressed="true"');
    expect(ids(html)).toContain('models-badge-gated');
    expect(html).toContain('4.5k');
    expect(tag(html, 'data-testid="models-task-image"')).toContain('checked=""');
  });
});

describe('the model on show', () => {
  it('pre-selects the suggested variant, disables one that cannot run with why, and offers Download', () => {
    const html = detail(shown());
    const fp16 = tag(html, 'data-variant="fp16"');
    expect(fp16).toContain('data-suggested="true"');
    expect(fp16).toContain('checked=""');
    expect(tag(html, 'data-variant="fp32"')).not.toContain('checked');
    expect(tag(html, 'data-variant="q4"')).toContain('disabled=""');
    expect(html).toContain('MatMulNBits needs onnxruntime 1.17 or later.');
    expect(html).toMatch(/data-testid="models-download"[^>]*>.*Download 1.29 MB/);
    expect(html).not.toContain('models-download-why');
    expect(html).toContain('data-testid="models-license">mit<');
    expect(html).toMatch(/data-path="onnx\/model_fp16.onnx" data-in-variant="true"/);
    expect(html).toMatch(/class="is-other" data-testid="models-file" data-path="onnx\/model.onnx"|data-path="onnx\/model.onnx" data-in-variant="false"/);
    expect(html).toContain('<h1>Tiny GPT-2</h1>');
  });

  it('keeps the user’s variant and says why Download cannot go', () => {
    const html = detail(shown({ variant: 'fp32', info: modelInfo({ unsupported: 'No decoder graph here.' }) }));
    expect(tag(html, 'data-variant="fp32"')).toContain('checked=""');
    expect(html).toMatch(/data-testid="models-download" disabled=""/);
    expect(html).toContain('data-testid="models-download-why">No decoder graph here.</p>');
  });

  it('says what a gated model asks, and shows the failure with Try again', () => {
    const gated = detail(shown({ info: modelInfo({ gated: 'manual' }) }));
    expect(gated).toContain('data-testid="models-gated" data-gated="manual">Gated (reviewed)');
    expect(gated).toMatch(/data-testid="models-gated-note".*set an access token/);
    const failed = detail(shown({ info: null, error: 'The hub cannot be reached.' }));
    expect(failed).toContain('data-state="error"');
    expect(failed).toContain('The hub cannot be reached.');
    expect(detail(shown({ repo: null, info: null }))).toContain('data-state="empty"');
  });

  it('reads a card without running or loading anything in it', () => {
    const html = renderToStaticMarkup(
      <ModelCard
        markdown={[
          '---',
          'license: mit',
          '---',
          '# Title',
          '<script>alert(1)</script><img src="https://x/y.png" onerror="alert(2)">',
          '![a diagram](https://example.com/d.png)',
          '[safe](https://huggingface.co/docs) [bad](javascript:alert(3)) [rel](./LICENSE)',
          '',
          '| a | b |',
          '| - | - |',
          '| 1 | 2 |',
        ].join('\n')}
      />,
    );
    expect(html).not.toMatch(/<script|<img|onerror|javascript:/);
    expect(html).toContain('[image: a diagram]');
    expect(html).toContain('<a href="https://huggingface.co/docs" target="_blank" rel="noopener noreferrer nofollow">safe</a>');
    expect(html).toContain('<span class="models-card-link">bad</span>');
    expect(html).toContain('<span class="models-card-link">rel</span>');
    expect(html).toContain('<pre>license: mit</pre>');
    expect(html).toContain('<table>');
  });
});
