/**
 * One call of a batch: a line of calls.jsonl, `{"method": "texture.generate", "params": {…}}`,
 * checked against the contract exactly as the router checks it (the same words, naming the
 * field) before anything is queued, and checked again by the worker that takes it.
 *
 * Only the generators may run on workers: a call that takes a host path (models.import,
 * datasets.*), reads or changes the worker's library (library.*, *.save, palette.apply) or
 * drives the app (jobs.*, app.*) is refused, and so is img2img (its start image is not on the
 * workers), so a worker reads nothing outside its model and data folders whatever the queue
 * holds. A method's own `jobId` belongs to the worker (it is
 * that machine's progress and cancel handle): a line may leave it out, and one it gives is
 * replaced.
 *
 * Bytes travel as {"$bytes": base64} (./bytes.ts) and are revived before the check, so only a
 * field that takes bytes (`datasets.generate`'s source PNG) may hold them.
 *
 * The job id is a hash of the canonical call — the method and its params as the contract reads
 * them (defaults filled in, keys sorted), seed included — so the same call twice in a batch, or
 * a batch submitted twice, is queued once.
 */
import { createHash } from 'node:crypto';
import { methodDef, type ErrorInfo } from '../../../preload/contract';
import { misplacedBytes } from '../../router/bytes';
import { describeZodError, PARSE_OPTIONS } from '../../router/router';
import { jsonBytes, reviveBytes } from './bytes';

/** The contract methods a batch may call: pure generators over the worker's own models. */
export const BATCH_METHODS: ReadonlySet<string> = new Set([
  'texture.generate',
  'image.generate',
  'text.generate',
  'latent.decode',
  'latent.sample',
  'latent.density',
  'latent.typical',
  'melody.generate',
  'melody.variations',
  'melody.interpolate',
  'melody.continue',
  'melody.encode',
  'melody.decode',
  'palette.generate',
  'palette.score',
  'palette.complete',
  'palette.interpolate',
  // One source image's augment items: the image travels as bytes in the call, no path is read.
  'datasets.generate',
]);

/** A call as it travels: what the router takes (the worker fills a method's `jobId`). */
export interface BatchCall {
  method: string;
  params: Record<string, unknown>;
}

/** Why a call is refused, for a person: the message and the field, as the router words them. */
export type CallCheck = { ok: true; call: BatchCall; key: string } | { ok: false; error: ErrorInfo };

/** The placeholder a method's `jobId` gets while the call is checked and hashed. */
const PLACEHOLDER_JOB = 'batch-job-id';

const takesJobId = (method: string): boolean => {
  const shape = (methodDef(method)?.input as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape !== undefined && 'jobId' in shape;
};

/** JSON with object keys sorted at every level: one text per value, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, o[k]]),
    );
  });
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

/**
 * The method's input as the router takes it: bytes carried as {"$bytes": base64} revived, and
 * the worker's `jobId` in place (for methods that take one).
 */
export function withJobId(call: BatchCall, jobId: string): Record<string, unknown> {
  const params = reviveBytes(call.params) as Record<string, unknown>;
  return takesJobId(call.method) ? { ...params, jobId } : params;
}

/**
 * Checks one call against the contract; on success, the call as it will be queued (without a
 * `jobId`) and its key (the sha256 of the canonical call, 32 hex digits).
 */
export function checkCall(value: unknown): CallCheck {
  const refuse = (message: string, field?: string): CallCheck => ({
    ok: false,
    error: { code: 'invalid-input', message, ...(field ? { field } : {}) },
  });
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return refuse('A call must be an object {"method": …, "params": {…}}.');
  const { method, params, ...rest } = value as Record<string, unknown>;
  const extra = Object.keys(rest);
  if (extra.length > 0)
    return refuse(`A call has only "method" and "params"; "${extra[0]!.slice(0, 40)}" is not one.`, extra[0]);
  if (typeof method !== 'string') return refuse('Method must be text, e.g. "texture.generate".', 'method');
  const def = methodDef(method);
  if (!def) return refuse(`There is no method "${method.slice(0, 60)}".`, 'method');
  if (!BATCH_METHODS.has(method))
    return refuse(
      `${method} cannot run on workers: a batch runs only the generators (${[...BATCH_METHODS].join(', ')}).`,
      'method',
    );
  if (params === null || typeof params !== 'object' || Array.isArray(params))
    return refuse('Params must be an object: the method’s input as the contract takes it.', 'params');
  const given = { ...(params as Record<string, unknown>) };
  // img2img starts from bytes (which JSON cannot carry) or a record of the worker's own library.
  if (method === 'image.generate' && (given.params as { init?: unknown } | undefined)?.init !== undefined)
    return refuse('A batch cannot run img2img: its start image is not on the workers.', 'params.params.init');
  if (takesJobId(method)) delete given.jobId;
  const call: BatchCall = { method, params: given };
  const input = withJobId(call, PLACEHOLDER_JOB);
  const misplaced = misplacedBytes(def.input, input);
  if (misplaced) return refuse('A batch call cannot carry raw bytes.', ['params', ...misplaced].join('.'));
  const parsed = def.input.safeParse(input, PARSE_OPTIONS);
  if (!parsed.success) return { ok: false, error: describeZodError(parsed.error, 'params') };
  const canonical = { ...(jsonBytes(parsed.data) as Record<string, unknown>) };
  delete canonical.jobId;
  const key = sha256(canonicalJson({ method, params: canonical })).slice(0, 32);
  return { ok: true, call, key };
}

/** The batch id: a hash of its name and its calls' keys in order (16 hex digits). */
export function batchIdOf(name: string, keys: readonly string[]): string {
  return sha256(`${name}\n${keys.join('\n')}`).slice(0, 16);
}

/** The queue's job id of a call within a batch: no ":" (BullMQ's separator), at most 64 characters. */
export const jobIdOf = (batchId: string, key: string): string => `${batchId}-${key}`;

/** The most lines one calls file may hold. */
export const MAX_CALL_LINES = 1_000_000;

/**
 * A calls file (JSON lines) read and checked: the items in file order, each call once (a repeat
 * keeps its first line), and every refused line as "LABEL line N: why (field F)". Blank lines
 * are skipped.
 */
export function parseCalls(
  text: string,
  label: string,
): { items: { index: number; key: string; call: BatchCall }[]; refused: string[] } {
  const lines = text.split('\n');
  if (lines.length > MAX_CALL_LINES)
    return { items: [], refused: [`${label} has over ${MAX_CALL_LINES} lines; split it`] };
  const items: { index: number; key: string; call: BatchCall }[] = [];
  const seen = new Set<string>();
  const refused: string[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const where = `${label} line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      refused.push(`${where}: not a JSON object`);
      return;
    }
    const r = checkCall(value);
    if (!r.ok)
      refused.push(`${where}: ${r.error.message}${r.error.field ? ` (field ${r.error.field})` : ''}`);
    else if (!seen.has(r.key)) {
      seen.add(r.key);
      items.push({ index: i + 1, key: r.key, call: r.call });
    }
  });
  return { items, refused };
}
