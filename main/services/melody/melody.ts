/**
 * The Melody Sketcher's service: Generate / Variations / Interpolate with the melody VAE,
 * Continue with the autoregressive model, encode/decode for the latent sliders, clips in the
 * library, MIDI in and out. Sampling (temperature, seed, scale lock) runs in TypeScript inside
 * the inference process (../../inference/sequence.ts); this module builds the rules and turns
 * tokens back into notes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AtelierError,
  invalid,
  MELODY_MAX_BARS,
  MELODY_MAX_BEATS,
  MelodyClip,
  MusicKey,
  MusicScale,
  TimeSignature,
  type MelodyTake,
  type MelodyTakes,
  type Note,
} from '../../../preload/contract';
import { pathPoints } from '../../../preload/latent';
import {
  BEATS_PER_BAR,
  meterBeats,
  scalePitchClasses,
  type Key,
  type ScaleName,
} from '../../../preload/melody';
import { melodyFileName } from '../../../preload/names';
import { encodePng } from '../../inference/image';
import type { Priority } from '../../inference/client';
import type { WireTensor } from '../../inference/protocol';
import { Rng } from '../../../preload/rng';
import { rowSeed, type SamplingRules } from '../../inference/sequence';
import { modelFile, requireModel } from '../models/resolve';
import { announce, type Section, type ServiceDeps } from '../section';
import { generateWithForm, meterSteps, passSeed, runLstm, signatureTonic, type MelodyModel } from './lstm';
import { writeMidi } from './midi';
import { renameClip, takenTitles } from './store';
import { drawClip } from './thumbnail';
import { defaultTitle, uniqueTitle } from './titles';
import {
  allowedTokens,
  endStep,
  notesToTokens,
  STEPS_PER_BAR,
  tokensToNotes,
  type TokenGrid,
} from './tokens';

type Model = MelodyModel;

interface Sampling {
  seed: number;
  temperature: number;
  key: Key;
  scale: ScaleName;
}

/** The most context the autoregressive model reads before continuing (64 bars). */
const MAX_CONTEXT_STEPS = 64 * STEPS_PER_BAR;

const grid = (m: Model): TokenGrid => m.manifest.melody;

const midiName = (clip: MelodyClip): string => melodyFileName(clip.name, 'mid');

/** The Melody Sketcher's section of the contract. */
export function createMelodySection(deps: ServiceDeps): Section<'melody'> {
  const vae = (id: string): Model => requireModel(deps.registry, id, 'melody-vae', 'model') as Model;
  const rnn = (id: string): Model => requireModel(deps.registry, id, 'melody-rnn', 'model') as Model;
  /** Generate takes either kind: the LSTM writes the whole melody, the VAE chains 4-bar latents. */
  const generator = (id: string): Model =>
    requireModel(
      deps.registry,
      id,
      deps.registry.get(id)?.manifest?.task === 'melody-vae' ? 'melody-vae' : 'melody-rnn',
      'model',
    ) as Model;

  const rules = (m: Model, s: Sampling, seed: number): SamplingRules => {
    const g = grid(m);
    return {
      temperature: s.temperature,
      seed,
      ...(s.scale === 'chromatic' ? {} : { allowed: allowedTokens(g, scalePitchClasses(s.key, s.scale)) }),
      onlyAfter: [
        {
          token: g.hold,
          after: Array.from({ length: g.vocab }, (_, t) => t).filter((t) => t !== g.rest),
        },
      ],
      // "A note starts" is one event competing with rest and hold, whatever its pitch.
      groups: [Array.from({ length: g.pitchMax - g.pitchMin + 1 }, (_, i) => g.noteOnBase + i)],
    };
  };

  const segSteps = (m: Model): number => m.manifest.melody.bars! * STEPS_PER_BAR;

  /** Latents of the model's size (the contract has already refused non-finite numbers). */
  const checkLatents = (m: Model, latents: readonly (readonly number[])[], field: string): void => {
    const dim = m.manifest.melody.dim!;
    latents.forEach((z, i) => {
      if (z.length !== dim)
        throw invalid(
          `${field}.${i} has ${z.length} numbers; model "${m.id}" has a ${dim}-dimensional latent space.`,
          `${field}.${i}`,
        );
    });
  };

  /**
   * Decodes rows of segment latents (rows[r][k] = latent of segment k of melody r) into tokens:
   * per segment, decoder_init(z) then the step loop, the segment's first input being the last
   * token of the one before (REST at the start), so phrases join.
   */
  const decodeRows = async (
    m: Model,
    rows: number[][][],
    s: Sampling,
    priority: Priority,
    lane?: string,
  ): Promise<{ tokens: number[][]; provider: string; inferenceMs: number }> => {
    const g = grid(m);
    const dim = m.manifest.melody.dim!;
    const T = segSteps(m);
    const batch = rows.length;
    const segments = rows[0]!.length;
    // All segments as one unit: a newer slider move replaces the whole decode, never half of it.
    return deps.inference.unit({ priority, ...(lane ? { lane } : {}) }, async (direct) => {
      const tokens: number[][] = rows.map(() => []);
      let provider = 'cpu';
      let inferenceMs = 0;
      for (let k = 0; k < segments; k++) {
        const z = new Float32Array(batch * dim);
        rows.forEach((r, i) => z.set(r[k]!, i * dim));
        const zt: WireTensor = { dtype: 'float32', dims: [batch, dim], data: z.buffer };
        const init = await direct.run({
          model: { id: `${m.id}:decoder-init`, path: modelFile(m, 'decoder-init') },
          feeds: { z: zt },
          outputs: ['h', 'c'],
        });
        const res = await direct.sequence(
          { id: `${m.id}:decoder-step`, path: modelFile(m, 'decoder-step') },
          {
            batch,
            names: { token: 'token', position: 'step', logits: 'logits', state: { h: 'h_out', c: 'c_out' } },
            initialState: { h: init.outputs.h!, c: init.outputs.c! },
            constants: { z: zt },
            first: tokens.map((t) => t.at(-1) ?? g.rest),
            prime: rows.map(() => []),
            steps: T,
            position: { offset: 0, modulo: 0 },
            sampling: rules(m, s, passSeed(s.seed, k)),
          },
        );
        res.tokens.forEach((t, i) => tokens[i]!.push(...t));
        provider = res.provider;
        inferenceMs += init.inferenceMs + res.inferenceMs;
      }
      return { tokens, provider, inferenceMs };
    });
  };

  /** A clip's latents: its tokens from the clip start, cut into segments, each encoded to its mean. */
  const encodeNotes = async (
    m: Model,
    notes: readonly Note[],
    segments: number,
    priority: Priority,
  ): Promise<number[][]> => {
    const g = grid(m);
    const T = segSteps(m);
    const tokens = notesToTokens(notes, 0, segments * T, g);
    const data = BigInt64Array.from(tokens, (t) => BigInt(t));
    const enc = await deps.inference.run(
      {
        model: { id: `${m.id}:encoder`, path: modelFile(m, 'encoder') },
        feeds: { tokens: { dtype: 'int64', dims: [segments, T], data: data.buffer } },
        outputs: ['mean'],
      },
      { priority },
    );
    const mean = new Float32Array(enc.outputs.mean!.data);
    const dim = m.manifest.melody.dim!;
    return Array.from({ length: segments }, (_, k) => Array.from(mean.subarray(k * dim, (k + 1) * dim)));
  };

  const segmentsFor = (m: Model, notes: readonly Note[]): number =>
    Math.max(1, Math.ceil(endStep(notes) / segSteps(m)));

  /** The melody VAE reads clips as long as it writes (and the sliders decode): at most MELODY_MAX_BARS. */
  const checkLength = (notes: readonly Note[], field: string): void => {
    const bars = Math.ceil(endStep(notes) / STEPS_PER_BAR);
    if (bars > MELODY_MAX_BARS)
      throw invalid(
        `${field} spans ${bars} bars; the melody VAE reads at most ${MELODY_MAX_BARS} bars (select a part of it).`,
        field,
      );
  };

  const takes = (m: Model, started: number, r: { provider: string }, list: MelodyTake[]): MelodyTakes => ({
    takes: list,
    model: m.id,
    modelSha256: m.sha256,
    provider: r.provider,
    durationMs: performance.now() - started,
  });

  /** Decodes each row of latents into a take `bars` long (generate, variations, interpolate). */
  const latentTakes = async (
    m: Model,
    started: number,
    rows: number[][][],
    bars: number,
    s: Sampling,
  ): Promise<MelodyTakes> => {
    const d = await decodeRows(m, rows, s, 'batch');
    const list = d.tokens.map((t, r) => ({
      notes: cut(tokensToNotes(t, 0, grid(m)), bars * BEATS_PER_BAR),
      bars,
      latents: rows[r]!,
      seed: s.seed,
    }));
    return takes(m, started, d, list);
  };

  /** The notes before `end` beats, the last one shortened to end there. */
  const cut = (notes: Note[], end: number): Note[] => {
    return notes
      .filter((n) => n.start < end)
      .map((n) => (n.start + n.duration > end ? { ...n, duration: end - n.start } : n));
  };

  return {
    async generate(input) {
      const m = generator(input.model);
      const started = performance.now();
      if (m.manifest.task === 'melody-rnn') {
        // One pass over the whole melody: the state carries the key and the phrase from bar to bar.
        const steps = input.bars * meterSteps(input.meter);
        const res = await generateWithForm(deps, m, {
          batch: input.count,
          meter: input.meter,
          tonic: signatureTonic(input.key, input.scale),
          bars: input.bars,
          form: input.form,
          rules: rules(m, input, input.seed),
          priority: 'batch',
        });
        const list = res.tokens.map((t) => ({
          notes: cut(tokensToNotes(t, 0, grid(m)), steps / 4),
          bars: input.bars,
          seed: input.seed,
        }));
        return takes(m, started, res, list);
      }
      if (meterSteps(input.meter) !== STEPS_PER_BAR)
        throw invalid(
          `The melody VAE writes 4-bar phrases of 4/4; for ${input.meter} pick the melody LSTM ("melody-rnn").`,
          'meter',
        );
      const dim = m.manifest.melody.dim!;
      const segments = Math.ceil(input.bars / m.manifest.melody.bars!);
      const rho = input.coherence;
      // Latents per take: a random walk whose steps keep `coherence` of the previous phrase.
      const rows = Array.from({ length: input.count }, (_, r) => {
        const rng = new Rng(rowSeed(input.seed, r));
        const out: number[][] = [];
        for (let k = 0; k < segments; k++) {
          const eps = rng.fillNormal(new Float32Array(dim));
          const prev = out[k - 1];
          out.push(Array.from(eps, (e, i) => (prev ? rho * prev[i]! + Math.sqrt(1 - rho * rho) * e : e)));
        }
        return out;
      });
      return latentTakes(m, started, rows, input.bars, input);
    },

    async variations(input) {
      const m = vae(input.model);
      checkLength(input.notes, 'notes');
      const started = performance.now();
      const segments = segmentsFor(m, input.notes);
      const base = await encodeNotes(m, input.notes, segments, 'batch');
      const dim = m.manifest.melody.dim!;
      const rows = Array.from({ length: input.count }, (_, r) => {
        const rng = new Rng(rowSeed(input.seed, r));
        return base.map((z) => {
          const eps = rng.fillNormal(new Float32Array(dim));
          return z.map((v, i) => v + input.amount * eps[i]!);
        });
      });
      const bars = Math.ceil(endStep(input.notes) / STEPS_PER_BAR);
      return latentTakes(m, started, rows, bars, input);
    },

    async interpolate(input) {
      const m = vae(input.model);
      checkLength(input.from, 'from');
      checkLength(input.to, 'to');
      const started = performance.now();
      const segments = Math.max(segmentsFor(m, input.from), segmentsFor(m, input.to));
      const [a, b] = [
        await encodeNotes(m, input.from, segments, 'batch'),
        await encodeNotes(m, input.to, segments, 'batch'),
      ];
      // One path per segment, then step i takes the i-th point of every segment's path.
      const paths = a.map((za, k) => pathPoints(za, b[k]!, input.steps, input.mode));
      const rows = Array.from({ length: input.steps }, (_, i) => paths.map((p) => p[i]!));
      const bars = Math.ceil(Math.max(endStep(input.from), endStep(input.to)) / STEPS_PER_BAR);
      return latentTakes(m, started, rows, bars, input);
    },

    async continue(input) {
      const m = rnn(input.model);
      const started = performance.now();
      const g = grid(m);
      const end = endStep(input.notes);
      const first = Math.min(...input.notes.map((n) => Math.round(n.start * 4)));
      const bar = meterSteps(input.meter);
      // Context from the bar line before the first note (at most 64 bars), so positions in the bar are right.
      let from = Math.floor(first / bar) * bar;
      if (end - from > MAX_CONTEXT_STEPS) from = Math.ceil((end - MAX_CONTEXT_STEPS) / bar) * bar;
      const res = await runLstm(deps, m, {
        batch: input.count,
        meter: input.meter,
        tonic: signatureTonic(input.key, input.scale, input.notes),
        from,
        prime: new Array(input.count).fill(notesToTokens(input.notes, from, end - from, g)) as number[][],
        steps: input.bars * bar,
        // The selection's last note ends where the continuation starts: no HOLD there.
        rules: { ...rules(m, input, input.seed), forbidFirst: [g.hold] },
        priority: 'batch',
      });
      return takes(
        m,
        started,
        res,
        res.tokens.map((t) => ({
          // Never past the longest clip the contract takes back.
          notes: cut(tokensToNotes(t, end, g), MELODY_MAX_BEATS),
          bars: input.bars,
          seed: input.seed,
        })),
      );
    },

    async encode({ model, notes }) {
      const m = vae(model);
      checkLength(notes, 'notes');
      const segments = segmentsFor(m, notes);
      const latents = await encodeNotes(m, notes, segments, 'interactive');
      return { latents, bars: segments * m.manifest.melody.bars! };
    },

    async decode(input) {
      const m = vae(input.model);
      checkLatents(m, input.latents, 'latents');
      const d = await decodeRows(m, [input.latents], input, 'interactive', 'melody:decode');
      const bars = input.bars ?? input.latents.length * m.manifest.melody.bars!;
      return {
        notes: cut(tokensToNotes(d.tokens[0]!, 0, grid(m)), bars * BEATS_PER_BAR),
        bars,
        latents: input.latents,
        seed: input.seed,
      };
    },

    async save({ clip, origin, model, seed, params, latents, provider, durationMs, parentId }) {
      const started = performance.now();
      const m = model ? deps.registry.get(model) : undefined;
      if (model && !m) throw invalid(`There is no model "${model}" installed.`, 'model');
      if (parentId && !deps.library.exists(parentId))
        throw new AtelierError({
          code: 'not-found',
          message: 'The clip this one came from is no longer in the library.',
          field: 'parentId',
        });
      const notes = [...clip.notes].sort((a, b) => a.start - b.start || a.pitch - b.pitch);
      const barBeats = clip.timeSignature ? meterBeats(clip.timeSignature) : BEATS_PER_BAR;
      const bars = Math.max(
        1,
        Math.ceil(Math.max(0, ...notes.map((n) => n.start + n.duration)) / barBeats - 1e-9),
      );
      // A name the musician can tell apart: how the clip was made when unnamed, numbered when taken.
      const wanted = clip.name.trim() || defaultTitle({ origin, seed, bars, model: !!m, params });
      const title = uniqueTitle(wanted, takenTitles(deps.library, wanted));
      const thumb = drawClip(notes, Math.ceil((bars * barBeats) / BEATS_PER_BAR), 256, 96);
      const gen = await deps.library.add({
        kind: 'melody',
        modelId: m?.id ?? '',
        modelSha256: m?.sha256 ?? '',
        provider: provider ?? '',
        seed,
        params: {
          ...params,
          origin,
          name: title,
          notes,
          bpm: clip.bpm,
          bars,
          ...(clip.key ? { key: clip.key } : {}),
          ...(clip.scale ? { scale: clip.scale } : {}),
          ...(clip.timeSignature ? { timeSignature: clip.timeSignature } : {}),
          ...(latents ? { latents } : {}),
          ...(m?.manifest ? { modelVersion: m.manifest.version } : {}),
        },
        parentId,
        durationMs: durationMs ?? performance.now() - started,
        width: null,
        height: null,
        title,
        assets: [
          { role: 'midi', mime: 'audio/midi', ext: 'mid', bytes: writeMidi({ ...clip, name: title, notes }) },
          { role: 'thumbnail', mime: 'image/png', ext: 'png', bytes: encodePng(thumb) },
        ],
      });
      return announce(deps, gen);
    },

    async rename({ id, name }) {
      const gen = deps.library.get(id);
      if (gen.kind !== 'melody')
        throw invalid(`“${gen.title || id.slice(0, 8)}” is not a melody clip.`, 'id');
      const title = uniqueTitle(name, takenTitles(deps.library, name, id));
      const p = gen.params;
      // The MIDI file is written again with the new track name (its notes, tempo, key and meter as saved).
      const clip = MelodyClip.safeParse({ notes: p.notes ?? [], bpm: p.bpm, name: title });
      const key = MusicKey.safeParse(p.key);
      const scale = MusicScale.safeParse(p.scale);
      const meter = TimeSignature.safeParse(p.timeSignature);
      const midi = clip.success
        ? writeMidi({
            ...clip.data,
            ...(key.success ? { key: key.data } : {}),
            ...(scale.success ? { scale: scale.data } : {}),
            ...(meter.success ? { timeSignature: meter.data } : {}),
          })
        : null;
      await renameClip(deps.library, id, title, p, midi);
      return announce(deps, deps.library.get(id) as typeof gen);
    },

    importMidi({ bytes, fileName }) {
      // Read in the inference process (a big file takes a tenth of a second or more): the reader
      // checks the file and lists its tracks; the key and meter come from its signatures.
      return deps.inference.readMidi(bytes, fileName);
    },

    exportMidi({ clip }) {
      return { fileName: midiName(clip), mime: 'audio/midi', bytes: writeMidi(clip) };
    },

    /** Electron drags a real file out of the window: the clip is written to the data dir first. */
    async startDrag({ clip }) {
      if (!deps.host.startDrag) return { started: false };
      const dir = join(deps.dataDir, 'drag');
      await mkdir(dir, { recursive: true });
      const path = join(dir, midiName(clip));
      await writeFile(path, writeMidi(clip));
      deps.host.startDrag(path);
      return { started: true };
    },
  };
}
