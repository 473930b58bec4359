/** The library: every kind's records, their assets, deletion and export. */
import { z } from 'zod';
import { GenerationId, method } from './common';
import { AssetRole } from './generation';
import { Generation, GenerationKind } from './kinds';

export const library = {
  list: method(
    z
      .object({
        kind: GenerationKind.optional(),
        limit: z.number().int().min(1).max(500).default(100),
        /** Page backwards: only generations created before this time (ms). */
        before: z.number().int().min(0).optional(),
      })
      .strict()
      .default({ limit: 100 }),
    z.array(Generation),
  ),
  get: method(z.object({ id: GenerationId }).strict(), Generation),
  delete: method(z.object({ id: GenerationId }).strict(), z.object({ deleted: z.boolean() })),
  asset: method(
    z.object({ id: GenerationId, role: AssetRole }).strict(),
    z.object({ mime: z.string(), bytes: z.instanceof(Uint8Array) }),
  ),
  /** Save the record's file (its kind's export) through the host's save dialog (Electron). Browser hosts download instead. */
  export: method(z.object({ id: GenerationId }).strict(), z.object({ savedTo: z.string().nullable() })),
};
