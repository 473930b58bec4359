/**
 * MIDI import runs in the inference process, never on main's loop: while a file of 99,990 notes is
 * read, main keeps answering (timers fire), and the refusals still read as sentences.
 */
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realAtelier } from '../../testing/atelier';

type MidiModule = typeof import('@tonejs/midi');
const { Midi } = createRequire(import.meta.url)('@tonejs/midi') as MidiModule;

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
  await env.atelier.inference.start();
});
afterAll(async () => env.cleanup());

function bigFile(): Uint8Array {
  const m = new Midi();
  for (let t = 0; t < 10; t++) {
    const track = m.addTrack();
    for (let i = 0; i < 9999; i++) track.addNote({ midi: 40 + (i % 40), time: i * 0.1, duration: 0.09 });
  }
  return m.toArray();
}

describe('melody.importMidi', () => {
  it('reads a big file off main: main keeps answering while it is read', async () => {
    const bytes = bigFile();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 2);
    try {
      const r = await env.atelier.router.call('melody.importMidi', { bytes, fileName: 'big.mid' });
      if (!r.ok) throw new Error(r.error.message);
      const tracks = (r.value as { tracks: { notes: unknown[] }[] }).tracks;
      expect(tracks).toHaveLength(10);
      expect(tracks[0]!.notes).toHaveLength(9999);
    } finally {
      clearInterval(timer);
    }
    // A parse on main's loop holds every timer until it is done (no tick could run during the call).
    expect(ticks).toBeGreaterThan(2);
  });

  it('a damaged file is refused in a sentence, naming the field', async () => {
    const bytes = bigFile().subarray(0, 5000);
    const r = await env.atelier.router.call('melody.importMidi', { bytes, fileName: 'cut.mid' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'bytes' } });
    if (!r.ok) expect(r.error.message).toMatch(/^cut\.mid is damaged or cut short; it could not be read\.$/);
  });
});
