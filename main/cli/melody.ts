import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { MusicKey, MusicScale, type MelodyTakes } from '../../preload/contract';
import { flags, intFlag, num, readInput } from './args';
import { UsageError } from './errors';
import { checkOutDir, checkOutFile, deliver, DeliveryError, numbered, writeClip } from './output';
import { withAtelier, type CliInput, type Session } from './session';

export const name = 'melody';

export const usage = [
  'melody generate --bars N --seed N --out FILE.mid [--meter 4/4|2/2|2/4|3/4|6/8|9/8] [--form repeat|through] [--count K] [--temperature T] [--key C --scale major] [--bpm B]',
  "melody continue --in FILE.mid --bars N --out FILE.mid [--meter M (default: the file's)] [--track I] [--seed N] [--temperature T] [--key C --scale major]",
  'melody interpolate --from A.mid --to B.mid --steps K --out DIR [--seed N] [--temperature T]   (writes DIR/step-1.mid …)',
];

const SUBCOMMANDS = { generate, continue: continueClip, interpolate };

type Values = ReturnType<typeof parse>;

/** One melody command line, parsed, with its Atelier. */
interface Job {
  s: Session;
  values: Values;
  out: string;
  sampling: ReturnType<typeof samplingOf>;
  track: number | undefined;
}

function parse(args: string[]) {
  return flags(args, {
    bars: { type: 'string' },
    meter: { type: 'string' },
    form: { type: 'string' },
    seed: { type: 'string', default: '0' },
    count: { type: 'string', default: '1' },
    temperature: { type: 'string' },
    key: { type: 'string', default: 'C' },
    scale: { type: 'string', default: 'chromatic' },
    bpm: { type: 'string', default: '120' },
    in: { type: 'string' },
    track: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    steps: { type: 'string' },
    model: { type: 'string' },
    out: { type: 'string' },
    'data-dir': { type: 'string' },
  });
}

function samplingOf(values: Values) {
  return {
    seed: num('seed', values.seed),
    key: values.key,
    scale: values.scale,
    ...(values.temperature !== undefined ? { temperature: num('temperature', values.temperature) } : {}),
    ...(values.model ? { model: values.model } : {}),
  };
}

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub !== 'generate' && sub !== 'continue' && sub !== 'interpolate')
    throw new UsageError(
      `melody needs a subcommand: generate, continue or interpolate${sub ? ` (got "${sub}")` : ''}`,
    );
  const values = parse(rest);
  if (!values.out)
    throw new UsageError(sub === 'interpolate' ? '--out DIR is required' : '--out FILE.mid is required');
  // Before anything runs: a folder that is not there or a .wav name would waste the generation.
  const out = sub === 'interpolate' ? checkOutDir(values.out) : checkOutFile(values.out, 'mid');
  const sampling = samplingOf(values);
  const track = intFlag('track', values.track, 0, 1000);
  await withAtelier(values['data-dir'], (s) => SUBCOMMANDS[sub]({ s, values, out, sampling, track }));
}

/** Files are written before the clip is saved: a write that fails leaves nothing in the library. */
function beforeSaving<T>(write: () => T): T {
  try {
    return write();
  } catch (e) {
    if (e instanceof DeliveryError)
      throw new Error(`${e.message}; nothing was kept in the library`, { cause: e });
    throw e;
  }
}

/** Keeps the first take in the library, with the settings that made it. */
function save({ call }: Session, r: MelodyTakes, saved: Omit<CliInput<'melody.save'>, 'model'>) {
  return call('melody.save', {
    ...saved,
    model: r.model,
    ...(r.takes[0]?.latents ? { latents: r.takes[0].latents } : {}),
    provider: r.provider,
    durationMs: r.durationMs,
  });
}

async function generate({ s, values, out, sampling }: Job): Promise<void> {
  if (values.bars === undefined) throw new UsageError('--bars N is required');
  const count = intFlag('count', values.count, 1, 8);
  const bpm = num('bpm', values.bpm);
  const meter = values.meter ?? '4/4';
  const input = {
    ...sampling,
    bars: num('bars', values.bars),
    count,
    meter,
    ...(values.form !== undefined ? { form: values.form } : {}),
  };
  const r = await s.call('melody.generate', input);
  const signatures = { timeSignature: timeSignatureOf(meter), ...lockOf(input) };
  const files = beforeSaving(() =>
    r.takes.map((take, k) => {
      const path = count === 1 ? out : numbered(out, k, 'mid');
      const name = `Atelier melody ${input.seed}${count > 1 ? `-${k + 1}` : ''}`;
      writeClip(path, { notes: take.notes, bpm, name, ...signatures });
      return path;
    }),
  );
  const clip = { notes: r.takes[0]!.notes, bpm, name: '', ...signatures };
  const gen = await save(s, r, { clip, origin: 'generate', seed: input.seed, params: input });
  console.log(
    `Wrote ${files.join(', ')} (${r.takes.map((t) => t.notes.length).join(' / ')} notes, ${input.bars} bars; ${Math.round(r.durationMs)} ms on ${r.provider}; library id ${gen.id})`,
  );
}

async function continueClip({ s, values, out, sampling, track }: Job): Promise<void> {
  if (!values.in) throw new UsageError('--in FILE.mid is required');
  if (values.bars === undefined) throw new UsageError('--bars N is required');
  const src = await midiNotes(s, values.in, 'in', track);
  // The file's own time signature unless --meter says otherwise.
  const meter = values.meter ?? (src.timeSignature ? src.timeSignature.join('/') : '4/4');
  const input = { ...sampling, notes: src.notes, bars: num('bars', values.bars), meter };
  const r = await s.call('melody.continue', input);
  const added = r.takes[0]!.notes;
  const notes = [...src.notes, ...added];
  const clip = {
    notes,
    bpm: src.bpm,
    name: src.name,
    timeSignature: timeSignatureOf(meter),
    ...lockOf(input),
  };
  beforeSaving(() => writeClip(out, clip));
  const params = { ...input, notes: undefined };
  const gen = await save(s, r, { clip, origin: 'continue', seed: input.seed, params });
  console.log(
    `Wrote ${out} (${src.notes.length} notes + ${added.length} new over ${input.bars} bars; ${Math.round(r.durationMs)} ms on ${r.provider}; library id ${gen.id})`,
  );
}

async function interpolate({ s, values, out, sampling, track }: Job): Promise<void> {
  if (!values.from || !values.to) throw new UsageError('--from A.mid and --to B.mid are required');
  if (values.steps === undefined) throw new UsageError('--steps K is required');
  const a = await midiNotes(s, values.from, 'from', track);
  const b = await midiNotes(s, values.to, 'to', track);
  const input = { ...sampling, from: a.notes, to: b.notes, steps: num('steps', values.steps) };
  const r = await s.call('melody.interpolate', input);
  deliver(out, (p) => mkdirSync(p, { recursive: true }));
  const files = r.takes.map((take, k) => {
    const path = join(out, `step-${k + 1}.mid`);
    writeClip(path, { notes: take.notes, bpm: a.bpm, name: `Interpolation step ${k + 1}` });
    return path;
  });
  console.log(
    `Wrote ${files.length} files to ${out} (step-1.mid … step-${files.length}.mid; ${Math.round(r.durationMs)} ms on ${r.provider})`,
  );
}

/** The notes of one track of a MIDI file (the first that holds notes, or --track I). */
async function midiNotes({ call }: Session, path: string, flag: string, track: number | undefined) {
  const bytes = readInput(path, flag);
  // Whatever the file's fault, it is the file named on the command line: say which flag.
  const file = await call('melody.importMidi', { bytes, fileName: path.split(/[\\/]/).pop() ?? '' }).catch(
    (e: Error) => {
      throw new UsageError(`--${flag} ${path}: ${e.message}`);
    },
  );
  const t = track === undefined ? file.tracks[0] : file.tracks.find((x) => x.index === track);
  if (!t)
    throw new UsageError(
      `--track ${track}: ${path} has notes on track${file.tracks.length > 1 ? 's' : ''} ${file.tracks.map((x) => x.index).join(', ')}`,
    );
  return { notes: t.notes, bpm: file.bpm, name: file.name, timeSignature: file.timeSignature };
}

/** "6/8" as the [6, 8] a MIDI file writes (the service has already checked the meter). */
function timeSignatureOf(meter: string): [number, number] {
  const [n, d] = meter.split('/').map(Number);
  return [n!, d!];
}

/** The scale lock as the file's key signature (none for chromatic). */
function lockOf(input: { key: string; scale: string }) {
  const key = MusicKey.safeParse(input.key);
  const scale = MusicScale.safeParse(input.scale);
  return key.success && scale.success && scale.data !== 'chromatic'
    ? { key: key.data, scale: scale.data }
    : {};
}
