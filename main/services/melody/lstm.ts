/**
 * The melody LSTM's two jobs: Generate (a whole melody of `bars` bars in one pass, its state carried
 * from bar to bar, so phrases come back and the key holds) and Continue (the selection read first,
 * then new bars). The meter-aware model is told the meter, the key signature and a running step
 * counter from the clip's first bar line (it finds the beat and the bar of its 16-bar phrase from
 * them); a model without `meters` in its manifest is the first, 4/4-only LSTM (position in the bar).
 */
import { invalid, type MelodyMeter, type MelodyPhraseForm, type Note } from '../../../preload/contract';
import { estimateKey, keySignatureOf, meterBeats, type Key, type ScaleName } from '../../../preload/melody';
import type { Priority, SequenceRun } from '../../inference/client';
import type { SamplingRules } from '../../inference/sequence';
import type { WireTensor } from '../../inference/protocol';
import type { Manifest, MelodySection } from '../models/manifest';
import type { RegisteredModel } from '../models/registry';
import { modelFile } from '../models/resolve';
import type { ServiceDeps } from '../section';
import { type TokenGrid } from './tokens';

export type MelodyModel = RegisteredModel & { manifest: Manifest & { melody: MelodySection } };

/** 16th-note steps in one bar of the meter (6/8 → 12, 9/8 → 18). */
export function meterSteps(meter: MelodyMeter): number {
  const [n, d] = meter.split('/').map(Number) as [number, number];
  return meterBeats([n, d]) * 4;
}

/** The model's id for the meter, or a refusal naming the meters it knows. */
export function meterId(m: MelodyModel, meter: MelodyMeter): number | null {
  const known = m.manifest.melody.meters;
  if (!known) {
    if (meterSteps(meter) === 16) return null;
    throw invalid(`Model "${m.id}" writes 4/4 only; it cannot write ${meter}.`, 'meter');
  }
  const id = known[meter];
  if (id === undefined)
    throw invalid(
      `Model "${m.id}" writes ${Object.keys(known).join(', ')}; it cannot write ${meter}.`,
      'meter',
    );
  return id;
}

/**
 * The pitch class of the major key whose signature the melody is in: the lock's key and scale (a
 * mode as its relative major), else the key the notes suggest, else the lock's key as a major key.
 */
export function signatureTonic(key: Key, scale: ScaleName, notes: readonly Note[] = []): number {
  const guess = scale === 'chromatic' ? estimateKey(notes) : null;
  const sig =
    keySignatureOf(key, scale) ??
    (guess ? keySignatureOf(guess.key, guess.scale) : null) ??
    keySignatureOf(key, 'major')!;
  return (((sig.sharps * 7) % 12) + 12) % 12;
}

interface Run {
  batch: number;
  meter: MelodyMeter;
  tonic: number;
  /** Steps of the clip before the context (a bar line of the meter). */
  from: number;
  /** Tokens read before drawing, one list per row (equal lengths). */
  prime: number[][];
  steps: number;
  rules: SamplingRules;
  priority: Priority;
}

/** Runs the LSTM's step graph: the prime read, then `steps` tokens drawn per row. */
export function runLstm(deps: ServiceDeps, m: MelodyModel, r: Run): Promise<SequenceRun> {
  const g: TokenGrid = m.manifest.melody;
  const { hidden, layers } = m.manifest.melody;
  const id = meterId(m, r.meter);
  const perRow = (v: number): WireTensor => ({
    dtype: 'int64',
    dims: [r.batch],
    data: BigInt64Array.from({ length: r.batch }, () => BigInt(v)).buffer,
  });
  const keyed = id !== null;
  return deps.inference.sequence(
    { id: `${m.id}:step`, path: modelFile(m, 'step') },
    {
      batch: r.batch,
      names: { token: 'token', position: 'pos', logits: 'logits', state: { h: 'h_out', c: 'c_out' } },
      initialState: { h: { zeros: [layers, r.batch, hidden] }, c: { zeros: [layers, r.batch, hidden] } },
      constants: keyed ? { meter: perRow(id), key: perRow(r.tonic) } : {},
      first: new Array<number>(r.batch).fill(g.rest),
      prime: r.prime,
      steps: r.steps,
      // The meter-aware model counts steps from the clip's first bar line; the first one the 16 steps of a bar.
      position: keyed ? { offset: r.from, modulo: 0 } : { offset: r.from % 16, modulo: 16 },
      sampling: r.rules,
    },
    { priority: r.priority },
  );
}

/** One pass of Generate: draw `bars` new bars, or play bars `from`… again for `bars` − 1 bars and draw one. */
export type FormStep = { draw: number } | { repeat: number; from: number };

/**
 * The folk form ('repeat'): the melody in parts of 8 bars (4 when it is shorter than 16), each
 * played twice, the second time with its last bar drawn anew (A A′ B B′ …), bars left over drawn
 * freely; 'through' draws every bar. The model is not asked to remember the part: the service
 * replays it, and the model, reading it, writes the new ending and what follows to fit.
 */
export function formPlan(bars: number, form: MelodyPhraseForm): FormStep[] {
  const part = bars >= 16 ? 8 : 4;
  if (form === 'through' || bars < 2 * part) return [{ draw: bars }];
  const plan: FormStep[] = [];
  let at = 0;
  while (bars - at >= 2 * part) {
    plan.push({ draw: part }, { repeat: part, from: at });
    at += 2 * part;
  }
  if (bars > at) plan.push({ draw: bars - at });
  return plan;
}

/** Distinct seeds for the passes (or the VAE's segments) of one Generate, from the user's seed. */
export const passSeed = (seed: number, k: number): number => (seed + Math.imul(k + 1, 0x632be5ab)) >>> 0;

/** Generate with the LSTM: the form's passes in order, each reading everything written before it. */
export async function generateWithForm(
  deps: ServiceDeps,
  m: MelodyModel,
  r: Omit<Run, 'from' | 'prime' | 'steps'> & { bars: number; form: MelodyPhraseForm },
): Promise<{ tokens: number[][]; provider: string; inferenceMs: number }> {
  const bar = meterSteps(r.meter);
  const tokens: number[][] = Array.from({ length: r.batch }, () => []);
  let provider = 'cpu';
  let inferenceMs = 0;
  for (const [k, step] of formPlan(r.bars, r.form).entries()) {
    const played =
      'repeat' in step
        ? tokens.map((t) => t.slice(step.from * bar, (step.from + step.repeat - 1) * bar))
        : tokens.map(() => []);
    const res = await runLstm(deps, m, {
      ...r,
      from: 0,
      prime: tokens.map((t, i) => [...t, ...played[i]!]),
      steps: ('repeat' in step ? 1 : step.draw) * bar,
      rules: { ...r.rules, seed: k === 0 ? r.rules.seed : passSeed(r.rules.seed, k) },
    });
    res.tokens.forEach((t, i) => tokens[i]!.push(...played[i]!, ...t));
    provider = res.provider;
    inferenceMs += res.inferenceMs;
  }
  return { tokens, provider, inferenceMs };
}
