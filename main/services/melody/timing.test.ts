import { describe, expect, it } from 'vitest';
import { readMidi } from './midi';
import { ticksPerBeat } from './timing';

const vlq = (n: number): number[] => {
  const out = [n & 0x7f];
  for (n >>= 7; n > 0; n >>= 7) out.unshift((n & 0x7f) | 0x80);
  return out;
};

/**
 * A one-track MIDI file written by hand: `division` as the header's word (SMPTE when its top bit
 * is set), an optional tempo, and notes as [pitch, start tick, length in ticks].
 */
function midiFile(division: number, notes: [number, number, number][], bpm?: number): Uint8Array {
  const events: { tick: number; bytes: number[] }[] = [];
  if (bpm) {
    const us = Math.round(60_000_000 / bpm);
    events.push({ tick: 0, bytes: [0xff, 0x51, 3, (us >> 16) & 0xff, (us >> 8) & 0xff, us & 0xff] });
  }
  for (const [pitch, start, length] of notes) {
    events.push({ tick: start, bytes: [0x90, pitch, 100] });
    events.push({ tick: start + length, bytes: [0x80, pitch, 0] });
  }
  events.sort((a, b) => a.tick - b.tick);
  const track: number[] = [];
  let last = 0;
  for (const e of events) {
    track.push(...vlq(e.tick - last), ...e.bytes);
    last = e.tick;
  }
  track.push(0, 0xff, 0x2f, 0);
  const len = track.length;
  return Uint8Array.from([
    ...[0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, (division >> 8) & 0xff, division & 0xff],
    ...[0x4d, 0x54, 0x72, 0x6b, (len >>> 24) & 0xff, (len >> 16) & 0xff, (len >> 8) & 0xff, len & 0xff],
    ...track,
  ]);
}

/** The SMPTE division word: −fps in the high byte, ticks per frame in the low one. */
const smpte = (fps: number, ticksPerFrame: number): number => (((0x100 - fps) & 0xff) << 8) | ticksPerFrame;

describe('SMPTE-timed MIDI files', () => {
  it('reads onsets and lengths in beats at 120 bpm when the file has no tempo (not ×0.8)', () => {
    // 24 fps × 32 ticks a frame = 768 ticks a second = 384 ticks a beat at 120 bpm.
    const bytes = midiFile(smpte(24, 32), [
      [60, 0, 192],
      [62, 384, 384],
      [64, 768 * 2, 768],
    ]);
    const notes = readMidi(bytes, 'smpte.mid').tracks[0]!.notes;
    expect(notes.map((n) => [n.pitch, n.start, n.duration])).toEqual([
      [60, 0, 0.5],
      [62, 1, 1],
      [64, 4, 2],
    ]);
  });

  it('uses the file’s tempo to turn seconds into beats', () => {
    // 25 fps × 40 = 1,000 ticks a second; at 90 bpm a beat is 2/3 s = 666.7 ticks.
    const bytes = midiFile(
      smpte(25, 40),
      [
        [67, 0, 1000],
        [69, 2000, 500],
      ],
      90,
    );
    const file = readMidi(bytes, 'smpte90.mid');
    expect(file.bpm).toBeCloseTo(90, 3);
    const [a, b] = file.tracks[0]!.notes;
    expect(a!.start).toBe(0);
    expect(a!.duration).toBeCloseTo(1.5, 3); // 1 s at 90 bpm
    expect(b!.start).toBeCloseTo(3, 3); // 2 s
    expect(b!.duration).toBeCloseTo(0.75, 3);
  });

  it('29.97 drop-frame (−29) runs at 30000/1001 frames a second', () => {
    // 10 s of 29.97 fps × 80 ticks a frame: the note starts 20 beats in at 120 bpm.
    const perSecond = (30000 / 1001) * 80;
    const bytes = midiFile(smpte(29, 80), [[60, Math.round(10 * perSecond), Math.round(perSecond / 2)]]);
    const [n] = readMidi(bytes, 'df.mid').tracks[0]!.notes;
    expect(n!.start).toBeCloseTo(20, 2);
    expect(n!.duration).toBeCloseTo(1, 2);
  });

  it('ticksPerBeat: a PPQ file is its division; SMPTE depends on the tempo', () => {
    expect(ticksPerBeat(480)).toBe(480);
    expect(ticksPerBeat(96, 60)).toBe(96);
    expect(ticksPerBeat(smpte(24, 32))).toBe(384);
    expect(ticksPerBeat(smpte(30, 4), 60)).toBe(120);
    expect(ticksPerBeat(smpte(25, 40), 150)).toBe(400);
  });
});
