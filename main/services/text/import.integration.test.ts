/**
 * Importing Hugging Face Optimum decoder folders, against the real inference process and real
 * files: the random-weight fixtures our own script makes (models/training/text/make_tiny.py) in
 * the Optimum layout, and broken copies of them. A refused import leaves nothing in the data dir.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelStatus, TextResult } from '../../../preload/contract';
import { callOk, realAtelier, tempDir } from '../../testing/atelier';
import { sweepImports } from '../models/install';

const TINY = resolve('models/training/text/tiny');
const reference = (name: string) =>
  JSON.parse(readFileSync(join(TINY, name, 'reference.json'), 'utf8')) as {
    prompt: string;
    promptIds: number[];
    greedy: number[];
  };

let env: Awaited<ReturnType<typeof realAtelier>>;
const scratch = tempDir('atelier-import-src-');
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => {
  await env.cleanup();
  scratch.remove();
});

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

async function refused(path: string): Promise<string> {
  const r = await env.atelier.router.call('models.import', { path });
  expect(r.ok).toBe(false);
  if (r.ok) return '';
  expect(r.error.code).toBe('invalid-input');
  expect(r.error.field).toBe('path');
  return r.error.message;
}

/** The imported-models folder holds exactly these model folders and nothing staged. */
function importedFolders(): string[] {
  const dir = join(env.dataDir, 'models');
  return existsSync(dir) ? readdirSync(dir).sort() : [];
}

/** A copy of a fixture to break. */
function copyOf(name: string, as: string): string {
  const dir = join(scratch.path, as);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(TINY, name), dir, { recursive: true });
  return dir;
}

describe('importing Optimum folders', () => {
  it.each([
    ['gpt2', 'gpt2', 4],
    ['gpt2-external', 'gpt2', 4],
    ['llama', 'llama', 2],
  ])(
    '%s imports with a manifest, and greedy decoding gives PyTorch’s tokens',
    async (name, type, kvHeads) => {
      const m = await call<ModelStatus>('models.import', { path: join(TINY, name) });
      expect(m.ok).toBe(true);
      expect(m.source).toBe('imported');
      expect(m.task).toBe('text');
      expect(m.text).toMatchObject({ modelType: type, contextLength: 128, vocabSize: 512, layers: 2 });
      const manifest = JSON.parse(readFileSync(join(env.dataDir, 'models', m.id, 'model.json'), 'utf8')) as {
        text: { kvHeads: number; headDim: number; addBos: boolean; positionIds: boolean };
        files: { path: string; role: string }[];
      };
      expect(manifest.text).toMatchObject({ kvHeads, headDim: 8, addBos: true, positionIds: true });
      if (name === 'gpt2-external')
        expect(manifest.files.map((f) => f.role)).toEqual(expect.arrayContaining(['model', 'external-data']));
      expect((await call<ModelStatus[]>('models.list', {})).some((x) => x.id === m.id)).toBe(true);

      const ref = reference(name);
      const tok = await env.atelier.text.tokenizer(m.id);
      expect([ref.promptIds[0], ...tok.encode(ref.prompt)]).toEqual(ref.promptIds);
      const r = await call<TextResult>('text.generate', {
        jobId: `import-${name}-greedy`,
        model: m.id,
        prompt: ref.prompt,
        sampling: { seed: 0, temperature: 0, repetitionPenalty: 1, maxTokens: 8 },
      });
      expect(r.tokens).toBe(8);
      expect(r.stopReason).toBe('max-tokens');
      // The text is the greedy ids decoded (random weights: bytes that may not form UTF-8).
      expect(r.text).toBe(tok.decode(ref.greedy));
    },
  );

  it('an imported model generates with sampling, deterministically for a seed', async () => {
    const id = importedFolders().find((f) => f.startsWith('llama'))!;
    const input = (seed: number) => ({
      jobId: `import-llama-${seed}-${Math.random().toString(36).slice(2, 10)}`,
      model: id,
      prompt: 'Once upon a time',
      sampling: { seed, temperature: 1, topK: 40, topP: 0.9, maxTokens: 24 },
    });
    const a = await call<TextResult>('text.generate', input(5));
    const b = await call<TextResult>('text.generate', input(5));
    const c = await call<TextResult>('text.generate', input(6));
    expect(a.tokens).toBeGreaterThan(0);
    expect(b.text).toBe(a.text);
    expect(c.text).not.toBe(a.text);
  });

  it('a second import of the same folder gets its own id', async () => {
    const m = await call<ModelStatus>('models.import', { path: join(TINY, 'gpt2') });
    expect(m.id).toMatch(/^gpt2-\d+$/);
    expect(await call<{ removed: boolean }>('models.remove', { id: m.id })).toEqual({ removed: true });
    expect(importedFolders()).not.toContain(m.id);
  });

  it('the link option hard-links the files when it can', async () => {
    const src = copyOf('gpt2', 'linked-gpt2');
    const m = await call<ModelStatus>('models.import', { path: src, link: true });
    expect(m.ok).toBe(true);
    await call('models.remove', { id: m.id });
  });
});

describe('refused imports leave nothing behind', () => {
  it('a folder that does not exist', async () => {
    const before = importedFolders();
    expect(await refused(join(scratch.path, 'nope'))).toMatch(/does not exist/);
    expect(importedFolders()).toEqual(before);
  });

  it('a missing tokenizer', async () => {
    const dir = copyOf('gpt2', 'no-tokenizer');
    rmSync(join(dir, 'tokenizer.json'));
    const before = importedFolders();
    expect(await refused(dir)).toMatch(/tokenizer\.json is missing/);
    expect(importedFolders()).toEqual(before);
  });

  it('a tokenizer that is not a tokenizer', async () => {
    const dir = copyOf('gpt2', 'bad-tokenizer');
    writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ version: '1.0', hello: 'world' }));
    expect(await refused(dir)).toMatch(/tokenizer\.json has no tokenizer model/);
  });

  it('a wrong input name', async () => {
    // Renaming a graph input in place (same length, every occurrence) keeps the file valid ONNX.
    const dir = copyOf('gpt2', 'wrong-input');
    const bytes = readFileSync(join(dir, 'model.onnx'));
    const from = Buffer.from('past_key_values.0.key');
    const to = Buffer.from('past_key_valuez.0.key');
    let n = 0;
    for (let i = bytes.indexOf(from); i !== -1; i = bytes.indexOf(from, i + 1), n++) to.copy(bytes, i);
    expect(n).toBeGreaterThan(0);
    writeFileSync(join(dir, 'model.onnx'), bytes);
    const before = importedFolders();
    expect(await refused(dir)).toMatch(/no input "past_key_values\.0\.key"/);
    expect(importedFolders()).toEqual(before);
  });

  it('a corrupt model.onnx', async () => {
    const dir = copyOf('llama', 'corrupt');
    const bytes = readFileSync(join(dir, 'model.onnx'));
    writeFileSync(join(dir, 'model.onnx'), bytes.subarray(0, Math.floor(bytes.length / 3)));
    const before = importedFolders();
    expect(await refused(dir)).toMatch(/model\.onnx cannot be opened by onnxruntime/);
    expect(importedFolders()).toEqual(before);
  });

  it('a missing external data file', async () => {
    const dir = copyOf('gpt2-external', 'no-data');
    rmSync(join(dir, 'model.onnx_data'));
    expect(await refused(dir)).toMatch(/cannot be opened/);
  });

  it('a config that does not match the graph', async () => {
    const dir = copyOf('llama', 'bad-config');
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...config, num_key_value_heads: 4 }));
    expect(await refused(dir)).toMatch(/key\/value heads/);
    const noType = { ...config };
    delete noType.model_type;
    writeFileSync(join(dir, 'config.json'), JSON.stringify(noType));
    expect(await refused(dir)).toMatch(/model_type/);
  });

  it('an older Optimum layout is named', async () => {
    const dir = copyOf('gpt2', 'old-layout');
    cpSync(join(dir, 'model.onnx'), join(dir, 'decoder_model_merged.onnx'));
    rmSync(join(dir, 'model.onnx'));
    expect(await refused(dir)).toMatch(/decoder_model_merged\.onnx, an older Optimum layout/);
  });

  it('bundled models cannot be removed; unknown ids are not found', async () => {
    const bundled = env.atelier.registry.status().find((m) => m.source === 'bundled')!;
    const r = await env.atelier.router.call('models.remove', { id: bundled.id });
    expect(r.ok).toBe(false);
    expect(await call('models.remove', { id: 'no-such-model' })).toEqual({ removed: false });
  });

  it('nothing staged is left in the data dir', () => {
    expect(importedFolders().filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('imported models come back after a restart', async () => {
    const again = await realAtelier({ dataDir: env.dataDir });
    try {
      const ids = again.atelier.registry.status().filter((m) => m.source === 'imported');
      expect(ids.map((m) => m.id).sort()).toEqual(importedFolders().filter((f) => !f.startsWith('.')));
      expect(ids.every((m) => m.ok)).toBe(true);
    } finally {
      await again.atelier.close();
    }
  });
});

describe('the host folder picker (a stand-in for Electron’s dialog)', () => {
  it('answers the picked folder where the host has a picker, null where it has none', async () => {
    const withPicker = await realAtelier({
      pickFolder: (title) => Promise.resolve(`/picked/${title.length}`),
    });
    try {
      const info = await withPicker.atelier.router.call('app.info', {});
      expect(info.ok && info.value).toMatchObject({ capabilities: { pickFolder: true } });
      const r = await withPicker.atelier.router.call('models.pickFolder', {});
      expect(r.ok && (r.value as { path: string }).path).toMatch(/^\/picked\/\d+$/);
    } finally {
      await withPicker.cleanup();
    }
    const info = await env.atelier.router.call('app.info', {});
    expect(info.ok && info.value).toMatchObject({ capabilities: { pickFolder: false } });
    expect(await call('models.pickFolder', {})).toEqual({ path: null });
  });
});

describe('leftovers of an import cut short', () => {
  it('old staging and half-removed folders are swept; a fresh one (an import running now) is kept', async () => {
    const dir = tempDir('atelier-sweep-');
    try {
      const { mkdirSync, utimesSync } = await import('node:fs');
      const old = new Date(Date.now() - 2 * 60 * 60_000);
      for (const name of ['.staging-old', '.removing-old', '.staging-new', 'kept-model']) {
        mkdirSync(join(dir.path, name));
        writeFileSync(join(dir.path, name, 'model.onnx'), 'x');
      }
      for (const name of ['.staging-old', '.removing-old', 'kept-model'])
        utimesSync(join(dir.path, name), old, old);
      expect(await sweepImports(dir.path)).toBe(2);
      expect(readdirSync(dir.path).sort()).toEqual(['.staging-new', 'kept-model']);
      expect(await sweepImports(join(dir.path, 'missing'))).toBe(0);
    } finally {
      dir.remove();
    }
  });
});
