/**
 * The stand-in hub answers `@huggingface/hub`'s own calls (search, model info, file tree with LFS
 * sha256, file download info) and serves files with ranges, gating and the cut-connection knob.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileDownloadInfo, listFiles, listModels, modelInfo } from '@huggingface/hub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHubStandin, type HubStandin } from './hub-standin';
import { tempDir } from './atelier';

const dir = tempDir('hub-standin-');
const bytes = Buffer.alloc(300_000, 0).map((_, k) => (k * 7) & 0xff);
let hub: HubStandin;

beforeAll(async () => {
  mkdirSync(join(dir.path, 'a', 'onnx'), { recursive: true });
  writeFileSync(join(dir.path, 'a', 'onnx', 'model.onnx'), bytes);
  writeFileSync(join(dir.path, 'a', 'config.json'), '{"model_type":"gpt2"}');
  hub = await startHubStandin({
    token: 'hf_standin_token',
    repos: [
      {
        id: 'acme/tiny-chat',
        dir: join(dir.path, 'a'),
        task: 'text',
        downloads: 10,
        license: 'mit',
        card: '# Tiny',
      },
      { id: 'acme/tiny-pictures', dir: join(dir.path, 'a'), task: 'image', downloads: 5 },
      {
        id: 'acme/locked',
        dir: join(dir.path, 'a'),
        task: 'text',
        gated: true,
        corrupt: ['onnx/model.onnx'],
      },
    ],
  });
});
afterAll(async () => {
  await hub.close();
  dir.remove();
});

describe('stand-in hub', () => {
  it('answers listModels with the search, task and tag filters', async () => {
    const found = [];
    for await (const m of listModels({
      hubUrl: hub.url,
      search: { query: 'tiny', task: 'text-generation', tags: ['onnx'] },
    }))
      found.push(m);
    expect(found.map((m) => m.name)).toEqual(['acme/tiny-chat']);
    expect(found[0]).toMatchObject({ downloads: 10, gated: false, task: 'text-generation' });
  });

  it('answers modelInfo with the commit, card data and files', async () => {
    const info = await modelInfo({
      hubUrl: hub.url,
      name: 'acme/tiny-chat',
      revision: 'main',
      additionalFields: ['sha', 'cardData', 'filePaths'],
    });
    expect(info.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(info.cardData?.license).toBe('mit');
    expect(info.filePaths.sort()).toEqual(['README.md', 'config.json', 'onnx/model.onnx']);
    await expect(modelInfo({ hubUrl: hub.url, name: 'acme/none' })).rejects.toThrow(/Repository not found/);
  });

  it('lists the tree with the LFS sha256 of graphs', async () => {
    const files = [];
    for await (const f of listFiles({ hubUrl: hub.url, repo: 'acme/tiny-chat', recursive: true }))
      files.push(f);
    const graph = files.find((f) => f.path === 'onnx/model.onnx');
    expect(graph?.lfs).toMatchObject({
      oid: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.length,
    });
    expect(files.find((f) => f.path === 'onnx')?.type).toBe('directory');
    expect(files.find((f) => f.path === 'config.json')?.lfs).toBeUndefined();
  });

  it('serves files whole and by range, with ETag and X-Repo-Commit', async () => {
    const info = await fileDownloadInfo({ hubUrl: hub.url, repo: 'acme/tiny-chat', path: 'onnx/model.onnx' });
    expect(info?.size).toBe(bytes.length);
    const res = await fetch(`${hub.url}/acme/tiny-chat/resolve/main/onnx/model.onnx`, {
      headers: { Range: 'bytes=1000-' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes 1000-${bytes.length - 1}/${bytes.length}`);
    expect(res.headers.get('x-repo-commit')).toMatch(/^[0-9a-f]{40}$/);
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(1000))).toBe(true);
    expect(hub.requests).toContain('GET /acme/tiny-chat/resolve/main/onnx/model.onnx Range: bytes=1000-');
    const missing = await fetch(`${hub.url}/acme/tiny-chat/resolve/main/nothing.bin`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-error-code')).toBe('EntryNotFound');
  });

  it('refuses a gated repo without the token and serves it (corrupted as asked) with it', async () => {
    const url = `${hub.url}/acme/locked/resolve/main/onnx/model.onnx`;
    expect((await fetch(url)).status).toBe(401);
    const res = await fetch(url, { headers: { Authorization: 'Bearer hf_standin_token' } });
    const got = Buffer.from(await res.arrayBuffer());
    expect(got.length).toBe(bytes.length);
    expect(got.equals(bytes)).toBe(false);
  });

  it('cuts the connection after the bytes asked for', async () => {
    hub.dropAfterBytes(100_000);
    try {
      const res = await fetch(`${hub.url}/acme/tiny-chat/resolve/main/onnx/model.onnx`);
      await expect(res.arrayBuffer()).rejects.toThrow();
    } finally {
      hub.dropAfterBytes(null);
    }
    const whole = await fetch(`${hub.url}/acme/tiny-chat/resolve/main/onnx/model.onnx`);
    expect((await whole.arrayBuffer()).byteLength).toBe(bytes.length);
  });

  it('stalls after the bytes asked for, holding the connection open', async () => {
    hub.stallAfterBytes(1000);
    const stop = new AbortController();
    try {
      const res = await fetch(`${hub.url}/acme/tiny-chat/resolve/main/onnx/model.onnx`, {
        signal: stop.signal,
      });
      const reader = res.body!.getReader();
      let got = 0;
      while (got < 1000) got += (await reader.read()).value?.length ?? 0;
      expect(got).toBe(1000);
      const next = reader.read();
      const waited = await Promise.race([
        next.then(() => 'data'),
        new Promise((r) => setTimeout(() => r('nothing'), 200)),
      ]);
      expect(waited).toBe('nothing');
      stop.abort();
      await next.catch(() => {});
    } finally {
      hub.stallAfterBytes(null);
    }
  });
});
