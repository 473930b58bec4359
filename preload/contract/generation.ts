/**
 * The library's records. Every kind of record (texture, melody, …) shares these fields and adds
 * its own `params`; `defineKind` ties a kind to its params schema and to how its records leave
 * Atelier as files. The kinds are listed once, in ./kinds.ts.
 */
import { z } from 'zod';

/** `state`: a file that reopens the record where it was left (a lab's JSON state). */
export const AssetRole = z.enum(['image', 'thumbnail', 'midi', 'text', 'state']);
export type AssetRole = z.infer<typeof AssetRole>;

/** The fields every record has, whatever made it. */
export const GenerationBase = z.object({
  id: z.string(),
  createdAt: z.number(),
  modelId: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  seed: z.number(),
  parentId: z.string().nullable(),
  durationMs: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  title: z.string(),
});

/**
 * A kind's params as stored: every field it writes is named and typed, all optional and extra
 * fields kept, because rows written by earlier versions must still read (a record is never
 * refused for what an older Atelier did not record).
 */
export const storedParams = <T extends z.ZodRawShape>(shape: T) => z.looseObject(shape).partial();

/** How one kind of record is exported: the asset written, its extension and its file name. */
export interface KindExport<R> {
  /** The asset a record's export writes (its PNG, its .mid, its .txt). */
  exportRole: AssetRole;
  /** The export's file extension, without the dot ("png", "mid", "txt", "gpl"). */
  extension: string;
  /** The name the export is offered under ("atelier-melody-reel.mid"): safe on every file system. */
  fileName(gen: R): string;
}

export function defineKind<K extends string, P extends z.ZodType>(
  kind: K,
  params: P,
  exp: KindExport<z.output<ReturnType<typeof recordOf<K, P>>>>,
) {
  return { kind, record: recordOf(kind, params), ...exp };
}

function recordOf<K extends string, P extends z.ZodType>(kind: K, params: P) {
  return GenerationBase.extend({
    kind: z.literal(kind),
    /** Every parameter that replays this generation exactly. */
    params,
  });
}
