/**
 * The Palettes studio's service: 5-colour palettes from a normalizing flow over OKLab.
 *
 * The flow is two graphs (see ./model-section.ts): `forward` maps a standardised OKLab 15-vector x
 * to the base space (z, logdet), `inverse` maps z back. So:
 *   generate     z ~ N(0, temperature² I), seeded → inverse → colours (a palette with a colour outside
 *                the sRGB gamut is drawn again, up to DRAWS times, then the least-outside is clipped);
 *   score        the exact density at the palette's 8-bit colours:
 *                log p(x_raw) = Σ log N(z_i; 0, 1) + logdet − Σ log std, and its percentile among the
 *                training palettes' (the manifest's quantiles);
 *   complete     kept colours exactly, the free ones from the conditional density by seeded
 *                Metropolis-within-Gibbs in TypeScript (./mcmc.ts), one batched forward run per
 *                proposal round; chains start at the best of a few flow samples with the kept
 *                colours put in;
 *   interpolate  forward both ends → a lerp/slerp path in the base space → inverse.
 * Every answer is scored at its 8-bit colours, so a palette scores the same wherever it came from.
 * apply (./apply.ts) recolours a library picture with a palette in a worker thread (./recolorer.ts).
 */
import { join } from 'node:path';
import {
  AtelierError,
  DEFAULT_PALETTE_MODEL,
  invalid,
  paletteFileName,
  type PaletteList,
  type PaletteResult,
} from '../../../preload/contract';
import { pathPoints } from '../../../preload/latent';
import {
  gamutExcess,
  hexToOklab,
  inGamut,
  oklabToHex,
  oklabToPalette,
  PALETTE_COLORS,
  PALETTE_DIM,
  paletteToOklab,
  percentileOf,
} from '../../../preload/palette';
import type { DirectInference, ModelRef, RunResult } from '../../inference/client';
import { encodePng } from '../../inference/image';
import { Rng } from '../../../preload/rng';
import { rowSeed } from '../../inference/sequence';
import type { Manifest } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { requireModel } from '../models/resolve';
import { announce, type Section, type ServiceDeps } from '../section';
import { createApply } from './apply';
import { paletteFile } from './formats';
import { runChains } from './mcmc';
import { paletteGraphFile, type PaletteSection } from './model-section';
import { createRecolorer, type Recolorer } from './recolorer';
import { drawSwatches } from './thumbnail';

export type PaletteModel = RegisteredModel & { manifest: Manifest & { palette: PaletteSection } };

type Run = DirectInference['run'];

const LOG_2PI = Math.log(2 * Math.PI);

/** Flow samples per palette for generate: the first inside the sRGB gamut is kept. */
export const GENERATE_DRAWS = 6;
/** How far outside the gamut a colour may be and still count as inside (half an 8-bit step). */
export const GAMUT_TOLERANCE = 0.5 / 255;
/** Complete: flow samples per chain to start from (the most likely with the kept colours is taken). */
export const COMPLETE_STARTS = 16;
/** Complete: sweeps per chain (each moves every free colour once), the first ADAPT adapting the widths. */
export const COMPLETE_SWEEPS = 48;
export const COMPLETE_ADAPT_SWEEPS = 24;
/** Complete: the proposal's starting width, as a share of each coordinate's training spread. */
const STEP_SHARE = 0.4;

/** A seed stream for complete's starting draws, apart from the chains' own. */
const startSeed = (seed: number): number => (seed ^ 0x5a17e0b1) >>> 0;

/** The density and sampling maths of one palette model over a `run`. */
export function paletteFlow(m: PaletteModel) {
  const s = m.manifest.palette;
  const graph = (which: 'forward' | 'inverse'): ModelRef => {
    const f = paletteGraphFile(m.manifest.files, s[which])!;
    return { id: `${m.id}:${which}`, path: join(m.dir, f.path) };
  };
  const forwardRef = graph('forward');
  const inverseRef = graph('inverse');
  const logStdSum = s.std.reduce((a, v) => a + Math.log(v), 0);
  const constant = -0.5 * PALETTE_DIM * LOG_2PI - logStdSum;

  /** log p of raw OKLab 15-vectors, one batched forward run. */
  const logDensity = async (
    run: Run,
    rows: readonly ArrayLike<number>[],
  ): Promise<{ lp: number[]; r: RunResult }> => {
    const n = rows.length;
    const x = new Float32Array(n * PALETTE_DIM);
    rows.forEach((row, i) => {
      for (let d = 0; d < PALETTE_DIM; d++) x[i * PALETTE_DIM + d] = (row[d]! - s.mean[d]!) / s.std[d]!;
    });
    const r = await run({
      model: forwardRef,
      feeds: { x: { dtype: 'float32', dims: [n, PALETTE_DIM], data: x.buffer } },
      outputs: ['z', 'logdet'],
    });
    const z = new Float32Array(r.outputs.z!.data);
    const logdet = new Float32Array(r.outputs.logdet!.data);
    const lp = Array.from({ length: n }, (_, i) => {
      let q = 0;
      for (let d = 0; d < PALETTE_DIM; d++) q += z[i * PALETTE_DIM + d]! ** 2;
      return -0.5 * q + logdet[i]! + constant;
    });
    return { lp, r };
  };

  /** Base-space points of raw OKLab 15-vectors (one forward run). */
  const toBase = async (run: Run, rows: readonly ArrayLike<number>[]): Promise<number[][]> => {
    const x = new Float32Array(rows.length * PALETTE_DIM);
    rows.forEach((row, i) => {
      for (let d = 0; d < PALETTE_DIM; d++) x[i * PALETTE_DIM + d] = (row[d]! - s.mean[d]!) / s.std[d]!;
    });
    const r = await run({
      model: forwardRef,
      feeds: { x: { dtype: 'float32', dims: [rows.length, PALETTE_DIM], data: x.buffer } },
      outputs: ['z'],
    });
    const z = new Float32Array(r.outputs.z!.data);
    return rows.map((_, i) => Array.from(z.subarray(i * PALETTE_DIM, (i + 1) * PALETTE_DIM)));
  };

  /** Raw OKLab 15-vectors of base-space points `z` (n × 15, one inverse run). */
  const fromBase = async (run: Run, z: Float32Array): Promise<Float64Array[]> => {
    const n = z.length / PALETTE_DIM;
    const r = await run({
      model: inverseRef,
      feeds: { z: { dtype: 'float32', dims: [n, PALETTE_DIM], data: z.buffer as ArrayBuffer } },
      outputs: ['x'],
    });
    const x = new Float32Array(r.outputs.x!.data);
    return Array.from({ length: n }, (_, i) =>
      Float64Array.from({ length: PALETTE_DIM }, (_, d) => x[i * PALETTE_DIM + d]! * s.std[d]! + s.mean[d]!),
    );
  };

  /** Palettes scored at their 8-bit colours. */
  const scored = async (
    run: Run,
    palettes: readonly string[][],
  ): Promise<{ list: PaletteResult[]; r: RunResult }> => {
    const { lp, r } = await logDensity(run, palettes.map(paletteToOklab));
    return {
      list: palettes.map((colors, i) => ({
        colors,
        logLik: lp[i]!,
        percentile: percentileOf(lp[i]!, s.logLikelihoodQuantiles),
      })),
      r,
    };
  };

  /** Flow samples: palette k from its own stream, `draws` tries, the first in gamut (else the least outside). */
  const sample = async (
    run: Run,
    seed: number,
    count: number,
    temperature: number,
    draws: number,
  ): Promise<Float64Array[]> => {
    const z = new Float32Array(count * draws * PALETTE_DIM);
    for (let k = 0; k < count; k++) {
      const part = z.subarray(k * draws * PALETTE_DIM, (k + 1) * draws * PALETTE_DIM);
      new Rng(rowSeed(seed, k)).fillNormal(part);
      for (let i = 0; i < part.length; i++) part[i] = part[i]! * temperature;
    }
    const xs = await fromBase(run, z);
    return Array.from({ length: count }, (_, k) => {
      let best = xs[k * draws]!;
      let bestExcess = Infinity;
      for (let t = 0; t < draws; t++) {
        const x = xs[k * draws + t]!;
        if (colorsOf(x).every((lab) => inGamut(lab, GAMUT_TOLERANCE))) return x;
        const excess = colorsOf(x).reduce((a, lab) => a + gamutExcess(lab), 0);
        if (excess < bestExcess) {
          best = x;
          bestExcess = excess;
        }
      }
      return best;
    });
  };

  return { section: s, logDensity, toBase, fromBase, scored, sample };
}

const colorsOf = (x: ArrayLike<number>): [number, number, number][] =>
  Array.from({ length: PALETTE_COLORS }, (_, k) => [x[3 * k]!, x[3 * k + 1]!, x[3 * k + 2]!]);

/** A raw OKLab 15-vector with each colour moved to its nearest 8-bit sRGB colour. */
const snapped = (x: ArrayLike<number>): number[] => paletteToOklab(oklabToPalette(x));

/**
 * The Palettes studio's section of the contract. `recolorer` works out `apply`'s pixels off main's
 * thread (a worker thread, started on the first apply).
 */
export function createPaletteSection(
  deps: ServiceDeps,
  recolorer: Recolorer = createRecolorer(),
): Section<'palette'> {
  const flowOf = (id: string, field = 'model'): ReturnType<typeof paletteFlow> & { m: PaletteModel } => {
    const m = requireModel(deps.registry, id, 'palette', field) as PaletteModel;
    return { m, ...paletteFlow(m) };
  };

  const answer = (
    m: PaletteModel,
    started: number,
    r: RunResult,
    palettes: PaletteResult[],
  ): PaletteList => ({
    palettes,
    model: m.id,
    modelSha256: m.sha256,
    provider: r.provider,
    durationMs: performance.now() - started,
  });

  /** Generate and complete replace each other while waiting (Space pressed again: the newest wins). */
  const RUN_LANE = { priority: 'interactive', lane: 'palette:run' } as const;

  const generate = async (
    model: string,
    seed: number,
    count: number,
    temperature: number,
  ): Promise<PaletteList> => {
    const f = flowOf(model);
    const started = performance.now();
    return deps.inference.unit(RUN_LANE, async (direct) => {
      const xs = await f.sample(direct.run, seed, count, temperature, GENERATE_DRAWS);
      const { list, r } = await f.scored(
        direct.run,
        xs.map((x) => oklabToPalette(x)),
      );
      return answer(f.m, started, r, list);
    });
  };

  return {
    generate: ({ model, seed, count, temperature }) => generate(model, seed, count, temperature),

    async score({ model, colors }) {
      const f = flowOf(model);
      const run: Run = (req) => deps.inference.run(req, { priority: 'interactive', lane: 'palette:score' });
      return (await f.scored(run, [colors])).list[0]!;
    },

    async complete({ model, colors, seed, count, temperature }) {
      const free = colors.flatMap((c, k) => (c === null ? [k] : []));
      if (free.length === 0)
        throw invalid('Colors must leave at least one colour free (null) for the model to draw.', 'colors');
      // Nothing kept: the flow's own samples are exact.
      if (free.length === PALETTE_COLORS) return generate(model, seed, count, temperature);
      const f = flowOf(model);
      const started = performance.now();
      const kept = colors.map((c) => (c === null ? null : hexToOklab(c)));
      return deps.inference.unit(RUN_LANE, async (direct) => {
        // Starts: a few flow samples per chain with the kept colours put in, free ones snapped into
        // the gamut; each chain starts at its most likely one.
        const draws = await f.sample(direct.run, startSeed(seed), count * COMPLETE_STARTS, 1, 1);
        const starts = draws.map((x) => {
          const row = snapped(x);
          kept.forEach((lab, k) => {
            if (lab) row.splice(3 * k, 3, ...lab);
          });
          return row;
        });
        const { lp } = await f.logDensity(direct.run, starts);
        const init = Array.from({ length: count }, (_, c) => {
          let best = c * COMPLETE_STARTS;
          for (let t = 1; t < COMPLETE_STARTS; t++)
            if (lp[c * COMPLETE_STARTS + t]! > lp[best]!) best = c * COMPLETE_STARTS + t;
          return starts[best]!;
        });
        const chains = await runChains({
          init,
          free,
          step: f.section.std.map((sd) => STEP_SHARE * sd),
          temperature,
          seed,
          sweeps: COMPLETE_SWEEPS,
          adaptSweeps: COMPLETE_ADAPT_SWEEPS,
          logDensity: async (states) => (await f.logDensity(direct.run, states)).lp,
          inside: (lab) => inGamut(lab, 1e-9),
        });
        const palettes = chains.states.map((x) =>
          colors.map((c, k) => c ?? oklabToHex([x[3 * k]!, x[3 * k + 1]!, x[3 * k + 2]!])),
        );
        const { list, r } = await f.scored(direct.run, palettes);
        return answer(f.m, started, r, list);
      });
    },

    async interpolate({ model, from, to, steps, mode }) {
      const f = flowOf(model);
      const started = performance.now();
      return deps.inference.unit({ priority: 'interactive', lane: 'palette:interpolate' }, async (direct) => {
        const [za, zb] = await f.toBase(direct.run, [paletteToOklab(from), paletteToOklab(to)]);
        const path = pathPoints(za!, zb!, steps, mode);
        const xs = await f.fromBase(direct.run, Float32Array.from(path.flat()));
        // The ends are the two palettes themselves (the graphs invert each other to ~1e-5).
        const palettes = xs.map((x, i) => (i === 0 ? from : i === steps - 1 ? to : oklabToPalette(x)));
        const { list, r } = await f.scored(direct.run, palettes);
        return answer(f.m, started, r, list);
      });
    },

    async save({ colors, locks, name, origin, model, seed, temperature, parentId }) {
      const started = performance.now();
      if (parentId && !deps.library.exists(parentId))
        throw new AtelierError({
          code: 'not-found',
          message: 'The palette this one came from is no longer in the library.',
          field: 'parentId',
        });
      // Scored by the model named, or by the bundled model where it is installed and usable.
      const id = model ?? DEFAULT_PALETTE_MODEL;
      const bundled = deps.registry.get(id);
      const usable =
        model !== undefined || (bundled && !bundled.error && bundled.manifest?.task === 'palette');
      const f = usable ? flowOf(id) : null;
      const score = f
        ? await f.scored((req) => deps.inference.run(req, { priority: 'interactive' }), [colors])
        : null;
      const result = score?.list[0];
      const title = name.trim() || `Palette ${colors.join(' ')}`;
      const gen = await deps.library.add({
        kind: 'palette',
        modelId: f?.m.id ?? '',
        modelSha256: f?.m.sha256 ?? '',
        provider: score?.r.provider ?? '',
        seed,
        params: {
          colors,
          locks,
          name: name.trim(),
          origin,
          ...(temperature !== undefined ? { temperature } : {}),
          ...(result ? { logLik: result.logLik, percentile: result.percentile } : {}),
          ...(f ? { modelVersion: f.m.manifest.version } : {}),
        },
        parentId,
        durationMs: performance.now() - started,
        width: null,
        height: null,
        title,
        assets: [
          {
            role: 'text',
            mime: 'text/x-gimp-palette',
            ext: 'gpl',
            bytes: paletteFile(colors, 'gpl', title).bytes,
          },
          {
            role: 'thumbnail',
            mime: 'image/png',
            ext: 'png',
            bytes: encodePng(drawSwatches(colors, 240, 240)),
          },
        ],
      });
      return announce(deps, gen);
    },

    export({ colors, format, name }) {
      const file = paletteFile(colors, format, name.trim());
      return { fileName: paletteFileName(name, colors, file.ext), mime: file.mime, bytes: file.bytes };
    },

    apply: createApply(deps, recolorer),
  };
}
