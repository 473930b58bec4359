/**
 * The pieces every section of the contract shares: ids, seeds, the error envelope, the method
 * helper, raw pixels and files. Imports only zod (the renderer type-checks against it).
 */
import { z } from 'zod';

/** Client-chosen id for a long job, so it can subscribe to progress and cancel before it ends. */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"');
export type JobId = z.infer<typeof JobId>;

export const GenerationId = z.string().regex(/^[a-f0-9-]{8,64}$/, 'is not a generation id');
export type GenerationId = z.infer<typeof GenerationId>;

/** Seeds are unsigned 32-bit integers: the same seed and parameters replay the same pixels. */
export const Seed = z.number().int('must be a whole number').min(0).max(0xffffffff);
export type Seed = z.infer<typeof Seed>;

export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'is not a model id');

export const ExecutionProvider = z.enum(['cpu', 'cuda', 'dml', 'coreml', 'webgpu']);
export type ExecutionProvider = z.infer<typeof ExecutionProvider>;

export const ErrorCode = z.enum([
  'invalid-input',
  'unknown-method',
  'not-found',
  'model-unavailable',
  'inference-failed',
  'inference-crashed',
  'cancelled',
  'superseded',
  'unsupported',
  'database-too-new',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** What every failed call answers: a code to branch on, a sentence for people, the field at fault. */
export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** The envelope both hosts use, so typed errors survive the process boundary intact. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

/** Raw 8-bit pixels, row-major, `channels` per pixel: 1 = gray (paper white), 3 = RGB. */
export const PixelImage = z.object({
  width: z.number().int(),
  height: z.number().int(),
  channels: z.union([z.literal(1), z.literal(3)]),
  pixels: z.instanceof(Uint8Array),
});
export type PixelImage = z.infer<typeof PixelImage>;

/** A file made in main for the user to keep (a GIF, a PNG strip, a MIDI file). */
export const FileOutput = z.object({
  fileName: z.string(),
  mime: z.string(),
  bytes: z.instanceof(Uint8Array),
});

/**
 * Free-form settings (a record's `params`) bounded in depth and size. A record must always be
 * writable as JSON and as a MessagePack answer (whose encoder stops at 100 levels): settings
 * nested 100 deep were saved, then every answer that listed them failed.
 */
export const FREE_FORM_MAX_DEPTH = 8;

/** Whether objects and arrays nest deeper than `levels` below `v` (stops looking past that). */
export function nestedDeeperThan(v: unknown, levels: number): boolean {
  if (typeof v !== 'object' || v === null) return false;
  if (levels === 0) return true;
  for (const x of Object.values(v)) if (nestedDeeperThan(x, levels - 1)) return true;
  return false;
}

/** The length of a value as JSON text (Infinity when it cannot be written as JSON). */
function jsonLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** `schema` refined: at most FREE_FORM_MAX_DEPTH levels deep, then at most `maxChars` as JSON. */
export function boundedFreeForm<T extends z.ZodType>(schema: T, maxChars: number, what = 'settings') {
  return schema
    .refine((v) => !nestedDeeperThan(v, FREE_FORM_MAX_DEPTH), {
      message: `must be nested at most ${FREE_FORM_MAX_DEPTH} levels deep`,
      abort: true,
    })
    .refine(
      (v) => jsonLength(v) <= maxChars,
      `must be at most ${Math.round(maxChars / 1024)} KiB of ${what}`,
    );
}

/** The input and output schemas of one method. */
export interface MethodDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
}
export const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> => ({
  input,
  output,
});
/** A method that takes nothing (an absent input is `{}`). */
export const NoInput = z.object({}).strict().default({});

/** The error both transports throw for a failed call. */
export class AtelierError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'AtelierError';
    this.code = info.code;
    this.field = info.field;
  }
  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** A refused input: the sentence for people and the field at fault (services throw these). */
export function invalid(message: string, field?: string): AtelierError {
  return new AtelierError({ code: 'invalid-input', message, ...(field ? { field } : {}) });
}
