/**
 * The contract fuzzer (`npm run fuzz`, and a small seeded run in fuzz.test.ts). Every method in the
 * contract is called over real WebSockets with payloads from a seeded PRNG: plausible inputs built
 * from the method's own schema and then broken, junk of every type, deep, wide and huge values, and
 * frames broken on the wire. Every answer is checked: a frame with an id is answered under it, with
 * a typed error (short: errors never echo the input) or a result its output schema accepts; a frame
 * without one closes its socket with a reason. Call i draws from its own PRNG (seed, i), so a
 * problem names the call that shows it, whatever the timing.
 */
import WebSocket from 'ws';
import { ErrorInfo, methodDef, methodNames } from '../../preload/contract';
import { decodeFrame, encodeFrame, type ServerFrame } from '../../preload/wire';

export type Rng = () => number;

export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, lo: number, hi: number): number => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
/** Sizes spread over every power of two up to `max`: mostly small, now and then huge. */
const size = (rng: Rng, max: number): number => Math.floor(2 ** (rng() * Math.log2(Math.max(2, max))));

/**
 * Methods a valid payload may reach: none starts a model or a long job. Every other method (and
 * any added later) only ever gets inputs its own schema refuses, checked before sending.
 */
const MAY_SUCCEED = new Set([
  'app.info',
  'app.diagnostics',
  'models.list',
  'models.pickFolder',
  'models.remove',
  'image.queue',
  'jobs.list',
  'jobs.cancel',
  'library.list',
  'library.get',
  'library.delete',
  'library.asset',
  'library.export',
  'melody.save',
  'melody.importMidi',
  'melody.exportMidi',
  'melody.startDrag',
  'text.save',
]);

/** Strings a pattern may want: ids of every kind the contract names. */
const hex = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => int(rng, 0, 15).toString(16)).join('');
const plausibleStrings = (rng: Rng): string[] => [
  `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-8${hex(rng, 3)}-${hex(rng, 12)}`,
  `fuzz-job-${hex(rng, 8)}`,
  'texture',
  'melody-vae',
  'melody-rnn',
  'x',
];
const ODD_KEYS = ['constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '0', '', 'id', 'then'];
const ODD_STRINGS = [
  '',
  'x',
  '../../../etc/passwd',
  '%zz',
  '__proto__',
  '\u0000',
  '\ud800',
  'é'.repeat(50),
  '{}',
];
const ODD_NUMBERS = [0, -1, 1.5, -0, NaN, Infinity, -Infinity, 2 ** 53, -(2 ** 63), 1e308, 4294967296, 127.5];

/** Objects nested `depth` levels deep. */
export const nest = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

/** A value of any type, shape or size (strings and bytes up to `maxBytes`). */
export function junk(rng: Rng, maxBytes: number, depth = 0): unknown {
  const small = (): unknown => (depth < 3 ? junk(rng, maxBytes >> 4, depth + 1) : 0);
  switch (int(rng, 0, 13)) {
    case 0:
      return null;
    case 1:
      return rng() < 0.5;
    case 2:
      return pick(rng, ODD_NUMBERS);
    case 3:
      return pick(rng, ODD_STRINGS);
    case 4:
      return 'A'.repeat(size(rng, maxBytes));
    case 5:
      return new Uint8Array(size(rng, maxBytes));
    case 6:
      return pick(rng, [[], {}]);
    case 7:
      return Array.from({ length: int(rng, 1, 5) }, small);
    case 8:
      return Object.fromEntries(Array.from({ length: int(rng, 1, 5) }, () => [pick(rng, ODD_KEYS), small()]));
    case 9:
      return nest(int(rng, 2, 30));
    case 10:
      return Object.fromEntries(Array.from({ length: size(rng, 5000) }, (_, i) => [`k${i}`, i]));
    case 11:
      return new Date(int(rng, -1e12, 1e13)); // MessagePack's timestamp extension
    case 12:
      return Array.from({ length: size(rng, 20_000) }, (_, i) => i);
    default:
      return pick(rng, plausibleStrings(rng));
  }
}

type Def = { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] } & Record<string, unknown>;
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;
const check = (def: Def, name: string): Record<string, unknown> | undefined =>
  def.checks?.map((c) => c._zod.def).find((c) => c.check === name);

/** Bytes for a file input: nothing, or a MIDI, PNG or JPEG head followed by noise. */
function fileBytes(rng: Rng): Uint8Array {
  const midi = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 1, 0, 1, 1, 0xe0, 0x4d, 0x54, 0x72, 0x6b, 0, 0, 1, 0];
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
  const head = pick(rng, [[], midi, png, [0xff, 0xd8, 0xff]]);
  const noise = Array.from({ length: size(rng, 4096) }, () => int(rng, 0, 255));
  return Uint8Array.from([...head, ...noise]);
}

/** A value shaped like `schema` wants (often valid, not always: refinements are not solved). */
export function plausible(schema: unknown, rng: Rng, depth = 0): unknown {
  const def = defOf(schema);
  const inner = (s: unknown): unknown => (depth > 12 ? null : plausible(s, rng, depth + 1));
  switch (def.type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        const optional = ['optional', 'default'].includes(defOf(v).type);
        if (!optional || rng() < 0.6) out[k] = inner(v);
      }
      return out;
    }
    case 'string': {
      const pattern = check(def, 'string_format')?.pattern as RegExp | undefined;
      const fits = plausibleStrings(rng).filter((s) => !pattern || pattern.test(s));
      const min = (check(def, 'min_length')?.minimum as number | undefined) ?? 0;
      return fits.length ? pick(rng, fits) : 'x'.repeat(Math.max(1, min));
    }
    case 'number': {
      const lo = (check(def, 'greater_than')?.value as number | undefined) ?? -1000;
      const hi = (check(def, 'less_than')?.value as number | undefined) ?? 1000;
      const v = lo + rng() * (Math.min(hi, lo + 1e6) - lo);
      return check(def, 'number_format') ? Math.ceil(v) : v;
    }
    case 'boolean':
      return rng() < 0.5;
    case 'array': {
      const min = (check(def, 'min_length')?.minimum as number | undefined) ?? 0;
      return Array.from({ length: min + int(rng, 0, 3) }, () => inner(def.element));
    }
    case 'tuple':
      return (def.items as unknown[]).map(inner);
    case 'enum':
      return pick(rng, Object.values(def.entries as Record<string, unknown>));
    case 'literal':
      return pick(rng, def.values as unknown[]);
    case 'union':
      return inner(pick(rng, def.options as unknown[]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'record':
      return { [pick(rng, ODD_KEYS)]: junk(rng, 64, 2) };
    case 'custom': // z.instanceof(Uint8Array): the only custom schema in the contract
      return fileBytes(rng);
    default:
      return junk(rng, 64, 2);
  }
}

/** `v` with one thing wrong: a field replaced by junk, dropped, or an unknown one added. */
export function breakValue(v: unknown, rng: Rng, maxBytes: number): unknown {
  if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || v instanceof Date || rng() < 0.15)
    return junk(rng, maxBytes);
  const copy: Record<string, unknown> = Array.isArray(v) ? { ...v } : { ...(v as Record<string, unknown>) };
  const keys = Object.keys(copy);
  const r = rng();
  if (r < 0.15 || keys.length === 0) copy[pick(rng, ['fuzz', ...ODD_KEYS])] = junk(rng, maxBytes);
  else if (r < 0.3) delete copy[pick(rng, keys)];
  else {
    const k = pick(rng, keys);
    copy[k] = rng() < 0.5 ? breakValue(copy[k], rng, maxBytes) : junk(rng, maxBytes);
  }
  return Array.isArray(v) ? Object.assign([], copy) : copy;
}

/** What a frame must get back: an answer under its id, its socket closed with a reason, or either. */
export type Expect = 'answer' | 'close' | 'either';

export interface Shot {
  method: string;
  /** How the frame was made (for the report). */
  kind: string;
  data: Uint8Array | string;
  expect: Expect;
}

/** Call `id`: a method's input (plausible then broken, or junk), or a frame broken on the wire. */
export function makeShot(rng: Rng, id: number, maxBytes: number): Shot | null {
  const method =
    rng() < 0.03
      ? pick(rng, ['', 'app', 'app.info.x', '__proto__.x', 'x'.repeat(300)])
      : pick(rng, methodNames);
  const def = methodDef(method);
  let input: unknown = def && rng() < 0.85 ? plausible(def.input, rng) : junk(rng, maxBytes);
  const mayRun = MAY_SUCCEED.has(method);
  if (def && (!mayRun || rng() < 0.7)) input = breakValue(input, rng, maxBytes);
  // A method that could start a model only ever gets an input its contract refuses.
  for (let i = 0; def && !mayRun && def.input.safeParse(input).success; i++) {
    if (i === 5) return null;
    input = breakValue(input, rng, maxBytes);
  }
  const frame = (extra: Record<string, unknown> = {}): Uint8Array =>
    encodeFrame({ t: 'call', id, method, input, ...extra } as Parameters<typeof encodeFrame>[0]);
  const r = rng();
  if (r < 0.8) return { method, kind: 'input', data: frame(), expect: 'answer' };
  if (r < 0.84) {
    // A raw "__proto__" key (no JavaScript object literal can carry one): written in as bytes.
    const bytes = encodeFrame({ t: 'call', id, method, input: { __protX__: input } });
    bytes.set(new TextEncoder().encode('__proto__'), Buffer.from(bytes).indexOf('__protX__'));
    return { method, kind: '__proto__ key', data: bytes, expect: 'answer' };
  }
  if (r < 0.87) {
    const whole = frame();
    const idEnd = encodeFrame({ t: 'call', id } as unknown as Parameters<typeof encodeFrame>[0]).length;
    const cut = int(rng, 1, whole.length - 1);
    return {
      method,
      kind: 'cut short',
      data: whole.subarray(0, cut),
      expect: cut >= idEnd ? 'answer' : 'close',
    };
  }
  if (r < 0.9) return { method, kind: 'nested 40 deep', data: frame({ input: nest(40) }), expect: 'answer' };
  if (r < 0.93) {
    const bad = pick(rng, [undefined, 1.5, -0.5, 2 ** 60, 'one', null]);
    return { method, kind: 'no usable id', data: frame({ id: bad }), expect: 'close' };
  }
  if (r < 0.95)
    return { method, kind: 'text frame', data: JSON.stringify({ t: 'call', id, method }), expect: 'close' };
  const noise = Uint8Array.from({ length: size(rng, 4096) }, () => int(rng, 0, 255));
  return { method, kind: 'random bytes', data: noise, expect: 'either' };
}

/** Why an answer breaks the rules, or null. */
export function answerProblem(method: string, frame: ServerFrame, bytes: number): string | null {
  if (frame.t !== 'result') return 'an event where a result was due';
  if (!frame.ok) {
    if (!ErrorInfo.safeParse(frame.error).success) return 'an error outside the contract';
    return bytes > 2048 ? `an error answer of ${bytes} bytes` : null;
  }
  const def = methodDef(method);
  if (!def) return 'a result for an unknown method';
  if (!MAY_SUCCEED.has(method)) return 'a result for an input its contract refuses';
  return def.output.safeParse(frame.value).success ? null : 'a result outside the contract';
}

export interface FuzzReport {
  calls: number;
  /** Answers by error code ("ok" for results), and "closed 1003"/"closed 1008" for closed sockets. */
  byCode: Record<string, number>;
  /** Frames never answered (within the timeout) although they should have been. */
  unanswered: number;
  problems: string[];
  slowest: { ms: number; method: string; kind: string } | null;
}

export interface FuzzOptions {
  /** The socket URL with its token. */
  url: string;
  seed: number;
  count: number;
  /** Largest string or bytes in a payload. */
  maxBytes: number;
  /** Calls in flight at once. */
  concurrency?: number;
  timeoutMs?: number;
}

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** What came back for one frame: its answer, its socket's close, or nothing before the timeout. */
interface Outcome {
  answer?: { frame: ServerFrame; bytes: number };
  close?: { code: number; reason: string };
}

/** Sends one shot on its own socket; resolves with what came back. */
async function fire(url: string, shot: Shot, id: number, timeoutMs: number): Promise<Outcome> {
  const ws = await open(url);
  return new Promise((resolve) => {
    const done = (v: Outcome): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => done({}), timeoutMs);
    ws.on('message', (data: Buffer) => {
      const frame = decodeFrame(data) as ServerFrame;
      if (frame.t === 'result' && (shot.expect !== 'answer' || frame.id === id))
        done({ answer: { frame, bytes: data.length } });
    });
    ws.on('close', (code, reason) => done({ close: { code, reason: reason.toString() } }));
    ws.on('error', () => undefined);
    ws.send(shot.data);
  });
}

/** Runs `count` calls against the host at `url` and reports what came back. */
export async function runFuzz(opts: FuzzOptions): Promise<FuzzReport> {
  const report: FuzzReport = { calls: 0, byCode: {}, unanswered: 0, problems: [], slowest: null };
  const count = (key: string): void => {
    report.byCode[key] = (report.byCode[key] ?? 0) + 1;
  };
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < opts.count; i = next++) {
      const shot = makeShot(mulberry32(opts.seed * 1_000_003 + i), i + 1, opts.maxBytes);
      if (!shot) continue;
      report.calls++;
      const started = performance.now();
      const got = await fire(opts.url, shot, i + 1, timeoutMs).catch((e: unknown): Outcome => {
        report.problems.push(`call ${i}: could not connect (${(e as Error).message})`);
        return {};
      });
      const ms = performance.now() - started;
      if (!report.slowest || ms > report.slowest.ms)
        report.slowest = { ms, method: shot.method, kind: shot.kind };
      const where = `call ${i} (${shot.method.slice(0, 40)}, ${shot.kind})`;
      if (got.answer && shot.expect !== 'close') {
        const { frame } = got.answer;
        count(frame.t === 'result' ? (frame.ok ? 'ok' : frame.error.code) : 'event');
        const problem = answerProblem(shot.method, frame, got.answer.bytes);
        if (problem) report.problems.push(`${where}: ${problem}`);
      } else if (got.close && shot.expect !== 'answer') {
        count(`closed ${got.close.code}`);
        if (![1003, 1008].includes(got.close.code) || !got.close.reason)
          report.problems.push(`${where}: closed ${got.close.code} without a reason`);
      } else {
        report.unanswered++;
        report.problems.push(`${where}: ${got.close ? `closed ${got.close.code}` : 'never answered'}`);
      }
    }
  };
  await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker));
  return report;
}
