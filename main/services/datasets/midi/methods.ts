/**
 * The three ways the MIDI augment makes a new melody from a source, each item from its own seed
 * alone (so a rerun, or another machine, makes the same notes):
 *
 * - variations: the Melody Sketcher's variations with the melody VAE — each 4-bar segment
 *   encoded, its code moved by `spread` × N(0, I), decoded — cut to the source's length, moved
 *   back to its octave; tempo and meter are the source's;
 * - continuations: the source, then `bars` new bars (of its meter) from the melody LSTM primed
 *   with it in that meter, the new notes moved to the source's octave;
 * - transpositions: every note moved by `semitones[index mod length]`, no model.
 *
 * The melody VAE was trained on 4/4 and 2/4 folk tunes, the LSTM on 4/4, 2/2, 2/4, 3/4, 6/8 and
 * 9/8: other meters are read on the 4/4 grid (their bar lines kept in the written file), which the
 * card notes.
 */
import {
  AtelierError,
  MELODY_MAX_BARS,
  MelodyContinueInput,
  MelodyVariationsInput,
  type MidiAugmentMethod,
  type Note,
} from '../../../../preload/contract';
import { BEATS_PER_BAR, DEFAULT_METER, modelMeterOf } from '../../../../preload/melody';
import { meterSteps } from '../../melody/lstm';
import { createMelodySection } from '../../melody/melody';
import { requireModel } from '../../models/resolve';
import type { ServiceDeps } from '../../section';
import type { ModelRef } from '../method';
import {
  barBeats,
  cutAt,
  endBeats,
  lengthBars,
  sourceLock,
  toOctaveOf,
  transpose,
  transposeKey,
  type Lock,
} from './melody';
import type { MidiParams } from './params';
import type { Melody } from './source';

/** A made item: its notes and the key its file is written in; or why none was made. */
export type Made = { ok: true; notes: Note[]; key: Lock } | { ok: false; reason: string };

export interface MidiMethod {
  id: MidiAugmentMethod;
  model: ModelRef | null;
  /** What item `index` adds to the manifest's params (known before it is made: part of its plan). */
  extra(source: Melody, index: number, p: MidiParams): Record<string, unknown>;
  make(source: Melody, seed: number, index: number, p: MidiParams): Promise<Made>;
}

const MODEL_IDS: Record<MidiAugmentMethod, string | null> = {
  variations: 'melody-vae',
  continuations: 'melody-rnn',
  transpositions: null,
};

/** The model each method uses (checked installed), for the manifest and the card. */
function modelRef(deps: Pick<ServiceDeps, 'registry'>, method: MidiAugmentMethod): ModelRef | null {
  const id = MODEL_IDS[method];
  if (!id) return null;
  const m = requireModel(deps.registry, id, id, 'methods');
  return { id: m.id, sha256: m.sha256, ...(m.manifest.license ? { licence: m.manifest.license } : {}) };
}

/** The key lock the models ran under, for the manifest. */
const lockExtra = (src: Melody, _index: number, p: MidiParams): Record<string, unknown> => {
  const l = sourceLock(src, p.keyLock);
  return { key: l.key, scale: l.scale };
};

const shiftOf = (p: MidiParams, index: number): number => p.semitones[index % p.semitones.length]!;

export function midiMethods(deps: ServiceDeps, ids: readonly MidiAugmentMethod[]): MidiMethod[] {
  const melody = createMelodySection(deps);
  const all: Record<MidiAugmentMethod, Omit<MidiMethod, 'id' | 'model'>> = {
    variations: {
      extra: lockExtra,
      async make(src, seed, _index, p) {
        const bars = lengthBars(src);
        const long = Math.ceil(endBeats(src.notes) / BEATS_PER_BAR - 1e-9);
        if (long > MELODY_MAX_BARS)
          return {
            ok: false,
            reason: `it is ${long} bars of 4/4 long; the melody VAE reads melodies of up to ${MELODY_MAX_BARS} bars`,
          };
        const lock = sourceLock(src, p.keyLock);
        const input = MelodyVariationsInput.parse({
          notes: src.notes,
          count: 1,
          amount: p.spread,
          seed,
          temperature: p.temperature,
          ...lock,
        });
        const r = await attempt(() => melody.variations(input));
        if ('reason' in r) return { ok: false, reason: r.reason };
        const notes = toOctaveOf(cutAt(withVelocity(r.takes[0]!.notes), bars * barBeats(src)), src.notes);
        if (!notes.length) return { ok: false, reason: 'the model wrote no notes' };
        return { ok: true, notes, key: lock };
      },
    },
    continuations: {
      extra: lockExtra,
      async make(src, seed, _index, p) {
        const lock = sourceLock(src, p.keyLock);
        const end = endBeats(src.notes);
        const target = (lengthBars(src) + p.bars) * barBeats(src);
        // The model writes bars of the source's meter (4/4 ones for a meter it does not know) from
        // where the melody ends; ask for enough to reach the target.
        const meter = modelMeterOf(src.timeSignature ?? DEFAULT_METER) ?? '4/4';
        const modelBar = meterSteps(meter) / 4;
        const ask = Math.min(32, Math.max(1, Math.ceil((target - end) / modelBar - 1e-9)));
        const input = MelodyContinueInput.parse({
          meter,
          notes: src.notes,
          bars: ask,
          count: 1,
          seed,
          temperature: p.temperature,
          ...lock,
        });
        const r = await attempt(() => melody.continue(input));
        if ('reason' in r) return { ok: false, reason: r.reason };
        const added = toOctaveOf(cutAt(withVelocity(r.takes[0]!.notes), target), src.notes);
        if (!added.length) return { ok: false, reason: 'the model wrote no new notes' };
        return { ok: true, notes: [...src.notes, ...added], key: lock };
      },
    },
    transpositions: {
      extra: (_src, index, p) => ({ shift: shiftOf(p, index) }),
      make(src, _seed, index, p) {
        const shift = shiftOf(p, index);
        const notes = transpose(src.notes, shift);
        const lock = sourceLock(src, true);
        const key = { key: transposeKey(lock.key, shift), scale: lock.scale };
        return Promise.resolve(
          notes
            ? { ok: true, notes, key }
            : {
                ok: false,
                reason: `moving it by ${shift > 0 ? '+' : ''}${shift} semitones would take notes outside MIDI's 0–127`,
              },
        );
      },
    },
  };
  return ids.map((id) => ({ id, model: modelRef(deps, id), ...all[id] }));
}

/** The section's answer types a note's velocity as optional; it always sets one (96 if not). */
const withVelocity = (notes: readonly (Omit<Note, 'velocity'> & { velocity?: number })[]): Note[] =>
  notes.map((n) => ({ ...n, velocity: n.velocity ?? 96 }));

/** A refusal by the melody section (a melody too long for the model) is a reason to skip the item. */
async function attempt<T extends object>(call: () => T | Promise<T>): Promise<T | { reason: string }> {
  try {
    return await call();
  } catch (e) {
    if (e instanceof AtelierError && e.code === 'invalid-input') return { reason: e.message };
    throw e;
  }
}
