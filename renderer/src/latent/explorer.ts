/**
 * The explorer's per-model state and the pure reads around it: which models are latent ones,
 * why one cannot be used, what the main view asks the model to draw, bookmarks read back from
 * library records.
 */
import type {
  Generation,
  LatentPathMode,
  LatentPriorKind,
  LatentView,
  ModelStatus,
} from '../../../preload/contract';
import type { Pca } from '../../../preload/latent';
import { DEFAULT_GRID_STEP } from './grid';
import { cleanText, DEFAULT_TEXT } from './glyphText';
import type { Axes } from './pad';

export type LatentInfo = NonNullable<ModelStatus['latent']>;

/** Sliders shown for the strongest directions. */
export const SLIDER_COUNT = 8;
export const DEFAULT_FRAMES = 16;

export interface InterpState {
  /** 'current' or a bookmark's generation id. */
  a: string;
  b: string;
  mode: LatentPathMode;
  t: number;
  frames: number;
  scale: number;
}

export interface ModelState {
  point: number[];
  axes: Axes;
  /** Glyph models: the text the main view shows, as typed. */
  text: string;
  /** Glyph models: the grid's character ('' = the text's first). */
  gridChar: string;
  gridStep: number;
  temperature: number;
  /** Where Randomize draws from (the flow prior only for models that have one). */
  prior: LatentPriorKind;
  /** The seed of the last Randomize, shown beside it. */
  seed: number | null;
  /** Texture models: show the tile 3×3. */
  tiled: boolean;
  interp: InterpState;
  /** Glyph models: the character an encoded image shows. */
  encodeChar: string;
}

export function latentModels(models: readonly ModelStatus[] | null): ModelStatus[] {
  return (models ?? []).filter((m) => m.task === 'latent');
}

/**
 * Why no latent model is listed, as a sentence: model folders whose manifest could not be read
 * (their task is unknown, so they might be the latent models) are named with their error.
 */
export function noLatentModelText(models: readonly ModelStatus[] | null): string {
  const unreadable = (models ?? []).filter((m) => !m.ok && m.task === 'unknown');
  if (unreadable.length === 0) return 'No latent model is installed.';
  return `No latent model is installed. Unreadable model folders: ${unreadable
    .map((m) => `${m.id} (${m.error ?? 'unknown error'})`)
    .join('; ')}.`;
}

/** Why the explorer cannot use the model, as a sentence, or null when it can. */
export function latentModelProblem(model: ModelStatus | null): string | null {
  if (!model) return 'No latent model is installed.';
  if (!model.ok) return `Model '${model.name}' cannot be used: ${model.error ?? 'it failed its checks.'}`;
  const l = model.latent;
  if (!l) return `Model '${model.name}' describes no latent space.`;
  if (l.pca.mean.length !== l.dim || l.pca.directions.length < 2)
    return `Model '${model.name}' has no usable principal directions.`;
  return null;
}

export function isConditional(latent: LatentInfo | undefined): boolean {
  return Boolean(latent?.charset);
}

export function pcaOf(latent: LatentInfo): Pca {
  return latent.pca;
}

export function sliderCount(latent: LatentInfo): number {
  return Math.min(SLIDER_COUNT, latent.pca.directions.length, latent.pca.variance.length);
}

export function initialModelState(latent: LatentInfo | undefined): ModelState {
  return {
    point: latent ? latent.pca.mean.slice() : [],
    axes: { x: 0, y: 1 },
    text: DEFAULT_TEXT,
    gridChar: '',
    gridStep: DEFAULT_GRID_STEP,
    temperature: 1,
    prior: 'normal',
    seed: null,
    tiled: false,
    interp: { a: 'current', b: 'current', mode: 'slerp', t: 0, frames: DEFAULT_FRAMES, scale: 2 },
    encodeChar: (latent?.charset ? [...latent.charset][0] : undefined) ?? 'A',
  };
}

/**
 * A model's state as the explorer uses it: the stored one, or `initial` when none is stored. A
 * stored point the model cannot take (another size, a broken value) is replaced by `initial`'s,
 * the training set's mean, keeping the rest of what is stored.
 */
export function stateFor(
  latent: LatentInfo | undefined,
  stored: ModelState | undefined,
  initial: ModelState = initialModelState(latent),
): ModelState {
  if (!stored) return initial;
  if (latent && isPointFor(latent, stored.point)) return stored;
  return { ...stored, point: initial.point };
}

/** The model on show: the one picked, else the first usable, else the first listed. */
export function shownModel(list: readonly ModelStatus[], chosen: string | null): ModelStatus | null {
  return list.find((m) => m.id === chosen) ?? list.find((m) => m.ok) ?? list[0] ?? null;
}

/** What each neighbourhood cell draws: glyph models one character, others the image; null without a model. */
export function cellView(latent: LatentInfo | undefined, char: string): LatentView | null {
  if (!latent) return null;
  return isConditional(latent) ? { kind: 'text', text: char } : { kind: 'image' };
}

/** What the main view asks the model to draw, or null (a glyph model with nothing to write). */
export function mainView(latent: LatentInfo, state: Pick<ModelState, 'text'>): LatentView | null {
  if (!isConditional(latent)) return { kind: 'image' };
  const { text } = cleanText(state.text, latent.charset);
  return text === '' ? null : { kind: 'text', text };
}

/** The point as the data-point attribute shows it: JSON, 4 decimals. */
export function pointAttr(point: readonly number[]): string {
  return JSON.stringify(point.map((x) => Math.round(x * 1e4) / 1e4 + 0));
}

/** Same length and all finite: a point the model can take. */
export function isPointFor(latent: LatentInfo, point: unknown): point is number[] {
  return (
    Array.isArray(point) &&
    point.length === latent.dim &&
    point.every((x) => typeof x === 'number' && Number.isFinite(x))
  );
}

export interface Bookmark {
  generation: Generation;
  point: number[];
  view: LatentView | null;
}

/** A library record read as a bookmark of `modelId`, or null when it is not one. */
export function readBookmark(gen: Generation, modelId: string, dim: number): Bookmark | null {
  if (gen.kind !== 'latent') return null;
  const p = gen.params;
  const model = typeof p.model === 'string' ? p.model : gen.modelId;
  if (model !== modelId) return null;
  const point = p.point;
  if (!Array.isArray(point) || point.length !== dim || !point.every((x) => typeof x === 'number'))
    return null;
  let view: LatentView | null = null;
  const v = p.view as Record<string, unknown> | undefined;
  if (v && v.kind === 'image') view = { kind: 'image' };
  else if (v && v.kind === 'text' && typeof v.text === 'string' && v.text !== '')
    view = { kind: 'text', text: v.text };
  return { generation: gen, point: point as number[], view };
}

/** The model's bookmarks, newest first. */
export function bookmarksFor(list: readonly Generation[], modelId: string, dim: number): Bookmark[] {
  return list
    .map((g) => readBookmark(g, modelId, dim))
    .filter((b): b is Bookmark => b !== null)
    .sort((x, y) => y.generation.createdAt - x.generation.createdAt);
}

/** An interpolation end: the current point, or a bookmark's (null when that bookmark is gone). */
export function resolveEnd(
  choice: string,
  current: readonly number[],
  bookmarks: readonly Bookmark[],
): number[] | null {
  if (choice === 'current') return current.slice();
  return bookmarks.find((b) => b.generation.id === choice)?.point.slice() ?? null;
}

/** Mean posterior SD over the dimensions (the prior's is 1). */
export function meanSpread(std: readonly number[]): number {
  if (std.length === 0) return 0;
  return std.reduce((s, x) => s + x, 0) / std.length;
}

/** "0.42" for SD values, with a real minus sign. */
export function formatSd(v: number): string {
  if (!Number.isFinite(v)) return '—';
  const s = (Math.round(v * 100) / 100 + 0).toFixed(2);
  return s.startsWith('-') ? `−${s.slice(1)}` : `+${s}`.replace('+0.00', '0.00');
}

/** Each direction's share of the total variance (0..1), for labelling axes ("18 %"). */
export function varianceShare(variance: readonly number[]): number[] {
  const total = variance.reduce((s, v) => s + Math.max(0, v), 0);
  return variance.map((v) => (total > 0 ? Math.max(0, v) / total : 0));
}

/** "Direction 3 · 12%" */
export function directionLabel(k: number, share: number | undefined): string {
  return share === undefined ? `Direction ${k + 1}` : `Direction ${k + 1} · ${Math.round(share * 100)}%`;
}

/** "Bookmark 4": one more than the highest numbered bookmark of the model. */
export function nextBookmarkTitle(bookmarks: readonly Bookmark[]): string {
  let n = 0;
  for (const b of bookmarks) {
    const m = /^Bookmark (\d+)\b/.exec(b.generation.title);
    if (m) n = Math.max(n, Number(m[1]));
  }
  return `Bookmark ${n + 1}`;
}

const timeOnly = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });
const dateAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'short', timeStyle: 'short' });

/** When a bookmark was made, short: the time today, else date and time. */
export function formatWhen(
  ms: number,
  now: number = Date.now(),
  formats: { time: Intl.DateTimeFormat; dateTime: Intl.DateTimeFormat } = {
    time: timeOnly,
    dateTime: dateAndTime,
  },
): string {
  if (!Number.isFinite(ms)) return '—';
  const day = (t: number): string => new Date(t).toDateString();
  return day(ms) === day(now) ? formats.time.format(ms) : formats.dateTime.format(ms);
}
