/** The Image studio's size choice: a listed size, the model's default or a custom width × height, and the warning before a slow one. */
import type { ModelStatus } from '../../../preload/contract';
import type { ImageForm } from './form';

export const CUSTOM_SIZE = 'custom';

/** The width and height the form asks for on `model` (custom, a listed size, or the default). */
export function resolveSize(form: ImageForm, model: ModelStatus | null): { width: string; height: string } {
  if (form.size === CUSTOM_SIZE) return { width: form.width, height: form.height };
  const image = model?.image;
  if (!image) return { width: form.width, height: form.height };
  const n = Number(form.size);
  const side = form.size !== '' && image.sizes.includes(n) ? n : image.defaultSize;
  return { width: String(side), height: String(side) };
}

/** The value of the size select: the form's size when the model lists it, else custom or default. */
export function sizeChoice(form: ImageForm, model: ModelStatus | null): string {
  if (form.size === CUSTOM_SIZE) return CUSTOM_SIZE;
  const image = model?.image;
  if (!image) return CUSTOM_SIZE;
  const n = Number(form.size);
  return form.size !== '' && image.sizes.includes(n) ? form.size : String(image.defaultSize);
}

/** The size select changed: "Custom…" starts from the size on show (the model's own by default). */
export function withSizeChoice(form: ImageForm, choice: string, model: ModelStatus | null): ImageForm {
  if (choice === CUSTOM_SIZE && sizeChoice(form, model) !== CUSTOM_SIZE) {
    const { width, height } = resolveSize(form, model);
    return { ...form, size: CUSTOM_SIZE, width, height };
  }
  return { ...form, size: choice };
}

/** Sizes past this many times the model's native side (either way) get a warning. */
export const SLOW_SIZE_FACTOR = 2;

/**
 * A warning before a size that takes much longer than the model's own, or null: a side more
 * than twice the native one. The time grows at least with the pixel count, so it says roughly
 * how many times longer each image takes ("about 114× as long").
 */
export function sizeWarning(form: ImageForm, model: ModelStatus | null): string | null {
  const native = model?.image?.defaultSize;
  if (!native) return null;
  const { width, height } = resolveSize(form, model);
  const w = Number(width);
  const h = Number(height);
  if (!Number.isFinite(w) || !Number.isFinite(h) || w <= 0 || h <= 0) return null;
  if (w <= native * SLOW_SIZE_FACTOR && h <= native * SLOW_SIZE_FACTOR) return null;
  const times = Math.round((w * h) / (native * native));
  return (
    `${w} × ${h} is ${times}× the pixels of this model's native ${native} × ${native}: ` +
    `each image takes roughly ${times}× as long, and the model draws best at its own size.`
  );
}
