/**
 * The melody LSTM in every meter it knows, through the service, the real inference process and the
 * bundled model: the asked length in bars of the meter, the same notes for the same seed, the key it
 * is given kept over 16 bars, continuations on the meter's bar lines, and refusals that name the field.
 */
import { describe, expect, it } from 'vitest';
import type { MelodyTakes, Note } from '../../../preload/contract';
import { KEYS, type Key } from '../../../preload/melody';
import { fileAtelier } from '../../testing/file-atelier';

const { call, refusal: refused } = fileAtelier('atelier-meter-');

async function refusal(method: string, input: unknown): Promise<{ field?: string; message: string }> {
  const e = await refused(method, input);
  expect(e.code).toBe('invalid-input');
  return e;
}

const METERS = { '4/4': 4, '2/2': 4, '2/4': 2, '3/4': 3, '6/8': 3, '9/8': 4.5 } as const;
const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const sig = (notes: Note[]): string => notes.map((n) => `${n.pitch}@${n.start}/${n.duration}`).join(' ');

/** Share of note time inside the major scale of `tonic` (a key signature's pitch set). */
function shareIn(notes: Note[], tonic: number): number {
  const total = notes.reduce((a, n) => a + n.duration, 0);
  const inside = notes
    .filter((n) => MAJOR.includes((((n.pitch - tonic) % 12) + 12) % 12))
    .reduce((a, n) => a + n.duration, 0);
  return total ? inside / total : 0;
}
const bestKey = (notes: Note[]): number =>
  Array.from({ length: 12 }, (_, k) => k).reduce(
    (b, k) => (shareIn(notes, k) > shareIn(notes, b) ? k : b),
    0,
  );
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('the melody LSTM writes every meter it knows', () => {
  for (const [meter, beats] of Object.entries(METERS))
    it(`16 bars of ${meter}: ${16 * beats} beats, reaching the last bar, on the 16th grid`, async () => {
      const r = await call<MelodyTakes>('melody.generate', { meter, bars: 16, seed: 21 });
      expect(r.model).toBe('melody-rnn');
      const t = r.takes[0]!;
      expect(t.bars).toBe(16);
      const end = Math.max(...t.notes.map((n) => n.start + n.duration));
      expect(end).toBeLessThanOrEqual(16 * beats);
      expect(t.notes.some((n) => n.start >= 15 * beats)).toBe(true);
      for (const n of t.notes) expect(n.start * 4).toBe(Math.round(n.start * 4));
    });

  it('the same seed gives the same notes in each meter; take k does not depend on the count', async () => {
    for (const meter of ['3/4', '6/8']) {
      const a = await call<MelodyTakes>('melody.generate', { meter, bars: 8, seed: 4 });
      const b = await call<MelodyTakes>('melody.generate', { meter, bars: 8, seed: 4, count: 3 });
      const c = await call<MelodyTakes>('melody.generate', { meter, bars: 8, seed: 5 });
      expect(sig(b.takes[0]!.notes)).toBe(sig(a.takes[0]!.notes));
      expect(sig(c.takes[0]!.notes)).not.toBe(sig(a.takes[0]!.notes));
      expect(new Set(b.takes.map((t) => sig(t.notes))).size).toBe(3);
    }
  });

  it('the meter changes the rhythm: the same seed in 4/4 and 6/8 gives other notes', async () => {
    const a = await call<MelodyTakes>('melody.generate', { meter: '4/4', bars: 8, seed: 9 });
    const b = await call<MelodyTakes>('melody.generate', { meter: '6/8', bars: 8, seed: 9 });
    expect(sig(a.takes[0]!.notes)).not.toBe(sig(b.takes[0]!.notes));
  });
});

describe('form', () => {
  const onsets = (notes: Note[], from: number, to: number, shift = 0): string[] =>
    notes
      .filter((n) => n.start >= from && n.start < to)
      .map((n) => `${n.pitch}@${n.start + shift}`)
      .sort();

  it('"repeat" (the default): bars 9–15 play bars 1–7 again, bar 16 is a new ending; "through" does not', async () => {
    const r = await call<MelodyTakes>('melody.generate', { bars: 16, seed: 21, count: 3 });
    for (const t of r.takes) {
      expect(onsets(t.notes, 32, 60)).toEqual(onsets(t.notes, 0, 28, 32));
      expect(onsets(t.notes, 0, 28).length).toBeGreaterThan(6);
    }
    const free = await call<MelodyTakes>('melody.generate', {
      bars: 16,
      seed: 21,
      count: 3,
      form: 'through',
    });
    const repeated = free.takes.filter(
      (t) =>
        sig(t.notes.filter((n) => n.start < 28)) ===
        sig(t.notes.filter((n) => n.start >= 32 && n.start < 60).map((n) => ({ ...n, start: n.start - 32 }))),
    );
    expect(repeated).toHaveLength(0);
    // The first part is the same draw either way: the form changes what follows it.
    expect(sig(free.takes[0]!.notes.filter((n) => n.start < 28))).toBe(
      sig(r.takes[0]!.notes.filter((n) => n.start < 28)),
    );
  });

  it('in 6/8, 8 bars: two 4-bar parts of 12 beats, the second repeating the first three bars', async () => {
    const r = await call<MelodyTakes>('melody.generate', { meter: '6/8', bars: 8, seed: 5 });
    const t = r.takes[0]!;
    expect(onsets(t.notes, 12, 21)).toEqual(onsets(t.notes, 0, 9, 12));
  });
});

describe('16 bars stay in the key they are given, without a scale lock', () => {
  it('at the defaults (seeds 21–28, temperature 1, no lock): median note time in the key at least 90 % in each meter', async () => {
    for (const meter of ['4/4', '3/4', '6/8']) {
      const r = await call<MelodyTakes>('melody.generate', { meter, bars: 16, seed: 21, count: 8 });
      const shares = r.takes.map((t) => shareIn(t.notes, 0));
      expect(median(shares), `${meter}: ${shares.map((s) => s.toFixed(2)).join(' ')}`).toBeGreaterThanOrEqual(
        0.9,
      );
    }
  });

  it('the key field moves the melody: the best-fitting key is the one asked for most takes', async () => {
    for (const key of ['D', 'F', 'A'] as Key[]) {
      const r = await call<MelodyTakes>('melody.generate', { key, bars: 16, seed: 3, count: 6 });
      const hits = r.takes.filter((t) => bestKey(t.notes) === KEYS.indexOf(key)).length;
      expect(hits, key).toBeGreaterThanOrEqual(4);
    }
  });
});

describe('continue in the clip’s meter', () => {
  /** Two bars of a jig in G (6/8: bars of 3 beats, eighth notes). */
  const jig: Note[] = [67, 71, 74, 72, 71, 69, 67, 69, 71, 72, 74, 71].map((p, i) => ({
    pitch: p,
    start: i * 0.5,
    duration: 0.5,
    velocity: 96,
  }));

  it('adds bars of 6/8 after the selection, in its key', async () => {
    const r = await call<MelodyTakes>('melody.continue', {
      notes: jig,
      meter: '6/8',
      bars: 4,
      seed: 2,
      count: 4,
    });
    for (const t of r.takes) {
      expect(Math.min(...t.notes.map((n) => n.start))).toBeGreaterThanOrEqual(6);
      expect(Math.max(...t.notes.map((n) => n.start + n.duration))).toBeLessThanOrEqual(6 + 4 * 3);
    }
    const shares = r.takes.map((t) => shareIn(t.notes, 7));
    expect(median(shares)).toBeGreaterThanOrEqual(0.85);
  });
});

describe('a generated melody keeps its meter in the library and in its MIDI file', () => {
  it('saved in 9/8, its record and its .mid carry the time signature', async () => {
    const r = await call<MelodyTakes>('melody.generate', { meter: '9/8', bars: 4, seed: 1 });
    const saved = await call<{ params: { timeSignature?: number[] } }>('melody.save', {
      clip: { notes: r.takes[0]!.notes, bpm: 100, name: 'Slip jig', timeSignature: [9, 8] },
      origin: 'generate',
      model: r.model,
      seed: 1,
    });
    expect(saved.params.timeSignature).toEqual([9, 8]);
    const file = await call<{ bytes: Uint8Array }>('melody.exportMidi', {
      clip: { notes: r.takes[0]!.notes, bpm: 100, name: 'Slip jig', timeSignature: [9, 8] },
    });
    const back = await call<{ timeSignature?: number[] }>('melody.importMidi', {
      bytes: file.bytes,
      fileName: 'slip.mid',
    });
    expect(back.timeSignature).toEqual([9, 8]);
  });
});

describe('refusals name the field', () => {
  it('an unknown meter, 7/8, bars 0, and a meter the melody VAE cannot write', async () => {
    const seven = await refusal('melody.generate', { meter: '7/8', bars: 4, seed: 1 });
    expect(seven.field).toBe('meter');
    expect(seven.message).toMatch(/4\/4, 2\/2, 2\/4, 3\/4, 6\/8, 9\/8/);
    expect((await refusal('melody.generate', { meter: 'waltz', bars: 4, seed: 1 })).field).toBe('meter');
    expect((await refusal('melody.generate', { meter: '3/4', bars: 0, seed: 1 })).field).toBe('bars');
    expect(
      (
        await refusal('melody.continue', {
          meter: '5/4',
          notes: [{ pitch: 60, start: 0, duration: 1 }],
          bars: 2,
          seed: 1,
        })
      ).field,
    ).toBe('meter');
    const vae = await refusal('melody.generate', { model: 'melody-vae', meter: '3/4', bars: 4, seed: 1 });
    expect(vae.field).toBe('meter');
    expect(vae.message).toMatch(/melody LSTM/);
  });
});
