/**
 * What the Labs studio keeps across reloads (localStorage): the tab, and per lab the settings as
 * typed, the seed, where the data comes from (a preset, or the drawn / CSV points themselves),
 * image mode, speed, the chart's scale and the guide's step. Read back tolerantly: anything that
 * does not parse falls back to its default, never throwing.
 */
import { isPreset, type PresetName } from '../../../preload/labs/data';
import { LAB_IDS, type LabId } from '../../../preload/labs/types';
import { decodeF32, encodeF32 } from '../../../preload/labs/weights';
import { isGlyphSet, type GlyphSet } from './glyphs';
import type { Form } from './settings';

export const PREFS_KEY = 'atelier.labs.v1';
export const SPEEDS = [1, 2, 5, 10, 25, 50, 100, 250] as const;
export const DEFAULT_SPEED = 10;
/** Drawn or CSV points kept across reloads at most (more stay for the session only). */
export const MAX_KEPT_POINTS = 20000;

export type DataChoice =
  | { kind: 'preset'; name: PresetName }
  | { kind: 'drawn'; points: Float32Array }
  | { kind: 'csv'; name: string; points: Float32Array };

export interface LabPrefs {
  /** The settings as typed (empty: the lab's defaults). */
  form: Form;
  seed: number;
  data: DataChoice;
  images: boolean;
  glyphs: GlyphSet;
  speed: number;
  logScale: boolean;
  guideStep: number;
}

export interface LabsPrefs {
  tab: LabId;
  labs: Partial<Record<LabId, LabPrefs>>;
}

export const DEFAULT_SEED = 1;

export function defaultLabPrefs(): LabPrefs {
  return {
    form: {},
    seed: DEFAULT_SEED,
    data: { kind: 'preset', name: 'ring8' },
    images: false,
    glyphs: 'digits',
    speed: DEFAULT_SPEED,
    logScale: false,
    guideStep: 0,
  };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseData(v: unknown): DataChoice | null {
  if (!isObj(v)) return null;
  if (v.kind === 'preset')
    return typeof v.name === 'string' && isPreset(v.name) ? { kind: 'preset', name: v.name } : null;
  if ((v.kind === 'drawn' || v.kind === 'csv') && typeof v.points === 'string') {
    try {
      const points = decodeF32(v.points);
      if (points.length < 4 || points.length % 2 !== 0) return null;
      return v.kind === 'drawn'
        ? { kind: 'drawn', points }
        : { kind: 'csv', name: String(v.name ?? 'points.csv'), points };
    } catch {
      return null;
    }
  }
  return null;
}

function parseForm(v: unknown): Form {
  if (!isObj(v)) return {};
  const form: Form = {};
  for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'boolean') form[k] = x;
  return form;
}

function parseLab(v: unknown): LabPrefs {
  const d = defaultLabPrefs();
  if (!isObj(v)) return d;
  const seed = Number(v.seed);
  const speed = Number(v.speed);
  const step = Number(v.guideStep);
  return {
    form: parseForm(v.form),
    seed: Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff ? seed : d.seed,
    data: parseData(v.data) ?? d.data,
    images: v.images === true,
    glyphs: isGlyphSet(v.glyphs) ? v.glyphs : d.glyphs,
    speed: (SPEEDS as readonly number[]).includes(speed) ? speed : d.speed,
    logScale: v.logScale === true,
    guideStep: Number.isInteger(step) && step >= 0 ? step : 0,
  };
}

export function parsePrefs(raw: unknown): LabsPrefs {
  const out: LabsPrefs = { tab: 'gan', labs: {} };
  if (!isObj(raw)) return out;
  if (typeof raw.tab === 'string' && (LAB_IDS as readonly string[]).includes(raw.tab))
    out.tab = raw.tab as LabId;
  if (isObj(raw.labs)) {
    for (const id of LAB_IDS) if (raw.labs[id] !== undefined) out.labs[id] = parseLab(raw.labs[id]);
  }
  return out;
}

/** The JSON kept (points as base64 float32; too many points are not kept, the preset comes back). */
export function serializePrefs(prefs: LabsPrefs): unknown {
  const labs: Obj = {};
  for (const [id, p] of Object.entries(prefs.labs)) {
    if (!p) continue;
    const data =
      p.data.kind === 'preset'
        ? p.data
        : p.data.points.length / 2 > MAX_KEPT_POINTS
          ? defaultLabPrefs().data
          : { ...p.data, points: encodeF32(p.data.points) };
    labs[id] = { ...p, data };
  }
  return { tab: prefs.tab, labs };
}

export function labPrefs(prefs: LabsPrefs, lab: LabId): LabPrefs {
  return prefs.labs[lab] ?? defaultLabPrefs();
}
