// Render token sequences (INTERFACE.md) to single-track MIDI files, 120 bpm, 4/4 unless a meter is given.
//
//   node write_midi.mjs spec.json
//
// spec.json: [{ "file": "out/path.mid", "tokens": [ints], "name": "track name" (optional), "meter": [6, 8] (optional) }, ...]
// Relative `file` paths are resolved against the current directory. A NOTE_ON lasts through the HOLDs after it;
// a HOLD after REST (invalid) is treated as REST.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', '..', '..', 'package.json'));
const { Midi } = require('@tonejs/midi');

const REST = 0, HOLD = 1, NOTE_BASE = 2, PMIN = 48;

export function tokensToMidi(tokens, name = 'melody', meter = [4, 4]) {
  const midi = new Midi();
  midi.header.setTempo(120);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: meter });
  midi.header.update();
  const stepTicks = midi.header.ppq / 4;
  const track = midi.addTrack();
  track.name = name;
  let cur = null;
  const flush = (end) => {
    if (cur) track.addNote({ midi: cur.p, ticks: cur.s * stepTicks, durationTicks: (end - cur.s) * stepTicks, velocity: 0.8 });
    cur = null;
  };
  tokens.forEach((t, i) => {
    if (t >= NOTE_BASE) { flush(i); cur = { p: t - NOTE_BASE + PMIN, s: i }; }
    else if (t === REST || (t === HOLD && !cur)) flush(i);
  });
  flush(tokens.length);
  return Buffer.from(midi.toArray());
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  for (const { file, tokens, name, meter } of spec) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(path.resolve(file), tokensToMidi(tokens, name, meter));
  }
  console.log(`wrote ${spec.length} MIDI file(s)`);
}
