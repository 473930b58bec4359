/**
 * A call answered as a batch item: the router's answer plus the files the call made and its
 * provenance. The same function serves the worker and a local run (the bench, the tests'
 * single-machine reference), so both give the same bytes.
 *
 * Results travel back in Redis as the job's return value: the answer as JSON (any bytes in it
 * as `{"$bytes": base64}`) and each file of each library record the call made — its image,
 * MIDI, text or state; not the thumbnail, which is derived — as base64, at most
 * MAX_RESULT_BYTES per job. The records are then deleted from the worker's library (a worker
 * keeps nothing unless told to): the submitting machine writes the files, once.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AtelierError, methodDef, type AssetRole, type ErrorInfo } from '../../../preload/contract';
import type { Atelier } from '../atelier';
import { withJobId, type BatchCall } from './call';
import { MAX_RESULT_BYTES } from './redis';

const FileResult = z.object({
  role: z.string(),
  mime: z.string(),
  ext: z.string(),
  sha256: z.string(),
  base64: z.string(),
  /** The id the record this file belongs to had in the answer (so `--library` can rebuild it). */
  record: z.string().optional(),
});
export type FileResult = z.infer<typeof FileResult>;

export const ItemResult = z.object({
  worker: z.string(),
  provider: z.string(),
  model: z.object({ id: z.string(), sha256: z.string() }).nullable(),
  seed: z.number().nullable(),
  answer: z.unknown(),
  files: z.array(FileResult),
  ms: z.number(),
});
export type ItemResult = z.infer<typeof ItemResult>;

/** The roles a record's files are carried back under (the thumbnail is derived from the image). */
const ROLES: readonly AssetRole[] = ['image', 'midi', 'text', 'state'];
const EXT: Record<string, string> = {
  'image/png': 'png',
  'image/gif': 'gif',
  'audio/midi': 'mid',
  'audio/x-midi': 'mid',
  'text/plain': 'txt',
  'application/json': 'json',
};

/** A library record inside an answer: the fields every generation has. */
interface RecordLike {
  id: string;
  modelId: string;
  modelSha256: string;
  provider: string;
  seed: number;
}
const isRecord = (v: unknown): v is RecordLike => {
  const o = v as Partial<RecordLike> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    typeof o.id === 'string' &&
    typeof o.modelSha256 === 'string' &&
    typeof o.provider === 'string'
  );
};

/** The records an answer holds (itself, or in its fields and lists), in order. */
function recordsIn(v: unknown, out: RecordLike[] = []): RecordLike[] {
  if (isRecord(v)) out.push(v);
  else if (Array.isArray(v)) for (const x of v) recordsIn(x, out);
  else if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array))
    for (const x of Object.values(v)) recordsIn(x, out);
  return out;
}

/** The answer as JSON: bytes become {"$bytes": base64}. */
export const jsonAnswer = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      x instanceof Uint8Array ? { $bytes: Buffer.from(x).toString('base64') } : x,
    ),
  );

const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

/** A refused call, as an error the worker does not retry (the same input is refused again). */
export class RefusedCall extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'RefusedCall';
  }
}
const REFUSALS = new Set(['invalid-input', 'unknown-method', 'not-found']);

/** What the call ran with when the answer holds no record: the params' model and seed. */
function paramsFacts(params: Record<string, unknown>): { model?: string; seed?: number } {
  const inner = (params.params ?? params) as Record<string, unknown>;
  return {
    ...(typeof inner.model === 'string' ? { model: inner.model } : {}),
    ...(typeof inner.seed === 'number' ? { seed: inner.seed } : {}),
  };
}

/**
 * Runs `call` through the router (the contract's validation, the app's services) and gathers
 * its answer and files. A refusal throws RefusedCall; any other failure throws an Error.
 */
export async function answerCall(
  atelier: Atelier,
  call: BatchCall,
  jobId: string,
  worker: string,
  opts: { keep?: boolean } = {},
): Promise<ItemResult> {
  const t0 = performance.now();
  const r = await atelier.router.call(call.method, withJobId(call, jobId));
  if (!r.ok) {
    if (REFUSALS.has(r.error.code)) throw new RefusedCall(r.error);
    throw new AtelierError(r.error);
  }
  const ms = performance.now() - t0;
  const records = recordsIn(r.value);
  const files: FileResult[] = [];
  let total = 0;
  for (const rec of records) {
    for (const role of ROLES) {
      let asset: { mime: string; bytes: Uint8Array };
      try {
        asset = await atelier.library.readAsset(rec.id, role);
      } catch {
        continue; // this record has no file of this role
      }
      total += asset.bytes.byteLength;
      if (total > MAX_RESULT_BYTES)
        throw new RefusedCall({
          code: 'invalid-input',
          message: `The result is over the ${MAX_RESULT_BYTES >> 20} MB a queued result may carry; split the call.`,
        });
      files.push({
        role,
        mime: asset.mime,
        ext: EXT[asset.mime] ?? 'bin',
        sha256: sha256(asset.bytes),
        base64: Buffer.from(asset.bytes).toString('base64'),
        record: rec.id,
      });
    }
  }
  if (!opts.keep) for (const rec of records) atelier.library.delete(rec.id);
  const first = records[0];
  // The params as the contract read them (its defaults filled in: the model a call left out).
  const parsed = methodDef(call.method)?.input.safeParse(withJobId(call, jobId));
  const facts = paramsFacts(parsed?.success ? (parsed.data as Record<string, unknown>) : call.params);
  const modelId = first?.modelId ?? facts.model ?? null;
  const registered = modelId ? atelier.registry.status().find((m) => m.id === modelId) : undefined;
  let provider = first?.provider;
  if (provider === undefined) {
    const info = await atelier.router.call('app.info', {});
    provider = info.ok ? (info.value as { inference: { provider: string } }).inference.provider : 'unknown';
  }
  // Bytes in the answer itself (datasets.generate's images) count against the same limit.
  const answer = jsonAnswer(r.value);
  if (total + JSON.stringify(answer).length * 0.75 > MAX_RESULT_BYTES)
    throw new RefusedCall({
      code: 'invalid-input',
      message: `The result is over the ${MAX_RESULT_BYTES >> 20} MB a queued result may carry; split the call.`,
    });
  return {
    worker,
    provider,
    model: modelId ? { id: modelId, sha256: first?.modelSha256 ?? registered?.sha256 ?? '' } : null,
    seed: first?.seed ?? facts.seed ?? null,
    answer,
    files,
    ms,
  };
}
