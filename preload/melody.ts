/**
 * Music theory shared by main (the scale lock masks model tokens) and the renderer (the piano
 * roll shades rows outside the scale, names pitches). No Node, no Electron.
 */

export const KEYS = ['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B'] as const;
export type Key = (typeof KEYS)[number];

/** Semitone steps above the key's tonic that each scale keeps. */
export const SCALES = {
  chromatic: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
  major: [0, 2, 4, 5, 7, 9, 11],
  minor: [0, 2, 3, 5, 7, 8, 10],
  dorian: [0, 2, 3, 5, 7, 9, 10],
  mixolydian: [0, 2, 4, 5, 7, 9, 10],
  'harmonic-minor': [0, 2, 3, 5, 7, 8, 11],
  'major-pentatonic': [0, 2, 4, 7, 9],
  'minor-pentatonic': [0, 3, 5, 7, 10],
  blues: [0, 3, 5, 6, 7, 10],
} as const satisfies Record<string, readonly number[]>;
export type ScaleName = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as ScaleName[];

export const SCALE_LABELS: Record<ScaleName, string> = {
  chromatic: 'Chromatic (no lock)',
  major: 'Major',
  minor: 'Natural minor',
  dorian: 'Dorian',
  mixolydian: 'Mixolydian',
  'harmonic-minor': 'Harmonic minor',
  'major-pentatonic': 'Major pentatonic',
  'minor-pentatonic': 'Minor pentatonic',
  blues: 'Blues',
};

/** Pitch classes 0–11 (C = 0) that are in the scale. */
export function scalePitchClasses(key: Key, scale: ScaleName): boolean[] {
  const tonic = KEYS.indexOf(key);
  const mask = new Array<boolean>(12).fill(false);
  for (const step of SCALES[scale]) mask[(tonic + step) % 12] = true;
  return mask;
}

export function inScale(pitch: number, mask: readonly boolean[]): boolean {
  return mask[((pitch % 12) + 12) % 12] === true;
}

/** "C4" for MIDI 60 (scientific pitch notation, as most DAWs label it). */
export function pitchName(pitch: number): string {
  return `${KEYS[((pitch % 12) + 12) % 12]}${Math.floor(pitch / 12) - 1}`;
}

/** Beats per bar: Atelier's melodies are in 4/4 on a 16th-note grid. */
export const BEATS_PER_BAR = 4;
/** Grid steps per beat (16th notes). */
export const STEPS_PER_BEAT = 4;
