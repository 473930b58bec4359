/** Download states on disk: written whole, read back, unreadable ones left alone, bytes counted from the files. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nullLogger } from '../../log/logger';
import { tempDir } from '../../testing/atelier';
import {
  bytesOnDisk,
  downloadDir,
  filePath,
  loadDownloads,
  partPath,
  saveDownload,
  toHubDownload,
  type StoredDownload,
} from './store';

const dir = tempDir('hub-store-');
afterAll(() => dir.remove());

const stored = (over: Partial<StoredDownload> = {}): StoredDownload => ({
  version: 1,
  downloadId: 'download-0001',
  repo: 'acme/tiny',
  commit: 'a'.repeat(40),
  variant: 'q4',
  files: [
    { path: 'onnx/model_q4.onnx', size: 1000, sha256: 'b'.repeat(64) },
    { path: 'config.json', size: 20, sha256: null },
  ],
  verified: [],
  state: 'downloading',
  startedAt: 1,
  updatedAt: 2,
  ...over,
});

describe('download store', () => {
  it('writes a state and reads it back', async () => {
    await saveDownload(dir.path, stored());
    expect(await loadDownloads(dir.path, nullLogger)).toEqual([stored()]);
    expect(
      JSON.parse(readFileSync(`${downloadDir(dir.path, 'download-0001')}/state.json`, 'utf8')).repo,
    ).toBe('acme/tiny');
  });

  it('leaves out a state that cannot be read, and logs it', async () => {
    mkdirSync(downloadDir(dir.path, 'download-0002'), { recursive: true });
    writeFileSync(`${downloadDir(dir.path, 'download-0002')}/state.json`, '{"version": 1, "repo": 3');
    const warned: string[] = [];
    const got = await loadDownloads(dir.path, { ...nullLogger, warn: (m) => void warned.push(m) });
    expect(got.map((d) => d.downloadId)).toEqual(['download-0001']);
    expect(warned.join()).toMatch(/download-0002/);
  });

  it('counts verified files whole and the .part of the one being fetched', async () => {
    const d = stored({ verified: ['config.json'] });
    const part = partPath(dir.path, d, 'onnx/model_q4.onnx');
    mkdirSync(dirname(part), { recursive: true });
    writeFileSync(part, Buffer.alloc(300));
    expect(await bytesOnDisk(dir.path, d)).toBe(320);
    expect(filePath(dir.path, d, 'onnx/model_q4.onnx')).toMatch(/repo[/\\]tiny[/\\]onnx[/\\]model_q4\.onnx$/);
  });

  it('shows a download in the contract shape, with no pace unless it is fetching', () => {
    const view = toHubDownload(stored({ state: 'paused' }), {
      bytesDone: 10,
      bytesPerSecond: 99,
      file: null,
    });
    expect(view).toMatchObject({
      revision: 'a'.repeat(40),
      bytesTotal: 1020,
      bytesDone: 10,
      bytesPerSecond: 0,
    });
  });
});
