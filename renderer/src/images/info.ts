/** A result's library record read back: its settings (to restore the form) and the info rows. */
import { IMAGE_SCHEDULER_LABELS, type Generation, type ImageScheduler } from '../../../preload/contract';
import { isScheduler } from './fewStep';
import { formatDuration, formatProvider } from '../shell/format';
import { CUSTOM_SIZE, type ImageForm } from './form';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export interface ImageSettings {
  model: string;
  prompt: string;
  negative: string;
  seed: number;
  steps: number | null;
  guidance: number | null;
  sampler: ImageScheduler | null;
  width: number | null;
  height: number | null;
}

export function settingsOf(g: Generation): ImageSettings {
  const p = g.params;
  const sampler = str(p.sampler);
  return {
    model: str(p.model) ?? g.modelId,
    prompt: str(p.prompt) ?? '',
    negative: str(p.negative) ?? '',
    seed: g.seed,
    steps: num(p.steps),
    guidance: num(p.guidance),
    sampler: isScheduler(sampler) ? sampler : null,
    width: num(p.width) ?? g.width,
    height: num(p.height) ?? g.height,
  };
}

/**
 * The form with a record's settings: prompt, negative, steps, guidance, sampler, size, and its
 * seed locked (so Generate replays it). Batch and strength stay as they were.
 */
export function formFromGeneration(form: ImageForm, g: Generation, modelSizes: readonly number[]): ImageForm {
  const s = settingsOf(g);
  const next: ImageForm = {
    ...form,
    prompt: s.prompt,
    negative: s.negative,
    seed: String(s.seed),
    seedLocked: true,
    steps: s.steps !== null ? String(s.steps) : form.steps,
    guidance: s.guidance !== null ? String(s.guidance) : form.guidance,
    sampler: s.sampler ?? form.sampler,
  };
  if (s.width !== null && s.height !== null) {
    if (s.width === s.height && modelSizes.includes(s.width)) next.size = String(s.width);
    else {
      next.size = CUSTOM_SIZE;
      next.width = String(s.width);
      next.height = String(s.height);
    }
  }
  return next;
}

/** The rows of a result's info: label, value. */
export function infoRows(g: Generation): [string, string][] {
  const s = settingsOf(g);
  const rows: [string, string][] = [
    ['Prompt', s.prompt || '—'],
    ...(s.negative ? ([['Negative', s.negative]] as [string, string][]) : []),
    ['Seed', String(s.seed)],
    ['Steps', s.steps !== null ? String(s.steps) : '—'],
    ['Guidance', s.guidance !== null ? String(s.guidance) : '—'],
    ['Sampler', s.sampler ? IMAGE_SCHEDULER_LABELS[s.sampler] : '—'],
    ['Size', s.width !== null && s.height !== null ? `${s.width} × ${s.height}` : '—'],
    ['Model', s.model],
    ['Time', formatDuration(g.durationMs)],
    ['Provider', formatProvider(g.provider)],
  ];
  const strength = num(g.params.strength);
  if (strength !== null) rows.push(['img2img strength', String(strength)]);
  return rows;
}
