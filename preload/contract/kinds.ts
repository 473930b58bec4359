/**
 * Every kind of library record, listed once. A kind is defined beside its studio's section
 * (`defineKind` in ./texture.ts, ./melody.ts, …); adding one is one entry in `KINDS`. The record
 * union, the kind enum, and each record's export name derive from this list.
 */
import { z } from 'zod';
import type { KindExport } from './generation';
import { imageKind } from './image';
import { labKind } from './labs';
import { latentKind } from './latent';
import { melodyKind } from './melody';
import { paletteKind } from './palette';
import { textKind } from './text';
import { textureKind } from './texture';

const KINDS = [textureKind, latentKind, melodyKind, textKind, imageKind, paletteKind, labKind] as const;

type Kinds = typeof KINDS;
type RecordOf<T> = T extends { record: infer R } ? R : never;
type Records = { -readonly [I in keyof Kinds]: RecordOf<Kinds[I]> };

export type GenerationKind = Kinds[number]['kind'];
export const GenerationKind = z.enum(KINDS.map((k) => k.kind) as [GenerationKind, ...GenerationKind[]]);

/** A library record: the shared fields plus its kind's params (narrow on `kind`). */
export const Generation = z.discriminatedUnion(
  'kind',
  KINDS.map((k) => k.record) as unknown as Records & [z.ZodObject, ...z.ZodObject[]],
);
export type Generation = z.output<typeof Generation>;

/** A kind's table entry: its record schema and its export (role, extension, file name). */
export type KindDef = KindExport<Generation> & { kind: string; record: z.ZodType };

/** The kinds by name. */
export const kinds = Object.fromEntries(KINDS.map((k) => [k.kind, k])) as unknown as Record<
  GenerationKind,
  KindDef
>;

/** The name a record's export is offered under, by its kind's rule. */
export function generationFileName(gen: Generation, table: Record<string, KindDef> = kinds): string {
  const def = table[gen.kind];
  return def ? def.fileName(gen) : `atelier-${gen.kind}-${gen.id.slice(0, 8)}`;
}
