/**
 * The Melody Sketcher's service against the real bundled models (melody VAE, melody RNN), the
 * real inference process and a real SQLite library in a temp dir.
 */
import { copyFileSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, MelodyTake, MelodyTakes, ModelStatus, Note } from '../../../preload/contract';
import { inScale, scalePitchClasses } from '../../../preload/melody';
import { callOk, realAtelier, tempDir } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';
import { readMidi } from './midi';
import { notesToTokens, type TokenGrid } from './tokens';

let env: Awaited<ReturnType<typeof realAtelier>>;
let vae: ModelStatus;
beforeAll(async () => {
  env = await realAtelier();
  vae = env.atelier.registry.status().find((m) => m.id === 'melody-vae')!;
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

const manifest = (id: string) =>
  JSON.parse(readFileSync(join(defaultModelsDir(), id, 'model.json'), 'utf8')) as {
    melody: TokenGrid & { bars: number; recon: { threshold: number } };
  };

/** A 4-bar phrase in D major. */
const phrase = (shift = 0): Note[] =>
  [62, 66, 69, 74, 73, 71, 69, 66, 67, 69, 71, 67, 66, 64, 62, 62].map((p, i) => ({
    pitch: p + shift,
    start: i,
    duration: i % 4 === 3 ? 1 : 0.5,
    velocity: 96,
  }));

const key = (notes: Note[]): string => notes.map((n) => `${n.pitch}@${n.start}/${n.duration}`).join(' ');

describe('bundled melody models', () => {
  it('melody-vae and melody-rnn load with valid manifests', () => {
    for (const id of ['melody-vae', 'melody-rnn']) {
      const m = env.atelier.registry.status().find((x) => x.id === id);
      expect(m?.ok, m?.error).toBe(true);
    }
    expect(vae.melody!.bars).toBeGreaterThanOrEqual(2);
    expect(vae.melody!.pca!.directions.length).toBeGreaterThanOrEqual(8);
  });
});

describe('generate with the melody VAE (4-bar latents chained)', () => {
  const vaeCall = (input: Record<string, unknown>) =>
    call<MelodyTakes>('melody.generate', { model: 'melody-vae', ...input });

  it('the same seed gives the same notes; another seed other notes', async () => {
    const a = await vaeCall({ bars: 4, seed: 11 });
    const b = await vaeCall({ bars: 4, seed: 11 });
    const c = await vaeCall({ bars: 4, seed: 12 });
    expect(a.takes[0]!.notes.length).toBeGreaterThan(4);
    expect(key(a.takes[0]!.notes)).toBe(key(b.takes[0]!.notes));
    expect(key(a.takes[0]!.notes)).not.toBe(key(c.takes[0]!.notes));
  });

  it('take k is the same whatever the count', async () => {
    const one = await vaeCall({ bars: 4, seed: 5, count: 1 });
    const three = await vaeCall({ bars: 4, seed: 5, count: 3 });
    expect(three.takes).toHaveLength(3);
    expect(key(three.takes[0]!.notes)).toBe(key(one.takes[0]!.notes));
    expect(new Set(three.takes.map((t) => key(t.notes))).size).toBe(3);
  });

  it('chains segments to the asked length, notes inside it, on the grid, in the model range', async () => {
    const r = await vaeCall({ bars: 16, seed: 3 });
    const notes = r.takes[0]!.notes;
    expect(r.takes[0]!.latents).toHaveLength(Math.ceil(16 / vae.melody!.bars!));
    expect(Math.max(...notes.map((n) => n.start + n.duration))).toBeLessThanOrEqual(64);
    expect(notes.some((n) => n.start >= 48)).toBe(true);
    for (const n of notes) {
      expect(n.start * 4).toBe(Math.round(n.start * 4));
      expect(n.pitch).toBeGreaterThanOrEqual(vae.melody!.pitchMin);
      expect(n.pitch).toBeLessThanOrEqual(vae.melody!.pitchMax);
    }
  });

  it('the scale lock never emits an out-of-scale pitch, even at temperature 2', async () => {
    const mask = scalePitchClasses('F#', 'minor-pentatonic');
    for (const seed of [1, 2, 3]) {
      const r = await vaeCall({
        bars: 8,
        seed,
        count: 2,
        temperature: 2,
        key: 'F#',
        scale: 'minor-pentatonic',
      });
      for (const t of r.takes) {
        expect(t.notes.length).toBeGreaterThan(0);
        for (const n of t.notes) expect(inScale(n.pitch, mask), `pitch ${n.pitch}`).toBe(true);
      }
    }
  });
});

describe('continue', () => {
  it('extends the notes from where they end, in the asked number of bars, deterministically', async () => {
    const a = await call<MelodyTakes>('melody.continue', { notes: phrase(), bars: 4, seed: 9 });
    const b = await call<MelodyTakes>('melody.continue', { notes: phrase(), bars: 4, seed: 9 });
    const notes = a.takes[0]!.notes;
    expect(a.model).toBe('melody-rnn');
    expect(notes.length).toBeGreaterThan(3);
    expect(key(notes)).toBe(key(b.takes[0]!.notes));
    expect(Math.min(...notes.map((n) => n.start))).toBeGreaterThanOrEqual(16);
    expect(Math.max(...notes.map((n) => n.start + n.duration))).toBeLessThanOrEqual(32);
  });

  it('with a key lock every new pitch is in the scale', async () => {
    const mask = scalePitchClasses('D', 'major');
    const r = await call<MelodyTakes>('melody.continue', {
      notes: phrase(),
      bars: 8,
      seed: 4,
      count: 3,
      temperature: 1.8,
      key: 'D',
      scale: 'major',
    });
    for (const t of r.takes)
      for (const n of t.notes) expect(inScale(n.pitch, mask), `pitch ${n.pitch}`).toBe(true);
  });
});

describe('encode, decode, variations, interpolate', () => {
  it('reconstructs held-out tunes at least as well as the card promises', async () => {
    const dir = join(defaultModelsDir(), 'melody-vae', 'heldout');
    const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as {
      file: string;
      tokens: number[];
    }[];
    const grid = manifest('melody-vae').melody;
    expect(index.length).toBeGreaterThanOrEqual(8);
    let sum = 0;
    for (const h of index) {
      const file = readMidi(readFileSync(join(dir, h.file)), h.file);
      const notes = file.tracks[0]!.notes;
      // What the app reads from the MIDI file is what the training data holds.
      expect(notesToTokens(notes, 0, h.tokens.length, grid)).toEqual(h.tokens);
      const { latents } = await call<{ latents: number[][] }>('melody.encode', { notes });
      const back = await call<MelodyTake>('melody.decode', { latents: latents.slice(0, 1), temperature: 0 });
      const tokens = notesToTokens(back.notes, 0, h.tokens.length, grid);
      const acc = tokens.filter((t, i) => t === h.tokens[i]).length / tokens.length;
      sum += acc;
    }
    expect(sum / index.length).toBeGreaterThanOrEqual(grid.recon.threshold);
  });

  it('decode is deterministic and answers wrong-sized latents with a typed error', async () => {
    const { latents } = await call<{ latents: number[][] }>('melody.encode', { notes: phrase() });
    const a = await call<MelodyTake>('melody.decode', { latents, temperature: 0.8, seed: 2 });
    const b = await call<MelodyTake>('melody.decode', { latents, temperature: 0.8, seed: 2 });
    expect(key(a.notes)).toBe(key(b.notes));
    const r = await env.atelier.router.call('melody.decode', { latents: [latents[0]!.slice(1)] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'invalid-input', field: 'latents.0' });
  });

  it('slider moves: a newer decode replaces a waiting one whole, and the newest always answers', async () => {
    const { latents } = await call<{ latents: number[][] }>('melody.encode', {
      notes: [...phrase(), ...phrase(2).map((n) => ({ ...n, start: n.start + 16 }))],
    });
    expect(latents.length).toBeGreaterThanOrEqual(2);
    const moved = (d: number) => latents.map((z) => z.map((v, i) => (i === 0 ? v + d : v)));
    const answers = await Promise.all(
      [0.5, 1, 1.5, 2].map((d) => env.atelier.router.call('melody.decode', { latents: moved(d) })),
    );
    expect(answers[0]!.ok).toBe(true);
    expect(answers.slice(1, 3).map((a) => !a.ok && a.error.code)).toEqual(['superseded', 'superseded']);
    const last = answers[3]!;
    expect(last.ok).toBe(true);
    if (last.ok) expect((last.value as MelodyTake).latents).toEqual(moved(2));
  });

  it('variations stay near the clip, further with a larger amount, and nearer than prior samples', async () => {
    const grid = manifest('melody-vae').melody;
    const dir = join(defaultModelsDir(), 'melody-vae', 'heldout');
    const [, second] = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as { file: string }[];
    const tune = readMidi(readFileSync(join(dir, second!.file))).tracks[0]!.notes;
    const src = notesToTokens(tune, 0, 64, grid);
    const agree = (t: MelodyTakes): number =>
      t.takes
        .map((take) => notesToTokens(take.notes, 0, 64, grid).filter((tok, i) => tok === src[i]).length / 64)
        .reduce((a, b) => a + b, 0) / t.takes.length;
    const vary = (amount: number) =>
      call<MelodyTakes>('melody.variations', { notes: tune, count: 4, amount, seed: 1, temperature: 0 });
    const near = agree(await vary(0.2));
    const far = agree(await vary(1.5));
    const prior = agree(
      // The VAE's own prior samples (Generate's default is the melody LSTM).
      await call<MelodyTakes>('melody.generate', {
        model: 'melody-vae',
        bars: 4,
        count: 4,
        seed: 1,
        temperature: 0,
      }),
    );
    expect(near).toBeGreaterThan(far);
    expect(near).toBeGreaterThan(prior + 0.1);
  });

  it('interpolates in K steps whose ends are the two clips’ reconstructions', async () => {
    const from = phrase();
    // A different tune: a slow descending line in half notes.
    const to = [76, 74, 72, 71, 69, 67, 65, 64].map((pitch, i) => ({
      pitch,
      start: 2 * i,
      duration: 2,
      velocity: 90,
    }));
    const r = await call<MelodyTakes>('melody.interpolate', { from, to, steps: 5 });
    expect(r.takes).toHaveLength(5);
    const recon = async (notes: Note[]): Promise<string> => {
      const { latents } = await call<{ latents: number[][] }>('melody.encode', { notes });
      return key((await call<MelodyTake>('melody.decode', { latents, temperature: 0 })).notes);
    };
    expect(key(r.takes[0]!.notes)).toBe(await recon(from));
    expect(key(r.takes[4]!.notes)).toBe(await recon(to));
    expect(new Set(r.takes.map((t) => key(t.notes))).size).toBeGreaterThanOrEqual(3);
  });
});

describe('clips in the library', () => {
  it('saves notes, tempo, model, seed, parameters and lineage, with a MIDI file and a thumbnail', async () => {
    const take = (await call<MelodyTakes>('melody.generate', { bars: 4, seed: 21 })).takes[0]!;
    const first = await call<Generation>('melody.save', {
      clip: { notes: take.notes, bpm: 132, name: 'Reel' },
      origin: 'generate',
      model: 'melody-vae',
      seed: 21,
      params: { bars: 4, temperature: 1 },
      latents: take.latents,
      provider: 'cpu',
      durationMs: 12.5,
    });
    expect(first).toMatchObject({
      kind: 'melody',
      modelId: 'melody-vae',
      seed: 21,
      title: 'Reel',
      provider: 'cpu',
      durationMs: 12.5,
    });
    expect(first.params).toMatchObject({ bpm: 132, origin: 'generate', bars: 4, temperature: 1 });
    const edited = await call<Generation>('melody.save', {
      clip: { notes: take.notes.slice(1), bpm: 132, name: 'Reel (edit)' },
      parentId: first.id,
    });
    expect(edited.parentId).toBe(first.id);
    const midi = await call<{ bytes: Uint8Array; mime: string }>('library.asset', {
      id: first.id,
      role: 'midi',
    });
    expect(midi.mime).toBe('audio/midi');
    const file = readMidi(midi.bytes);
    expect(file.bpm).toBeCloseTo(132, 2);
    expect(file.tracks[0]!.notes.map((n) => n.pitch)).toEqual(
      [...take.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch).map((n) => n.pitch),
    );
    const thumb = await call<{ bytes: Uint8Array; mime: string }>('library.asset', {
      id: first.id,
      role: 'thumbnail',
    });
    expect(thumb.mime).toBe('image/png');
    const listed = await call<Generation[]>('library.list', { kind: 'melody' });
    expect(listed.map((g) => g.id)).toEqual([edited.id, first.id]);
  });
});

describe('a damaged melody model', () => {
  it('is reported with a readable error while MIDI export keeps working', async () => {
    const models = tempDir('atelier-models-');
    const data = tempDir('atelier-data-');
    try {
      for (const id of ['melody-vae', 'melody-rnn'])
        cpSync(join(defaultModelsDir(), id), join(models.path, id), { recursive: true });
      const step = join(models.path, 'melody-vae', 'decoder_step.onnx');
      writeFileSync(step, readFileSync(step).subarray(0, 1000));
      copyFileSync(
        join(defaultModelsDir(), 'melody-rnn', 'model.json'),
        join(models.path, 'melody-rnn', 'model.json'),
      );
      const broken = await realAtelier({ modelsDir: models.path, dataDir: data.path });
      try {
        const r = await broken.atelier.router.call('melody.generate', {
          model: 'melody-vae',
          bars: 4,
          seed: 1,
        });
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.error.code).toBe('model-unavailable');
          expect(r.error.message).toMatch(/decoder_step\.onnx/);
        }
        const ok = await broken.atelier.router.call('melody.continue', { notes: phrase(), bars: 1, seed: 1 });
        expect(ok.ok).toBe(true);
        // Generate's default, the melody LSTM, does not need the VAE.
        const lstm = await broken.atelier.router.call('melody.generate', { bars: 4, seed: 1 });
        expect(lstm.ok).toBe(true);
        const mid = await broken.atelier.router.call('melody.exportMidi', { clip: { notes: phrase() } });
        expect(mid.ok).toBe(true);
      } finally {
        await broken.cleanup();
      }
    } finally {
      models.remove();
      data.remove();
    }
  });
});

describe('drag a clip out of the window', () => {
  it('writes the clip as a .mid file and hands its path to the host (a stand-in for Electron’s startDrag)', async () => {
    const paths: string[] = [];
    const withDrag = await realAtelier({ startDrag: (p) => paths.push(p) });
    try {
      const info = await withDrag.atelier.router.call('app.info', {});
      expect(info.ok && info.value).toMatchObject({ capabilities: { dragOut: true } });
      const r = await withDrag.atelier.router.call('melody.startDrag', {
        clip: { notes: phrase(), name: 'Jig' },
      });
      expect(r).toEqual({ ok: true, value: { started: true } });
      expect(paths).toHaveLength(1);
      expect(paths[0]).toMatch(/atelier-melody-jig\.mid$/);
      expect(readMidi(readFileSync(paths[0]!)).tracks[0]!.notes).toHaveLength(16);
    } finally {
      await withDrag.cleanup();
    }
    // Hosts without it (the browser host, the CLI) answer started: false; the renderer uses a DownloadURL drag.
    expect(await env.atelier.router.call('melody.startDrag', { clip: { notes: phrase() } })).toEqual({
      ok: true,
      value: { started: false },
    });
  });
});
