/**
 * The MIDI augment's parameters: one flat object for all methods, each key used by the methods
 * it names, checked before the job starts so a bad one is a refusal naming `params.<key>`.
 *
 * - `spread` (variations): how far from each 4-bar segment's code, in prior standard deviations, 0–3.
 * - `temperature` (variations, continuations): how freely the models draw notes, 0.1–2.
 * - `bars` (continuations): new bars after the melody, 1–16.
 * - `semitones` (transpositions): the shifts, −12…12; item j moves by `semitones[j mod length]`.
 * - `keyLock` (variations, continuations): keep the models' notes in the source's key (on by default).
 */
import { z } from 'zod';
import { invalid, type MidiAugmentMethod } from '../../../../preload/contract';

const between = (lo: number, hi: number): string => `must be from ${lo} to ${hi}`;

export const MidiParams = z
  .object({
    spread: z.number('must be a number').min(0, between(0, 3)).max(3, between(0, 3)).default(0.7),
    temperature: z.number('must be a number').min(0.1, between(0.1, 2)).max(2, between(0.1, 2)).default(0.9),
    bars: z
      .number('must be a number')
      .int('must be a whole number of bars')
      .min(1, between(1, 16))
      .max(16, between(1, 16))
      .default(4),
    semitones: z
      .array(
        z
          .number('must be whole numbers of semitones')
          .int('must be whole numbers of semitones')
          .min(-12, 'must be from -12 to 12')
          .max(12, 'must be from -12 to 12'),
        'must be a list of semitones such as [-5, 2]',
      )
      .min(1, 'must list at least one shift')
      .max(24, 'must list at most 24 shifts')
      .default([-5, -2, 2, 5]),
    keyLock: z.boolean('must be true or false').default(true),
  })
  .strict();
export type MidiParams = z.output<typeof MidiParams>;

/** Which keys each method reads (what its manifest rows and the card record). */
export const METHOD_KEYS: Record<MidiAugmentMethod, readonly (keyof MidiParams)[]> = {
  variations: ['spread', 'temperature', 'keyLock'],
  continuations: ['bars', 'temperature', 'keyLock'],
  transpositions: ['semitones'],
};

/** The params completed with defaults, or a refusal naming the key. */
export function parseMidiParams(raw: unknown): MidiParams {
  const r = MidiParams.safeParse(raw ?? {});
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    throw invalid(
      `Parameter "${key.slice(0, 40)}" is not one the MIDI augment takes (spread, temperature, bars, semitones, keyLock).`,
      `params.${key.slice(0, 40)}`,
    );
  }
  const key = String(issue.path[0] ?? '');
  throw invalid(`Parameter "${key}" ${issue.message}.`, key ? `params.${key}` : 'params');
}

/** The params one method reads, for its manifest rows and the card. */
export function methodParams(p: MidiParams, method: MidiAugmentMethod): Record<string, unknown> {
  return Object.fromEntries(METHOD_KEYS[method].map((k) => [k, p[k]]));
}
