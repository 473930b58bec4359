/**
 * How a MIDI file counts time, from its header's division word: ticks per quarter note, or — top
 * bit set — SMPTE time: a frame rate (the high byte as a negative number: −24, −25, −29 for
 * 29.97 drop-frame, −30) × ticks per frame (the low byte). SMPTE ticks measure seconds, not
 * beats, so they become beats through the tempo (the file's first, or 120 bpm when it has none).
 */

/** Ticks per quarter-note beat of a file with this division word, read at `bpm`. */
export function ticksPerBeat(division: number, bpm = 120): number {
  if ((division & 0x8000) === 0) return division > 0 ? division : 480;
  const frames = 0x100 - ((division >> 8) & 0xff); // two's complement of the high byte
  const fps = frames === 29 ? 30000 / 1001 : frames;
  const ticksPerFrame = division & 0xff;
  if (ticksPerFrame === 0 || fps <= 0) return 480;
  const tempo = Number.isFinite(bpm) && bpm > 0 ? bpm : 120;
  return (fps * ticksPerFrame * 60) / tempo;
}
