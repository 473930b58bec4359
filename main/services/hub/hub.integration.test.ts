/**
 * The hub section against the stand-in hub serving our real fixture folders, with the real install
 * path, the real inference process and a real library: search by task, the curated list, a
 * repository's card, files and variants, a download that installs a model the Writer then runs
 * (and a Stable Diffusion pipeline), gating and the token, no network, no disk space, a variant
 * the repository lacks.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  HubDownload,
  HubModelInfo,
  HubModelSummary,
  ModelStatus,
  TextResult,
} from '../../../preload/contract';
import { closedEndpoint, standinFile } from '../../testing/hub-standin';
import { downloadsRoot } from './store';
import { GPT2, hubTestbed, TOKEN } from './testing';

const bed = hubTestbed();

describe('hub section with the stand-in hub', () => {
  it('searches by task: text finds the decoders, image the pipeline', async () => {
    const text = await bed.call<{ models: HubModelSummary[] }>('hub.search', { query: 'gpt2', task: 'text' });
    const repos = text.models.map((m) => m.repo);
    expect(repos[0]).toBe('atelier-test/tiny-gpt2');
    expect(repos).not.toContain('atelier-test/tiny-sd');
    expect(text.models.every((m) => m.task === 'text')).toBe(true);
    expect(text.models.find((m) => m.repo === 'atelier-test/locked-gpt2')?.gated).toBe('manual');
    const image = await bed.call<{ models: HubModelSummary[] }>('hub.search', {
      query: 'tiny',
      task: 'image',
    });
    expect(image.models.map((m) => m.repo)).toEqual(['atelier-test/tiny-sd']);
    expect(
      bed.hub.requests.some((r) => r.includes('pipeline_tag=text-to-image') && r.includes('filter=onnx')),
    ).toBe(true);
  });

  it('lists the curated models without asking the hub', async () => {
    const before = bed.hub.requests.length;
    const { models } = await bed.call<{ models: HubModelSummary[] }>('hub.curated', {});
    expect(models.length).toBeGreaterThan(5);
    expect(models.every((m) => m.curated && m.note)).toBe(true);
    expect(new Set(models.map((m) => m.task))).toEqual(new Set(['text', 'image']));
    expect(bed.hub.requests.length).toBe(before);
  });

  it('describes a repository: card, licence, files with sha256, variants', async () => {
    const info = await bed.call<HubModelInfo>('hub.info', { repo: 'atelier-test/tiny-gpt2' });
    expect(info).toMatchObject({
      task: 'text',
      license: 'mit',
      gated: 'no',
      layout: 'optimum',
      card: '# Tiny GPT-2\n',
    });
    expect(info.revision).toMatch(/^[0-9a-f]{40}$/);
    const graph = await standinFile(GPT2, 'model.onnx');
    expect(info.files.find((f) => f.path === 'model.onnx')).toEqual({ path: 'model.onnx', ...graph });
    expect(info.files.find((f) => f.path === 'config.json')?.sha256).toBeNull();
    expect(info.variants).toHaveLength(1);
    expect(info.variants[0]).toMatchObject({ id: 'fp32', suggested: true });
    expect(info.variants[0]!.files).toContain('tokenizer.json');
    expect(info.variants[0]!.files).not.toContain('reference.json');
    const sd = await bed.call<HubModelInfo>('hub.info', { repo: 'atelier-test/tiny-sd' });
    expect(sd).toMatchObject({ task: 'image', layout: 'stable-diffusion' });
    expect(sd.variants.map((v) => v.id)).toEqual(['default']);
  });

  it('says why a repository with nothing runnable cannot be downloaded', async () => {
    const info = await bed.call<HubModelInfo>('hub.info', { repo: 'atelier-test/plain-config' });
    expect(info.unsupported).toMatch(/no ONNX model Atelier can run/);
    await expect(bed.call('hub.download', { repo: 'atelier-test/plain-config' })).rejects.toThrow(
      /cannot run here/,
    );
    await expect(bed.call('hub.info', { repo: 'atelier-test/nothing-here' })).rejects.toMatchObject({
      info: { code: 'not-found' },
    });
  });

  it('downloads a decoder, installs it, and the Writer runs it', async () => {
    const progress: HubDownload[] = [];
    const off = bed.env.atelier.events.on('hub.download', (d) => progress.push(d));
    const { started, end } = await bed.download(null, { repo: 'atelier-test/tiny-gpt2' }, ['done', 'failed']);
    off();
    expect(end.error).toBeUndefined();
    expect(end).toMatchObject({ state: 'done', variant: 'fp32', bytesDone: started.bytesTotal });
    expect(progress.map((p) => p.state)).toEqual(
      expect.arrayContaining(['queued', 'downloading', 'verifying', 'installing', 'done']),
    );
    const models = await bed.call<ModelStatus[]>('models.list', {});
    expect(models.map((m) => m.id)).toContain(end.modelId);
    expect(existsSync(join(downloadsRoot(bed.env.dataDir), end.downloadId))).toBe(false);
    const r = await bed.call<TextResult>('text.generate', {
      jobId: 'hub-test-generate-1',
      model: end.modelId,
      prompt: 'Once upon a time',
      sampling: { seed: 1, maxTokens: 4, temperature: 0 },
    });
    expect(r.tokens).toBeGreaterThan(0);
  });

  it('downloads a Stable Diffusion pipeline and installs it as an image model', async () => {
    const { end } = await bed.download(null, { repo: 'atelier-test/tiny-sd' }, ['done', 'failed']);
    expect(end.error).toBeUndefined();
    const models = await bed.call<ModelStatus[]>('models.list', {});
    expect(models.find((m) => m.id === end.modelId)?.image).toBeTruthy();
  });

  it('refuses a gated model without a token, and downloads it with one', async () => {
    await expect(bed.call('hub.download', { repo: 'atelier-test/locked-gpt2' })).rejects.toThrow(
      'This model is gated: accept its licence on the hub and add an access token under Models → Hugging Face token.',
    );
    await expect(bed.call('hub.setToken', { token: 'not_a_hub_token' })).rejects.toMatchObject({
      info: { field: 'token' },
    });
    expect(await bed.call('hub.setToken', { token: TOKEN })).toEqual({ storage: 'memory' });
    expect(await bed.call('hub.status', {})).toEqual({
      endpoint: bed.hub.url,
      token: { present: true, storage: 'memory' },
    });
    try {
      const { end } = await bed.download(null, { repo: 'atelier-test/locked-gpt2' }, ['done', 'failed']);
      expect(end.error).toBeUndefined();
      expect(end.state).toBe('done');
    } finally {
      await bed.call('hub.setToken', { token: null });
    }
  });

  it('keeps the token with the keychain when the host has one', async () => {
    const seal = (s: string): Buffer => Buffer.from(s.split('').reverse().join(''));
    const secrets = { encrypt: seal, decrypt: (b: Buffer) => b.toString().split('').reverse().join('') };
    const a = bed.service({ secrets }).section;
    expect(await a.setToken({ token: TOKEN })).toEqual({ storage: 'keychain' });
    const sealed = join(bed.env.dataDir, 'hub-token.bin');
    expect(statSync(sealed).size).toBe(TOKEN.length);
    const b = bed.service({ secrets }).section;
    expect((await b.status({})).token).toEqual({ present: true, storage: 'keychain' });
    await b.setToken({ token: null });
    expect(existsSync(sealed)).toBe(false);
  });

  it('says the hub cannot be reached when nothing answers, for search, info and download', async () => {
    const url = await closedEndpoint();
    const s = bed.service({ endpoint: url }).section;
    const line = `The Hugging Face hub cannot be reached (${url}): check the connection, or import a folder instead.`;
    await expect(s.search({ query: 'gpt2', limit: 5 })).rejects.toThrow(line);
    await expect(s.info({ repo: 'atelier-test/tiny-gpt2', revision: 'main' })).rejects.toThrow(line);
    await expect(s.download({ repo: 'atelier-test/tiny-gpt2', revision: 'main' })).rejects.toThrow(line);
    expect((await s.curated({})).models.length).toBeGreaterThan(5);
  });

  it('refuses to start when the disk has no room, naming the MB needed and free', async () => {
    const s = bed.service({ freeBytes: async () => 3 * 1024 ** 2 }).section;
    const before = readdirSync(downloadsRoot(bed.env.dataDir)).length;
    await expect(s.download({ repo: 'atelier-test/tiny-gpt2', revision: 'main' })).rejects.toThrow(
      /it needs \d+ MB and 3 MB are free/,
    );
    expect(readdirSync(downloadsRoot(bed.env.dataDir)).length).toBe(before);
  });

  it('refuses a variant the repository does not publish, naming the field', async () => {
    await expect(
      bed.call('hub.download', { repo: 'atelier-test/tiny-gpt2', variant: 'q4' }),
    ).rejects.toMatchObject({
      info: {
        code: 'invalid-input',
        field: 'variant',
        message: expect.stringMatching(/no variant "q4"; it has fp32/),
      },
    });
  });
});
