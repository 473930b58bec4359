/** The library's melody records as clips the studio can open, audition and interpolate between. */
import { Bpm, MelodyOrigin, NoteList, type Generation, type Note } from '../../../preload/contract';
import { DEFAULT_METER, meterBeats, type Meter } from '../../../preload/melody';
import { readLock, readMeter, type Lock } from './lock';
import { barsOf } from './notes';

export interface MelodyRecord {
  id: string;
  title: string;
  /** The clip's own name (empty when it was saved untitled). */
  name: string;
  createdAt: number;
  notes: Note[];
  bpm: number;
  bars: number;
  origin: string;
  modelId: string;
  seed: number;
  latents: number[][] | null;
  /** The key and scale it was saved with (null for clips saved before clips had one). */
  lock: Lock | null;
  /** Its time signature (null: 4/4). */
  meter: Meter | null;
  generation: Generation;
}

export const DEFAULT_BPM = 120;

/** A melody generation as a clip, or null when its params hold no valid notes. */
export function recordFromGeneration(gen: Generation): MelodyRecord | null {
  if (gen.kind !== 'melody') return null;
  const p = gen.params;
  const notes = NoteList.safeParse(p.notes);
  if (!notes.success) return null;
  const bpm = Bpm.safeParse(p.bpm);
  const origin = MelodyOrigin.safeParse(p.origin);
  const latents =
    Array.isArray(p.latents) &&
    p.latents.every((z) => Array.isArray(z) && z.every((v) => typeof v === 'number' && Number.isFinite(v)))
      ? (p.latents as number[][])
      : null;
  const meter = readMeter(p.timeSignature);
  const bars =
    typeof p.bars === 'number' && p.bars >= 1
      ? Math.round(p.bars)
      : barsOf(notes.data, meterBeats(meter ?? DEFAULT_METER));
  return {
    id: gen.id,
    title: gen.title,
    name: typeof p.name === 'string' ? p.name.slice(0, 120) : '',
    createdAt: gen.createdAt,
    notes: notes.data,
    bpm: bpm.success ? bpm.data : DEFAULT_BPM,
    bars,
    origin: origin.success ? origin.data : 'edit',
    modelId: gen.modelId,
    seed: gen.seed,
    latents,
    lock: readLock(p),
    meter,
    generation: gen,
  };
}

/** The library's melody generations as clips, newest first (unreadable records left out). */
export function recordsFrom(list: readonly Generation[] | null): MelodyRecord[] {
  if (!list) return [];
  return list
    .map(recordFromGeneration)
    .filter((r): r is MelodyRecord => r !== null)
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** "4 bars · 120 bpm" */
export function clipSummary(r: Pick<MelodyRecord, 'bars' | 'bpm'>): string {
  return `${r.bars} bar${r.bars === 1 ? '' : 's'} · ${Math.round(r.bpm)} bpm`;
}

const clock = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How a clip is listed where one is picked (Interpolate's A and B): "Reel · 4 bars · seed 7 · Mar 3, 14:02:09". */
export function clipOptionLabel(
  r: Pick<MelodyRecord, 'title' | 'bars' | 'seed' | 'modelId' | 'createdAt'>,
  format: Intl.DateTimeFormat = clock,
): string {
  const parts = [r.title || 'Untitled clip'];
  // What a title made by the studio already says is not repeated.
  const length = `${r.bars} bar${r.bars === 1 ? '' : 's'}`;
  if (!r.title.includes(length)) parts.push(length);
  // The seed tells model takes apart.
  if (r.modelId && !/\bseed \d/.test(r.title)) parts.push(`seed ${r.seed}`);
  parts.push(Number.isFinite(r.createdAt) ? format.format(new Date(r.createdAt)) : '—');
  return parts.join(' · ');
}
