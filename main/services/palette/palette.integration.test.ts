/**
 * The Palettes studio's service against the real bundled palette flow (both graphs in the real
 * inference process) and a real SQLite library in a temp dir.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, PaletteList, PaletteResult } from '../../../preload/contract';
import { hexToOklab, isHex, paletteToOklab, rgb8ToHex } from '../../../preload/palette';
import { Rng } from '../../../preload/rng';
import { callOk, realAtelier } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';
import { paletteFlow, type PaletteModel } from './palette';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

async function refusal(
  method: string,
  input: unknown,
): Promise<{ code: string; field?: string; message: string }> {
  const r = await env.atelier.router.call(method, input);
  if (r.ok) throw new Error(`${method} accepted ${JSON.stringify(input).slice(0, 200)}`);
  return r.error;
}

/** Held-out palettes shipped with the model (never trained on), with the exporter's log p. */
const heldOut = (
  JSON.parse(readFileSync(join(defaultModelsDir(), 'palettes', 'heldout.json'), 'utf8')) as {
    palettes: { colors: string[]; logLikelihood: number }[];
  }
).palettes;

/** Uniformly random 8-bit palettes, seeded. */
function randomPalettes(n: number, seed: number): string[][] {
  const rng = new Rng(seed);
  return Array.from({ length: n }, () =>
    Array.from({ length: 5 }, () =>
      rgb8ToHex([0, 0, 0].map(() => rng.nextU32() & 255) as [number, number, number]),
    ),
  );
}

const validPalette = (p: PaletteResult): void => {
  expect(p.colors).toHaveLength(5);
  for (const c of p.colors) expect(isHex(c) && c === c.toLowerCase(), c).toBe(true);
  expect(Number.isFinite(p.logLik)).toBe(true);
  expect(p.percentile).toBeGreaterThanOrEqual(0);
  expect(p.percentile).toBeLessThanOrEqual(100);
};

describe('the bundled palette model', () => {
  it('loads with a valid manifest and shows its palette summary', () => {
    const m = env.atelier.registry.status().find((x) => x.id === 'palettes');
    expect(m?.ok, m?.error).toBe(true);
    expect(m).toMatchObject({ family: 'flow', task: 'palette', palette: { colors: 5, space: 'oklab' } });
    expect(m!.palette!.logLikelihood.p5).toBeLessThan(m!.palette!.logLikelihood.p95);
  });

  it('inverse(forward(x)) ≈ x through the real graphs', async () => {
    const m = env.atelier.registry.get('palettes') as PaletteModel;
    const flow = paletteFlow(m);
    const run = (req: Parameters<typeof env.atelier.inference.run>[0]) => env.atelier.inference.run(req);
    const rows = [
      ...heldOut.map((p) => paletteToOklab(p.colors)),
      ...randomPalettes(20, 3).map(paletteToOklab),
    ];
    const z = await flow.toBase(run, rows);
    const back = await flow.fromBase(run, Float32Array.from(z.flat()));
    let worst = 0;
    rows.forEach((x, i) => x.forEach((v, d) => (worst = Math.max(worst, Math.abs(back[i]![d]! - v)))));
    expect(worst).toBeLessThan(1e-4);
  });
});

describe('generate', () => {
  it('is seeded: the same seed replays, another differs, palette k is the same whatever the count', async () => {
    const a = await call<PaletteList>('palette.generate', { seed: 11, count: 8 });
    const b = await call<PaletteList>('palette.generate', { seed: 11, count: 8 });
    const c = await call<PaletteList>('palette.generate', { seed: 12, count: 8 });
    const d = await call<PaletteList>('palette.generate', { seed: 11, count: 3 });
    expect(a.palettes).toHaveLength(8);
    a.palettes.forEach(validPalette);
    expect(b.palettes).toEqual(a.palettes);
    expect(c.palettes.map((p) => p.colors)).not.toEqual(a.palettes.map((p) => p.colors));
    expect(d.palettes.map((p) => p.colors)).toEqual(a.palettes.slice(0, 3).map((p) => p.colors));
    expect(a).toMatchObject({ model: 'palettes', provider: expect.any(String) as string });
    // Distinct palettes, not one repeated.
    expect(new Set(a.palettes.map((p) => p.colors.join())).size).toBe(8);
  });

  it('temperature 0 gives the most typical palette; lower temperatures score higher on average', async () => {
    const cold = await call<PaletteList>('palette.generate', { seed: 5, count: 32, temperature: 0.5 });
    const warm = await call<PaletteList>('palette.generate', { seed: 5, count: 32, temperature: 1.5 });
    const mean = (l: PaletteList): number => l.palettes.reduce((s, p) => s + p.logLik, 0) / l.palettes.length;
    expect(mean(cold)).toBeGreaterThan(mean(warm));
    const zero = await call<PaletteList>('palette.generate', { seed: 5, count: 2, temperature: 0 });
    expect(zero.palettes[0]!.colors).toEqual(zero.palettes[1]!.colors);
  });
});

describe('score', () => {
  it('matches the exporter’s log-likelihood of the held-out palettes', async () => {
    for (const p of heldOut.slice(0, 8)) {
      const s = await call<PaletteResult>('palette.score', { colors: p.colors });
      expect(Math.abs(s.logLik - p.logLikelihood)).toBeLessThan(5e-3);
    }
  });

  it('real palettes score higher than random ones on average', async () => {
    const score = async (palettes: string[][]): Promise<number[]> => {
      const out: number[] = [];
      for (const colors of palettes)
        out.push((await call<PaletteResult>('palette.score', { colors })).logLik);
      return out;
    };
    const real = await score(heldOut.map((p) => p.colors));
    const random = await score(randomPalettes(real.length, 99));
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(real)).toBeGreaterThan(mean(random) + 5);
  });

  it('the percentile rises with the log-likelihood', async () => {
    const all: PaletteResult[] = [];
    for (const colors of [...heldOut.map((p) => p.colors), ...randomPalettes(12, 7)])
      all.push(await call<PaletteResult>('palette.score', { colors }));
    all.sort((a, b) => a.logLik - b.logLik);
    for (let i = 1; i < all.length; i++)
      expect(all[i]!.percentile).toBeGreaterThanOrEqual(all[i - 1]!.percentile);
    expect(all[0]!.percentile).toBeLessThan(all.at(-1)!.percentile);
  });

  it('reads upper-case hex and answers lower case', async () => {
    const s = await call<PaletteResult>('palette.score', {
      colors: heldOut[0]!.colors.map((c) => c.toUpperCase()),
    });
    expect(s.colors).toEqual(heldOut[0]!.colors);
  });
});

describe('complete', () => {
  const slots = ['#ecd078', null, '#c02942', null, null];

  it('keeps the locked colours exactly, in their places, and draws valid free ones; seeded', async () => {
    const a = await call<PaletteList>('palette.complete', { colors: slots, seed: 3, count: 6 });
    const b = await call<PaletteList>('palette.complete', { colors: slots, seed: 3, count: 6 });
    expect(a.palettes).toHaveLength(6);
    for (const p of a.palettes) {
      validPalette(p);
      expect(p.colors[0]).toBe('#ecd078');
      expect(p.colors[2]).toBe('#c02942');
    }
    expect(b.palettes).toEqual(a.palettes);
    // The free colours vary from chain to chain.
    expect(new Set(a.palettes.map((p) => p.colors[1])).size).toBeGreaterThan(3);
  });

  it('draws free colours that suit the kept ones better than random colours do', async () => {
    const kept = heldOut[1]!.colors;
    const r = await call<PaletteList>('palette.complete', {
      colors: [kept[0], kept[1], kept[2], kept[3], null],
      seed: 8,
      count: 16,
    });
    const random = randomPalettes(16, 5).map((p) => [kept[0]!, kept[1]!, kept[2]!, kept[3]!, p[4]!]);
    const randomScores: number[] = [];
    for (const colors of random)
      randomScores.push((await call<PaletteResult>('palette.score', { colors })).logLik);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(r.palettes.map((p) => p.logLik))).toBeGreaterThan(mean(randomScores));
    for (const p of r.palettes) expect(p.colors.slice(0, 4)).toEqual(kept.slice(0, 4));
  });

  it('with nothing kept, is generate', async () => {
    const c = await call<PaletteList>('palette.complete', {
      colors: [null, null, null, null, null],
      seed: 4,
      count: 3,
    });
    const g = await call<PaletteList>('palette.generate', { seed: 4, count: 3 });
    expect(c.palettes).toEqual(g.palettes);
  });
});

describe('interpolate', () => {
  it('goes from one palette to the other through the base space', async () => {
    const [a, b] = [heldOut[2]!.colors, heldOut[3]!.colors];
    const r = await call<PaletteList>('palette.interpolate', { from: a, to: b, steps: 7 });
    expect(r.palettes).toHaveLength(7);
    r.palettes.forEach(validPalette);
    expect(r.palettes[0]!.colors).toEqual(a);
    expect(r.palettes[6]!.colors).toEqual(b);
    // The middle is neither end.
    expect(r.palettes[3]!.colors).not.toEqual(a);
    expect(r.palettes[3]!.colors).not.toEqual(b);
    // Steps move gradually: each colour's OKLab distance between neighbours stays small.
    for (let i = 1; i < 7; i++)
      for (let k = 0; k < 5; k++) {
        const p = hexToOklab(r.palettes[i - 1]!.colors[k]!);
        const q = hexToOklab(r.palettes[i]!.colors[k]!);
        expect(Math.hypot(p[0] - q[0], p[1] - q[1], p[2] - q[2])).toBeLessThan(0.45);
      }
  });
});

describe('save, library and export', () => {
  it('saves a palette record with its score, .gpl and thumbnail; library.list finds it', async () => {
    const colors = heldOut[4]!.colors;
    const gen = await call<Generation>('palette.save', {
      colors,
      locks: [true, false, true, false, false],
      seed: 21,
      temperature: 0.8,
      origin: 'complete',
      name: 'Harbour',
    });
    expect(gen).toMatchObject({ kind: 'palette', title: 'Harbour', seed: 21, modelId: 'palettes' });
    if (gen.kind !== 'palette') throw new Error('expected a palette record');
    expect(gen.params).toMatchObject({ colors, locks: [true, false, true, false, false], temperature: 0.8 });
    expect(gen.params.logLik).toBeCloseTo(heldOut[4]!.logLikelihood, 2);
    const list = await call<Generation[]>('library.list', { kind: 'palette' });
    expect(list.map((g) => g.id)).toContain(gen.id);
    const gpl = await call<{ mime: string; bytes: Uint8Array }>('library.asset', {
      id: gen.id,
      role: 'text',
    });
    expect(new TextDecoder().decode(gpl.bytes)).toMatch(/^GIMP Palette\nName: Harbour\nColumns: 5\n/);
    const thumb = await call<{ mime: string; bytes: Uint8Array }>('library.asset', {
      id: gen.id,
      role: 'thumbnail',
    });
    expect(thumb.mime).toBe('image/png');
  });

  it('an unnamed palette is titled after its colours', async () => {
    const gen = await call<Generation>('palette.save', { colors: heldOut[5]!.colors });
    expect(gen.title).toBe(`Palette ${heldOut[5]!.colors.join(' ')}`);
  });

  it('exports .gpl, .ase, CSS and JSON files', async () => {
    const colors = heldOut[0]!.colors;
    for (const format of ['gpl', 'ase', 'css', 'json'] as const) {
      const f = await call<{ fileName: string; mime: string; bytes: Uint8Array }>('palette.export', {
        colors,
        format,
        name: 'Dusk',
      });
      expect(f.fileName).toBe(`atelier-palette-dusk.${format}`);
      expect(f.bytes.length).toBeGreaterThan(20);
    }
  });
});

describe('bad inputs are refused with the field named', () => {
  const ok = heldOut[0]!.colors;
  const cases: [string, string, unknown, string][] = [
    ['4 colours', 'palette.score', { colors: ok.slice(0, 4) }, 'colors'],
    ['6 colours', 'palette.save', { colors: [...ok, '#000000'] }, 'colors'],
    ['a bad hex', 'palette.score', { colors: [ok[0], ok[1], '#12345g', ok[3], ok[4]] }, 'colors.2'],
    ['a colour name', 'palette.export', { colors: ['red', ...ok.slice(1)], format: 'gpl' }, 'colors.0'],
    ['count 0', 'palette.generate', { seed: 1, count: 0 }, 'count'],
    [
      'count 33',
      'palette.complete',
      { colors: [ok[0], null, null, null, null], seed: 1, count: 33 },
      'count',
    ],
    ['NaN temperature', 'palette.generate', { seed: 1, temperature: Number.NaN }, 'temperature'],
    [
      'temperature 3',
      'palette.complete',
      { colors: [ok[0], null, null, null, null], seed: 1, temperature: 3 },
      'temperature',
    ],
    ['a missing seed', 'palette.generate', { count: 2 }, 'seed'],
    ['every colour kept', 'palette.complete', { colors: ok, seed: 1 }, 'colors'],
    ['1 step', 'palette.interpolate', { from: ok, to: ok, steps: 1 }, 'steps'],
    ['an unknown format', 'palette.export', { colors: ok, format: 'aco' }, 'format'],
    ['locks of 4', 'palette.save', { colors: ok, locks: [true, true, true, true] }, 'locks'],
  ];
  for (const [name, method, input, field] of cases)
    it(`${method}: ${name}`, async () => {
      const e = await refusal(method, input);
      expect(e.code).toBe('invalid-input');
      expect(e.field).toBe(field);
      expect(e.message).toMatch(/^[A-Z].*\.$/);
    });

  it('an unknown model is model-unavailable', async () => {
    const e = await refusal('palette.generate', { seed: 1, model: 'no-such-model' });
    expect(e).toMatchObject({ code: 'model-unavailable', field: 'model' });
  });

  it('a model of another task is refused', async () => {
    const e = await refusal('palette.score', { colors: ok, model: 'melody-vae' });
    expect(e).toMatchObject({ code: 'invalid-input', field: 'model' });
  });
});
