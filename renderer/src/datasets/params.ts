/**
 * Each method's parameters as form fields (label, range, default, a short hint) and the params
 * object main expects from the values as typed. The ranges mirror main's checks (classic,
 * vae-posterior, texture re-synthesis and diffusion img2img for images; the three MIDI methods),
 * so a value out of range gets its sentence here before anything runs.
 */
import type { DatasetMethod, MidiAugmentMethod } from '../../../preload/contract';

export interface ParamSpec {
  key: string;
  label: string;
  hint: string;
  kind: 'number' | 'text' | 'check' | 'list';
  min?: number;
  max?: number;
  step?: number;
  integer?: boolean;
  /** The default as typed. */
  def: string;
  /** Shown (and checked) only while this check field is on. */
  when?: string;
}

const num = (
  key: string,
  label: string,
  min: number,
  max: number,
  def: number,
  hint: string,
  integer = false,
): ParamSpec => ({
  key,
  label,
  hint,
  kind: 'number',
  min,
  max,
  step: integer ? 1 : max - min > 5 ? 0.5 : 0.05,
  integer,
  def: String(def),
});

export const IMAGE_PARAMS: Record<DatasetMethod, readonly ParamSpec[]> = {
  classic: [
    {
      key: 'crop',
      label: 'Random resized crop',
      hint: 'Crop a region and scale it back to the full size.',
      kind: 'check',
      def: 'true',
    },
    { ...num('cropMin', 'Crop area min', 0.05, 1, 0.6, 'Smallest share of the image kept.'), when: 'crop' },
    { ...num('cropMax', 'Crop area max', 0.05, 1, 1, 'Largest share of the image kept.'), when: 'crop' },
    num('flip', 'Flip chance', 0, 1, 0.5, 'Chance of a mirror image.'),
    num('brightness', 'Brightness ±', 0, 1, 0.2, 'Scales brightness by up to ± this (0 = off).'),
    num('contrast', 'Contrast ±', 0, 1, 0.2, 'Moves contrast by up to ± this.'),
    num('saturation', 'Saturation ±', 0, 1, 0.2, 'Moves colour saturation by up to ± this.'),
  ],
  'vae-posterior': [
    num(
      'temperature',
      'Spread',
      0,
      3,
      1,
      'How far samples stray from the image: 0 = the VAE’s reconstruction, 1 = its posterior.',
    ),
  ],
  'diffusion-img2img': [
    num('strength', 'Strength', 0.05, 1, 0.5, 'How much of the image is redrawn (1 = all of it).'),
    num('steps', 'Steps', 1, 100, 20, 'Denoising steps: more is slower and finer.', true),
    num('guidance', 'Guidance', 0, 20, 5, 'How strongly the prompt steers the picture.'),
    {
      key: 'prompt',
      label: 'Prompt',
      hint: '{label} is replaced by the image’s class name.',
      kind: 'text',
      def: '{label}',
    },
  ],
  'texture-resynthesis': [
    num('patch', 'Patch size (px)', 8, 128, 32, 'Side of the square patches quilted together.', true),
    num('overlap', 'Overlap', 0.1, 0.5, 0.25, 'Overlap of neighbouring patches, a share of the patch.'),
  ],
};

/** The MIDI methods' fields, each under the method it belongs to. */
export const MIDI_PARAMS: Record<MidiAugmentMethod, readonly ParamSpec[]> = {
  variations: [num('spread', 'Spread', 0, 3, 0.7, 'How far variations stray from the melody.')],
  continuations: [
    num('temperature', 'Temperature', 0.1, 2, 0.9, 'Higher is more surprising, lower more predictable.'),
    num('bars', 'Bars', 1, 16, 4, 'Length of each continuation.', true),
  ],
  transpositions: [
    {
      key: 'semitones',
      label: 'Semitones',
      hint: 'Shifts from −12 to 12, separated by commas.',
      kind: 'list',
      min: -12,
      max: 12,
      integer: true,
      def: '-5, -2, 2, 5',
    },
  ],
};

export type ParamValues = Record<string, string>;

/** The fields on show: those that depend on a check field only while it is on. */
export const shownParams = (specs: readonly ParamSpec[], values: ParamValues): ParamSpec[] =>
  specs.filter((s) => {
    if (!s.when) return true;
    const check = specs.find((c) => c.key === s.when);
    return (values[s.when] ?? check?.def) === 'true';
  });

export const defaults = (specs: readonly ParamSpec[]): ParamValues =>
  Object.fromEntries(specs.map((s) => [s.key, s.def]));

/** "1, 3, 5" → [1, 3, 5]; null when an entry is not a number. */
export function parseList(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const nums = parts.map(Number);
  return nums.every((n) => Number.isFinite(n)) ? nums : null;
}

const range = (s: ParamSpec): string => `from ${s.min} to ${s.max}`;

/** The sentence for a bad value of `spec`, or null when it is fine. */
export function paramProblem(spec: ParamSpec, value: string | undefined): string | null {
  const v = (value ?? spec.def).trim();
  if (spec.kind === 'check') return null;
  if (spec.kind === 'text') return v.length > 500 ? `${spec.label} must be at most 500 characters.` : null;
  if (spec.kind === 'list') {
    const list = parseList(v);
    if (!list || list.length === 0) return `${spec.label} must be a list of numbers separated by commas.`;
    if (list.some((n) => !Number.isInteger(n) || n < spec.min! || n > spec.max!))
      return `${spec.label} must be whole numbers ${range(spec)}.`;
    return null;
  }
  const n = v === '' ? Number.NaN : Number(v);
  if (!Number.isFinite(n)) return `${spec.label} must be a number.`;
  if (spec.integer && !Number.isInteger(n)) return `${spec.label} must be a whole number.`;
  if (n < spec.min! || n > spec.max!) return `${spec.label} must be ${range(spec)}.`;
  return null;
}

/** Each bad field's sentence, by key. */
export function paramProblems(specs: readonly ParamSpec[], values: ParamValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of shownParams(specs, values)) {
    const p = paramProblem(s, values[s.key]);
    if (p) out[s.key] = p;
  }
  return out;
}

const value = (specs: readonly ParamSpec[], values: ParamValues, key: string): string =>
  (values[key] ?? specs.find((s) => s.key === key)?.def ?? '').trim();

/** The params object for `method` from checked values. */
export function imageParams(method: DatasetMethod, values: ParamValues): Record<string, unknown> {
  const specs = IMAGE_PARAMS[method];
  const n = (key: string): number => Number(value(specs, values, key));
  switch (method) {
    case 'classic':
      return {
        flip: n('flip'),
        crop:
          value(specs, values, 'crop') === 'true'
            ? {
                scale: [Math.min(n('cropMin'), n('cropMax')), Math.max(n('cropMin'), n('cropMax'))],
                ratio: [3 / 4, 4 / 3],
              }
            : null,
        jitter: { brightness: n('brightness'), contrast: n('contrast'), saturation: n('saturation') },
      };
    case 'vae-posterior':
      return { temperature: n('temperature') };
    case 'diffusion-img2img':
      return {
        strength: n('strength'),
        steps: n('steps'),
        guidance: n('guidance'),
        prompt: value(specs, values, 'prompt') || '{label}',
      };
    case 'texture-resynthesis':
      return { patch: n('patch'), overlap: n('overlap') };
  }
}

/** The MIDI params object: { spread, temperature, bars, semitones } for the methods chosen. */
export function midiParams(
  methods: readonly MidiAugmentMethod[],
  values: ParamValues,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of methods)
    for (const s of MIDI_PARAMS[m]) {
      const v = value(MIDI_PARAMS[m], values, s.key);
      out[s.key] = s.kind === 'list' ? parseList(v) : Number(v);
    }
  return out;
}
