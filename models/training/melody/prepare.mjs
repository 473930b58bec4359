// Nottingham melody MIDI -> token sequences on the 16th-note grid (see INTERFACE.md).
//
//   node prepare.mjs [--data ../../../../shared/data/nottingham] [--out .cache/tunes.json]
//
// Keeps every tune in one meter (4/4, 2/2, 2/4, 3/4, 6/8 or 9/8; bars counted from tick 0) plus the one tune that mixes
// 4/4 and 2/4 (the first models' set), checks per meter that the grid is bar-aligned (onsets on beat 1 dominate), and
// writes one record per tune:
// { name, tokens, keyTonic (pitch class), keyMode ("major"|"minor"), meters, meter, stepsPerBar, pickupSteps }.
// `meter` is the meter class the models are conditioned on ("2/2" is drawn as 4/4's 16-step bars); the first models
// (4/4 only) read the tunes whose meters are all 4/4, 2/4 or 2/2, with 16-step bars, exactly as before.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(HERE, '..', '..', '..', 'package.json'));
const { Midi } = require('@tonejs/midi');

const args = process.argv.slice(2);
const opt = (name, dflt) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : dflt; };
const DATA = path.resolve(opt('--data', path.join(HERE, '..', '..', '..', '..', 'shared', 'data', 'nottingham')));
const OUT = path.resolve(opt('--out', path.join(HERE, '.cache', 'tunes.json')));

export const REST = 0, HOLD = 1, NOTE_BASE = 2, PMIN = 48, PMAX = 95, SPB = 16;
const PC = { C: 0, 'C#': 1, Db: 1, D: 2, 'D#': 3, Eb: 3, E: 4, F: 5, 'F#': 6, Gb: 6, G: 7, 'G#': 8, Ab: 8, A: 9, 'A#': 10, Bb: 10, B: 11, Cb: 11, 'E#': 5, 'B#': 0, Fb: 4 };

const dir = path.join(DATA, 'MIDI', 'melody');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mid')).sort();
// Meter class -> 16th steps in a bar.
export const METER_STEPS = { '4/4': 16, '2/4': 8, '3/4': 12, '6/8': 12, '9/8': 18 };
const FIRST_SET = new Set(['4/4', '2/4', '2/2']);
const tunes = [];
const skipped = { meter: 0, empty: 0, range: 0 };
const posHist = Object.fromEntries(Object.entries(METER_STEPS).map(([m, n]) => [m, new Array(n).fill(0)]));
let offGrid = 0, totalNotes = 0, overlaps = 0;
for (const f of files) {
  const midi = new Midi(fs.readFileSync(path.join(dir, f)));
  const ppq = midi.header.ppq;
  const ts = midi.header.timeSignatures.map((t) => t.timeSignature.join('/'));
  const meters = [...new Set(ts.length ? ts : ['4/4'])];
  const first = meters.every((m) => FIRST_SET.has(m));
  const single = meters.length === 1 ? (meters[0] === '2/2' ? '4/4' : meters[0]) : null;
  const meter = single && METER_STEPS[single] ? single : first ? '4/4' : null;
  if (!meter) { skipped.meter++; continue; }
  // The first models' 16-step bars for their set; each meter's own bar otherwise.
  const spb = first ? SPB : METER_STEPS[meter];
  const notes = midi.tracks.flatMap((t) => t.notes).sort((a, b) => a.ticks - b.ticks || b.midi - a.midi);
  if (!notes.length) { skipped.empty++; continue; }
  const stepTicks = ppq / 4;
  // snap onsets / offsets to the grid; monophonic: a later onset cuts the earlier note
  const ev = [];
  for (const n of notes) {
    const s = Math.round(n.ticks / stepTicks);
    if (Math.abs(n.ticks / stepTicks - s) > 0.01) offGrid++;
    let e = Math.round((n.ticks + n.durationTicks) / stepTicks);
    if (e <= s) e = s + 1;
    if (ev.length && ev[ev.length - 1].s === s) { overlaps++; continue; } // same onset: keep the highest pitch
    ev.push({ s, e, p: n.midi });
    totalNotes++;
  }
  if (ev.some((n) => n.p < PMIN || n.p > PMAX)) { skipped.range++; continue; }
  const len = Math.ceil(ev[ev.length - 1].e / spb) * spb;
  const tokens = new Array(len).fill(REST);
  for (let i = 0; i < ev.length; i++) {
    const n = ev[i];
    const end = i + 1 < ev.length ? Math.min(n.e, ev[i + 1].s) : n.e;
    if (i + 1 < ev.length && n.e > ev[i + 1].s) overlaps++;
    tokens[n.s] = NOTE_BASE + n.p - PMIN;
    for (let t = n.s + 1; t < end; t++) tokens[t] = HOLD;
    posHist[meter][n.s % METER_STEPS[meter]]++;
  }
  const ks = midi.header.keySignatures[0];
  tunes.push({
    name: f.replace(/\.mid$/, ''),
    tokens,
    keyTonic: ks ? PC[ks.key] : null,
    keyMode: ks ? ks.scale : null,
    meters,
    meter,
    stepsPerBar: METER_STEPS[meter],
    first,
    pickupSteps: ev[0].s % METER_STEPS[meter],
  });
}
console.log(`${files.length} files, kept ${tunes.length}, skipped ${JSON.stringify(skipped)}`);
for (const [m, hist] of Object.entries(posHist)) {
  const n = tunes.filter((t) => t.meter === m).length;
  const onBeat1 = hist[0] / Math.max(1, hist.reduce((a, b) => a + b, 0));
  console.log(`${m}: ${n} tunes; onsets by step in bar: ${hist.map((c, i) => `${i}:${c}`).join(' ')}; on beat 1 ${onBeat1.toFixed(3)}`);
}
console.log(`first models' set (4/4, 2/4, 2/2): ${tunes.filter((t) => t.first).length} tunes`);
console.log(`off-grid onsets ${offGrid}/${totalNotes}; overlaps cut ${overlaps}`);
console.log(`tunes with a pickup (first onset not on beat 1): ${tunes.filter((t) => t.pickupSteps).length}`);
fs.mkdirSync(path.dirname(OUT), { recursive: true });
fs.writeFileSync(OUT, JSON.stringify({ source: 'Nottingham MIDI/melody', stepsPerBar: SPB, tunes }));
console.log(`wrote ${OUT}`);
