import { MELODY_METERS, type MelodyMeter } from './contract/melody';

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

/** "G major", "E natural minor", or "no lock" for chromatic. */
export function lockLabel(key: Key, scale: ScaleName): string {
  return scale === 'chromatic' ? 'no lock' : `${key} ${SCALE_LABELS[scale].toLowerCase()}`;
}

/** Krumhansl–Kessler key profiles (C major, C minor): how well each pitch class fits the key. */
const MAJOR_PROFILE = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
const MINOR_PROFILE = [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

export interface KeyEstimate {
  key: Key;
  scale: 'major' | 'minor';
  /** The correlation of the notes with the key's profile (−1 to 1; above about 0.6 is a clear key). */
  confidence: number;
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return da === 0 || db === 0 ? 0 : num / Math.sqrt(da * db);
}

/**
 * The key of some notes (Krumhansl–Schmuckler): each pitch class weighted by how long it sounds,
 * correlated with the 24 major and minor key profiles. Null when the notes are too few to tell
 * (fewer than three pitch classes) or fit no key at least `minConfidence`.
 */
export function estimateKey(
  notes: readonly { pitch: number; duration: number }[],
  minConfidence = 0.5,
): KeyEstimate | null {
  const weight = new Array<number>(12).fill(0);
  for (const n of notes) {
    if (!(n.duration > 0)) continue;
    weight[((n.pitch % 12) + 12) % 12]! += n.duration;
  }
  if (weight.filter((w) => w > 0).length < 3) return null;
  let best: KeyEstimate | null = null;
  for (const [scale, profile] of [
    ['major', MAJOR_PROFILE],
    ['minor', MINOR_PROFILE],
  ] as const)
    for (let tonic = 0; tonic < 12; tonic++) {
      const rotated = weight.map((_, pc) => profile[(pc - tonic + 12) % 12]!);
      const r = correlation(weight, rotated);
      if (!best || r > best.confidence + 1e-9) best = { key: KEYS[tonic]!, scale, confidence: r };
    }
  return best && best.confidence >= minConfidence ? best : null;
}

/**
 * The MIDI key signature of a key and scale: sharps (negative = flats) and major/minor. Minor-type
 * scales (minor, harmonic minor, minor pentatonic, blues) are written as their minor key; modes as
 * their relative key (mixolydian as the major key a fourth up, dorian as the minor key a fifth up:
 * G mixolydian → C major, D dorian → A minor). Chromatic has no key signature (null).
 */
export function keySignatureOf(key: Key, scale: ScaleName): { sharps: number; minor: boolean } | null {
  if (scale === 'chromatic') return null;
  const tonic = KEYS.indexOf(key);
  /** Semitones from the scale's tonic to the tonic of the major key with the same signature. */
  const toMajor: Record<Exclude<ScaleName, 'chromatic'>, number> = {
    major: 0,
    'major-pentatonic': 0,
    mixolydian: 5,
    minor: 3,
    'harmonic-minor': 3,
    'minor-pentatonic': 3,
    blues: 3,
    dorian: 10,
  };
  const major = (tonic + toMajor[scale]) % 12;
  const fifths = (major * 7) % 12;
  const minor = scale !== 'major' && scale !== 'major-pentatonic' && scale !== 'mixolydian';
  return { sharps: fifths > 6 ? fifths - 12 : fifths, minor };
}

/** The key a MIDI key signature names (sharps −7…7, negative = flats), with sharps in its name. */
export function keyFromSignature(sharps: number, minor: boolean): { key: Key; scale: 'major' | 'minor' } {
  const major = (((Math.round(sharps) * 7) % 12) + 12) % 12;
  return { key: KEYS[minor ? (major + 9) % 12 : major]!, scale: minor ? 'minor' : 'major' };
}

/** A time signature: beats in a bar and the note value of a beat ([6, 8] = six eighths). */
export type Meter = readonly [number, number];
export const DEFAULT_METER: Meter = [4, 4];
/** The meters the studio offers (a clip may carry another one from a MIDI file). */
export const METERS: readonly Meter[] = [
  [4, 4],
  [3, 4],
  [2, 4],
  [2, 2],
  [6, 8],
  [9, 8],
  [12, 8],
];
export const meterLabel = (m: Meter): string => `${m[0]}/${m[1]}`;

/** The meter as the melody models name it, or null for one they were not trained in (12/8, 5/4, …). */
export function modelMeterOf(m: Meter): MelodyMeter | null {
  const label = meterLabel(m);
  return (MELODY_METERS as readonly string[]).includes(label) ? (label as MelodyMeter) : null;
}

/**
 * Where the metronome clicks and accents in a bar, in quarter-note beats: compound meters (6/8,
 * 9/8, 12/8) count dotted quarters, simple ones their own beats; the first click of a bar is accented.
 */
export function meterPulses(m: Meter): number[] {
  const compound = m[1] === 8 && m[0] % 3 === 0 && m[0] > 3;
  const step = compound ? 1.5 : 4 / m[1];
  const beats = meterBeats(m);
  const out: number[] = [];
  for (let b = 0; b < beats - 1e-9; b += step) out.push(b);
  return out;
}
/** Quarter-note beats in one bar of the meter (6/8 → 3). */
export const meterBeats = (m: Meter): number => (m[0] * 4) / m[1];
