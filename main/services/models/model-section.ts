/**
 * A task's section of the model manifest (`"texture": {…}`, `"melody": {…}`): its schema, the
 * checks that tie it to the rest of the manifest, and what the model list shows of it
 * (`ModelStatus[key]`). Each studio defines its own beside its service (`<studio>/model-section.ts`)
 * and ./sections.ts lists them, one line each.
 */
import type { z } from 'zod';
import type { ManifestCore } from './manifest-core';

/** The manifest as a section's check sees it: the common fields and every section, each optional. */
export type ManifestFields = z.infer<typeof ManifestCore> & { [section: string]: unknown } & Partial<
  import('./manifest').SectionFields
>;

export interface ModelSectionDef<K extends string, S extends z.ZodType> {
  key: K;
  schema: S;
  /** Tasks whose models use this section (the studio's `requireModel` task names). */
  tasks: readonly string[];
  /** Cross-field checks, run for its tasks' models and any manifest carrying the section (report a missing section). */
  check?: (m: ManifestFields, ctx: z.RefinementCtx) => void;
  /** What `models.list` shows of the section (see `ModelStatus` in preload/contract). */
  status?: (section: z.output<S>) => unknown;
}

export const defineModelSection = <K extends string, S extends z.ZodType>(
  def: ModelSectionDef<K, S>,
): ModelSectionDef<K, S> => def;
