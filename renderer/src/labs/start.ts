/**
 * A fresh run of a lab from what the learner chose: the mode's defaults (the image settings
 * merged in image mode), the settings as typed over them, the seed, and the data (a preset from
 * the seed, the drawn or CSV points, or the glyphs).
 */
import type { Dataset, LabId } from '../../../preload/labs/types';
import type { LabDef } from './lab-def';
import { datasetFor, type GlyphRenderer } from './labData';
import type { LabPrefs } from './prefs';
import { allFields, modeDefaults, settingsFrom } from './settings';
import type { LabInfo, ToWorker } from './worker/protocol';

/** Whether the lab on show trains on images (its prefs say so and it has an image mode). */
export function imageMode(p: LabPrefs, info: LabInfo, def: LabDef): boolean {
  return p.images && info.images && def.imageSettings !== undefined;
}

/** The worker's `init` for a fresh run (throws a readable Error when the glyphs cannot be drawn). */
export function freshRun(
  lab: LabId,
  p: LabPrefs,
  info: LabInfo,
  def: LabDef,
  request: unknown,
  render: GlyphRenderer,
): Extract<ToWorker, { type: 'init' }> {
  const images = imageMode(p, info, def);
  const base = modeDefaults(info.defaults, images, def.imageSettings);
  const { settings } = settingsFrom(p.form, allFields(def.fields), base);
  const data: Dataset = datasetFor(p.data, p.seed, { on: images, set: p.glyphs }, render);
  return { type: 'init', lab, data, seed: p.seed, settings, request };
}
