/**
 * The Texture studio's form: what the controls hold (text as typed), and the pure functions that
 * turn it into the contract's `TextureParamsInput` and back from a stored generation.
 */
import {
  TEXTURE_MAX_SIZE,
  TEXTURE_MIN_SIZE,
  TEXTURE_SIZE_STEP,
  type Generation,
  type TextureParamsInput,
} from '../../../preload/contract';
import { readTextureParams } from './generationParams';

export const SIZE_PRESETS = [256, 512, 1024, 2048] as const;
export type SizePreset = (typeof SIZE_PRESETS)[number];
export type SizeChoice = `${SizePreset}` | 'custom';
export const SIZE_CHOICES: readonly SizeChoice[] = ['256', '512', '1024', '2048', 'custom'];

export const SCALES = [1, 2, 4] as const;
export type Scale = (typeof SCALES)[number];

export interface TextureForm {
  /** Style id; '' means "the model's first style". */
  style: string;
  /** Second style id for blending; '' means no blend. */
  blendStyle: string;
  /** 0 = only `style`, 1 = only `blendStyle`. */
  blendAmount: number;
  scale: Scale;
  /** The seed field's text, as typed. */
  seedText: string;
  /** Locked: Generate uses the seed field. Unlocked: each Generate rolls a new seed first. */
  seedLocked: boolean;
  sizeChoice: SizeChoice;
  /** The custom size field's text, as typed (used when sizeChoice is 'custom'). */
  customSize: string;
}

export function initialForm(seed: number): TextureForm {
  return {
    style: '',
    blendStyle: '',
    blendAmount: 0.5,
    scale: 1,
    seedText: String(seed),
    seedLocked: false,
    sizeChoice: '512',
    customSize: '',
  };
}

/** A number parsed from text, without range checks; empty text is NaN (main rejects it). */
export function parseNumberText(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}

export function isSizeChoice(v: string): v is SizeChoice {
  return (SIZE_CHOICES as readonly string[]).includes(v);
}

export function isScale(v: number): v is Scale {
  return v === 1 || v === 2 || v === 4;
}

/** The size to send: a preset, or the custom text parsed as a number (not validated here). */
export function resolveSize(form: Pick<TextureForm, 'sizeChoice' | 'customSize'>): number {
  return form.sizeChoice === 'custom' ? parseNumberText(form.customSize) : Number(form.sizeChoice);
}

/**
 * Why the form's size cannot be sent, as a sentence for under Generate, or null. The same
 * limits as the contract (preload/contract/texture.ts), checked before any call.
 */
export function sizeProblem(form: Pick<TextureForm, 'sizeChoice' | 'customSize'>): string | null {
  if (form.sizeChoice === 'custom' && form.customSize.trim() === '')
    return 'The custom size must not be empty.';
  const size = resolveSize(form);
  if (!Number.isFinite(size)) return 'The size must be a number.';
  if (!Number.isInteger(size)) return 'The size must be a whole number of pixels.';
  if (size < TEXTURE_MIN_SIZE) return `The size must be at least ${TEXTURE_MIN_SIZE} px.`;
  if (size > TEXTURE_MAX_SIZE) return `The size must be at most ${TEXTURE_MAX_SIZE} px.`;
  if (size % TEXTURE_SIZE_STEP !== 0) return `The size must be a multiple of ${TEXTURE_SIZE_STEP} px.`;
  return null;
}

/** Sizes past this side are slow on the CPU (the time grows with the pixels). */
export const SLOW_CPU_SIZE = 1024;

/**
 * A warning before a size that is slow on this provider, or null: past SLOW_CPU_SIZE on the CPU
 * ("2048 × 2048 is 16× the pixels of 512 × 512: …"). Not an error: it can still be generated.
 */
export function sizeWarning(
  form: Pick<TextureForm, 'sizeChoice' | 'customSize'>,
  provider: string | null,
): string | null {
  if (provider?.toLowerCase() !== 'cpu' || sizeProblem(form) !== null) return null;
  const size = resolveSize(form);
  if (size <= SLOW_CPU_SIZE) return null;
  const times = Math.round((size * size) / (512 * 512));
  return `${size} × ${size} is ${times}× the pixels of 512 × 512: on the CPU it can take minutes (Cancel stops it).`;
}

/** The select choice and custom text that show `size`. */
export function sizeFields(size: number): Pick<TextureForm, 'sizeChoice' | 'customSize'> {
  const preset = SIZE_PRESETS.find((p) => p === size);
  return preset !== undefined
    ? { sizeChoice: `${preset}`, customSize: '' }
    : { sizeChoice: 'custom', customSize: String(size) };
}

/** Switching the size select: entering "Custom…" starts from the current size, for editing. */
export function withSizeChoice(form: TextureForm, choice: SizeChoice): TextureForm {
  if (choice === 'custom' && form.sizeChoice !== 'custom' && form.customSize.trim() === '') {
    return { ...form, sizeChoice: choice, customSize: form.sizeChoice };
  }
  return { ...form, sizeChoice: choice };
}

export function clamp01(v: number): number {
  if (!Number.isFinite(v)) return 0;
  return Math.min(1, Math.max(0, v));
}

export interface BuildContext {
  modelId: string;
  seed: number;
  /** Used when the form has no style yet (the model's first style). */
  defaultStyle: string;
}

/** The `params` for `texture.generate`. `blend` is present only when a second style is chosen. */
export function buildTextureParams(form: TextureForm, ctx: BuildContext): TextureParamsInput {
  const params: TextureParamsInput = {
    model: ctx.modelId,
    seed: ctx.seed,
    size: resolveSize(form),
    style: form.style || ctx.defaultStyle,
    scale: form.scale,
  };
  if (form.blendStyle !== '') params.blend = { style: form.blendStyle, amount: clamp01(form.blendAmount) };
  return params;
}

/**
 * The form showing a stored generation's parameters (seed lock and unknown fields kept). Other
 * kinds (a latent point sent to the canvas) are only shown: the controls keep their own values.
 */
export function formFromGeneration(gen: Generation, prev: TextureForm): TextureForm {
  if (gen.kind !== 'texture') return prev;
  const p = readTextureParams(gen.params);
  const size = p.size ?? gen.width ?? undefined;
  return {
    ...prev,
    style: p.style ?? prev.style,
    blendStyle: p.blend?.style ?? '',
    blendAmount: p.blend ? clamp01(p.blend.amount) : prev.blendAmount,
    scale: p.scale ?? 1,
    seedText: String(p.seed ?? gen.seed),
    ...(size !== undefined ? sizeFields(size) : {}),
  };
}
