/**
 * The model manifest (`models/<id>/model.json`): the fields every model has (./manifest-core.ts)
 * plus the sections of ./sections.ts, each optional, each checked by its own rules. Validated
 * before a model loads.
 */
import { z } from 'zod';
import { ManifestCore } from './manifest-core';
import type { ManifestFields } from './model-section';
import { MODEL_SECTIONS } from './sections';

export { ModelFile, TensorSpec } from './manifest-core';
export type { ImageSection } from '../image/model-section';
export type { LatentSection } from '../latent/model-section';
export type { MelodySection } from '../melody/model-section';
export type { TextSection } from '../text/model-section';
export type { TextureSection } from '../texture/model-section';

type Sections = (typeof MODEL_SECTIONS)[number];
/** Each section under its key, optional, typed. */
export type SectionFields = { [S in Sections as S['key']]: z.output<S['schema']> };

const sectionShape = Object.fromEntries(MODEL_SECTIONS.map((s) => [s.key, s.schema.optional()]));

export const Manifest = ManifestCore.extend(sectionShape).superRefine((parsed, ctx) => {
  const m = parsed as ManifestFields;
  // A section's rules apply to its own tasks' models, and to any manifest that carries it.
  for (const s of MODEL_SECTIONS)
    if (s.tasks.includes(m.task) || (m as Record<string, unknown>)[s.key] !== undefined) s.check?.(m, ctx);
}) as unknown as z.ZodType<z.output<typeof ManifestCore> & Partial<SectionFields>>;
export type Manifest = z.output<typeof ManifestCore> & Partial<SectionFields>;

/** What `models.list` shows of each section the manifest has. */
export function sectionStatus(m: Manifest): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const s of MODEL_SECTIONS) {
    const value = (m as Record<string, unknown>)[s.key];
    if (value !== undefined && s.status) out[s.key] = (s.status as (v: unknown) => unknown)(value);
  }
  return out;
}
