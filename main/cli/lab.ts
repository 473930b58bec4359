/**
 * `atelier lab`: the Labs trained headless, with the same engines and the same LabSession as the
 * studio's worker (preload/labs/headless.ts), so a state written here opens in Labs and shows
 * the same picture.
 *
 *   lab train gan --data ring8 --steps 2000 --seed 3 --out gan.json
 *
 * prints the run's metrics as one JSON object on stdout (the final losses as `loss_<name>`, then
 * `swd` beside `swdGaussian`, and each lab's own: GAN `modesCovered`, VAE `elbo` and
 * `logMarginal`, flow `densityIntegral` and `inverseError`), progress on stderr, and writes the
 * state with those metrics to --out. The same command twice prints the same metrics.
 * `lab info FILE.json` prints a state file's lab, iteration, data, settings and metrics.
 * Bad flags, data or settings: one line on stderr, exit 2, before any training.
 */
import { statSync, accessSync, constants } from 'node:fs';
import { basename, dirname, extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CsvError, DEFAULT_POINTS, isPreset, parseCsv, preset, PRESETS } from '../../preload/labs/data';
import {
  HEADLESS_LABS,
  HEADLESS_MAX_STEPS,
  trainHeadless,
  type HeadlessLab,
} from '../../preload/labs/headless';
import { LAB_STATE_MAX_BYTES, LabStateSchema, type LabState } from '../../preload/labs/state';
import { OPTIMIZERS, type Dataset } from '../../preload/labs/types';
import { intFlag, num, readInput } from './args';
import { UsageError } from './errors';
import { writeBytes } from './output';

export const name = 'lab';

/** Iterations a `lab train` runs without --steps: where each lab's default settings have learned the ring. */
export const DEFAULT_STEPS: Record<HeadlessLab, number> = {
  gan: 2000,
  vae: 2000,
  flow: 2000,
  diffusion: 2000,
};

export const usage = [
  `lab train ${HEADLESS_LABS.join('|')} --data ${PRESETS.join('|')}|FILE.csv --steps N --seed S --out lab.json`,
  `[--lr X] [--batch N] [--width N] [--depth N] [--optimizer ${OPTIMIZERS.join('|')}] [--set KEY=VALUE]…`,
  "(trains headless with the studio's engine; prints the metrics as JSON, progress on stderr; the file opens in Labs)",
  "lab info lab.json   (a state file's lab, iteration, data, settings and metrics, as JSON)",
];

export async function run(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'train') await train(rest);
  else if (sub === 'info') info(rest);
  else throw new UsageError(`lab needs a subcommand: train or info${sub ? ` (got "${sub}")` : ''}`);
}

/** `--set noiseDim=1`: numbers and true/false as such, anything else as text. */
function settingValue(text: string): [string, unknown] {
  const eq = text.indexOf('=');
  if (eq <= 0)
    throw new UsageError(`--set takes KEY=VALUE (e.g. --set noiseDim=1), got "${text.slice(0, 40)}"`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const value = /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(raw)
    ? Number(raw)
    : raw === 'true'
      ? true
      : raw === 'false'
        ? false
        : raw;
  return [key, value];
}

/** --data: a preset by name, or a CSV of x,y rows (read and checked here, before any training). */
function dataset(spec: string, seed: number): Dataset {
  if (isPreset(spec)) return preset(spec, DEFAULT_POINTS, seed);
  const looksLikeFile = /[./\\]/.test(spec);
  let st;
  try {
    st = statSync(resolve(spec));
  } catch {
    throw new UsageError(
      looksLikeFile
        ? `cannot read --data ${spec}: no such file`
        : `unknown --data "${spec.slice(0, 40)}" (a preset: ${PRESETS.join(', ')}; or a .csv file of x,y rows)`,
    );
  }
  if (!st.isFile()) throw new UsageError(`--data ${spec} is not a file`);
  if (st.size > 16 * 1024 * 1024)
    throw new UsageError(`--data ${spec} is larger than 16 MiB; a lab takes at most 20,000 points`);
  const text = new TextDecoder().decode(readInput(spec, 'data'));
  try {
    return parseCsv(text, basename(spec));
  } catch (e) {
    if (e instanceof CsvError) throw new UsageError(e.message);
    throw e;
  }
}

/** --out before training: a .json name in a folder that exists and can be written to. */
function checkOut(out: string): string {
  const path = resolve(out);
  const ext = extname(path).toLowerCase();
  if (ext !== '.json')
    throw new UsageError(`--out ${out}: a lab state is JSON, so the name must end in .json`);
  let st;
  try {
    st = statSync(path);
  } catch {
    st = null;
  }
  if (st?.isDirectory()) throw new UsageError(`--out ${out} is a folder: give a file name, e.g. lab.json`);
  const dir = dirname(path);
  try {
    if (!statSync(dir).isDirectory()) throw new Error();
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--out ${out}: the folder ${dir} does not exist or cannot be written to`);
  }
  return path;
}

const round = (v: number): string => (Math.abs(v) >= 100 ? v.toFixed(1) : v.toPrecision(4));

async function train(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      data: { type: 'string', default: 'ring8' },
      steps: { type: 'string' },
      seed: { type: 'string', default: '0' },
      out: { type: 'string' },
      lr: { type: 'string' },
      batch: { type: 'string' },
      width: { type: 'string' },
      depth: { type: 'string' },
      optimizer: { type: 'string' },
      set: { type: 'string', multiple: true },
    },
    strict: true,
    allowPositionals: true,
  });
  const lab = positionals[0];
  if (positionals.length !== 1 || !(HEADLESS_LABS as readonly string[]).includes(lab ?? ''))
    throw new UsageError(
      positionals.length > 1
        ? `lab train takes one lab, got ${positionals.length} (${positionals.slice(0, 3).join(' ')})`
        : `lab train needs a lab: ${HEADLESS_LABS.join(', ')}${lab ? ` (got "${lab.slice(0, 40)}")` : ''}`,
    );
  const id = lab as HeadlessLab;
  const steps = intFlag('steps', values.steps ?? String(DEFAULT_STEPS[id]), 1, HEADLESS_MAX_STEPS);
  const seed = intFlag('seed', values.seed, 0, 0xffffffff);
  if (values.optimizer !== undefined && !(OPTIMIZERS as readonly string[]).includes(values.optimizer))
    throw new UsageError(
      `--optimizer must be ${OPTIMIZERS.join(', ')}, got "${values.optimizer.slice(0, 40)}"`,
    );
  const settings: Record<string, unknown> = Object.fromEntries((values.set ?? []).map(settingValue));
  const common = {
    learningRate: num('lr', values.lr),
    batchSize: intFlag('batch', values.batch, 1, 4096),
    width: intFlag('width', values.width, 1, 4096),
    depth: intFlag('depth', values.depth, 1, 64),
    optimizer: values.optimizer,
  };
  for (const [k, v] of Object.entries(common)) if (v !== undefined) settings[k] = v;
  const out = values.out === undefined ? undefined : checkOut(values.out);
  const data = dataset(values.data, seed);

  const { LabSettingsError } = await import('../../preload/labs/session');
  const t0 = performance.now();
  let result;
  try {
    result = await trainHeadless({
      lab: id,
      data,
      seed,
      steps,
      settings,
      onProgress: (done, total, losses) =>
        console.error(
          `lab ${id}: ${done}/${total} ${Object.entries(losses)
            .map(([k, v]) => `${k} ${round(v)}`)
            .join(' ')}`,
        ),
    });
  } catch (e) {
    // The lab's schema refused a flag or --set (its message names the setting).
    if (e instanceof LabSettingsError) throw new UsageError(e.message);
    throw e;
  }
  if (out) writeBytes(out, new TextEncoder().encode(JSON.stringify(result.state)));
  console.error(
    `lab ${id}: ${steps} iterations in ${(result.trainMs / 1000).toFixed(1)} s (${Math.round((steps * 1000) / result.trainMs)}/s), metrics ${(result.metricsMs / 1000).toFixed(1)} s, total ${((performance.now() - t0) / 1000).toFixed(1)} s${out ? `; wrote ${out}` : ''}`,
  );
  console.log(JSON.stringify(result.metrics));
}

/** A state file read and checked (its size, JSON, the state schema), or one line saying why not. */
export function readState(path: string): LabState {
  let size: number;
  try {
    size = statSync(resolve(path)).size;
  } catch {
    size = 0; // readInput says why
  }
  if (size > LAB_STATE_MAX_BYTES)
    throw new UsageError(
      `${path} is larger than ${LAB_STATE_MAX_BYTES / 1024 / 1024} MiB; it is not a lab state`,
    );
  const text = new TextDecoder().decode(readInput(path));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${path} is not JSON, so not a lab state`);
  }
  const parsed = LabStateSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UsageError(
      `${path}${issue.path.length ? ` (at ${issue.path.join('.')})` : ''} ${issue.message}`,
    );
  }
  return parsed.data;
}

function info(args: string[]): void {
  const { positionals } = parseArgs({ args, options: {}, strict: true, allowPositionals: true });
  if (positionals.length !== 1)
    throw new UsageError('lab info takes one argument, a lab state file (lab.json)');
  const s = readState(positionals[0]!);
  console.log(
    JSON.stringify({
      lab: s.lab,
      ...(s.title ? { title: s.title } : {}),
      iteration: s.iteration,
      seed: s.seed,
      data: s.data.source,
      settings: s.settings,
      metrics: s.metrics ?? {},
    }),
  );
}
