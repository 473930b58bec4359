/**
 * The material panel's settings as the page keeps them: the maps' strengths (applied live by the
 * 3D preview, baked into the export by main), the preview's shape, tiling, scale and light, and
 * the export's normal convention and bit depth. Pure; the defaults are the contract's.
 */
import { MaterialSettings, type NormalConvention } from '../../../preload/contract';

export type PreviewShape = 'plane' | 'sphere' | 'cube';
export const PREVIEW_SHAPES: readonly PreviewShape[] = ['plane', 'sphere', 'cube'];

export interface MaterialForm {
  maps: MaterialSettings;
  /** Relief on the preview's surface (0 = flat; the exported height map is always 0…1). */
  heightStrength: number;
  shape: PreviewShape;
  /** Repeats of the texture across the surface. */
  tiling: number;
  /** The object's size on screen. */
  scale: number;
  /** Where the light comes from: degrees around the view (0 = right, 90 = top) and above the surface. */
  azimuth: number;
  elevation: number;
  normal: NormalConvention;
  bits: 8 | 16;
}

export const DEFAULT_MATERIAL_FORM: MaterialForm = {
  maps: MaterialSettings.parse({}),
  heightStrength: 0.3,
  shape: 'plane',
  tiling: 2,
  scale: 1,
  azimuth: 135,
  elevation: 35,
  normal: 'gl',
  bits: 8,
};

/** The light's direction as a unit vector in view space (x right, y up, z towards the viewer). */
export function lightDirection(azimuth: number, elevation: number): [number, number, number] {
  const a = (azimuth * Math.PI) / 180;
  const e = (elevation * Math.PI) / 180;
  return [Math.cos(e) * Math.cos(a), Math.cos(e) * Math.sin(a), Math.sin(e)];
}

/** A drag on the preview moves the light: the pointer's place around the centre gives the azimuth, its distance the elevation. */
export function lightFromPointer(
  x: number,
  y: number,
  width: number,
  height: number,
): { azimuth: number; elevation: number } {
  const dx = (x - width / 2) / (width / 2);
  const dy = (height / 2 - y) / (height / 2);
  const r = Math.min(1, Math.hypot(dx, dy));
  const azimuth = ((Math.atan2(dy, dx) * 180) / Math.PI + 360) % 360;
  const elevation = 90 - 80 * r;
  return { azimuth: Math.round(azimuth), elevation: Math.round(elevation) };
}

/**
 * The roughness the preview shows for a measured value r0 (0…1): the contract's contrast about
 * 0.5, then into [min, max] — as main bakes it (main/services/material/maps.ts `shapeRoughness`).
 */
export function shapedRoughness(
  r0: number,
  s: Pick<MaterialSettings, 'roughnessMin' | 'roughnessMax' | 'roughnessContrast'>,
): number {
  const v = Math.min(1, Math.max(0, 0.5 + (r0 - 0.5) * s.roughnessContrast));
  return s.roughnessMin + (s.roughnessMax - s.roughnessMin) * v;
}

/** A settings change that keeps roughnessMin ≤ roughnessMax by moving the other end. */
export function withRoughness(s: MaterialSettings, end: 'min' | 'max', value: number): MaterialSettings {
  return end === 'min'
    ? { ...s, roughnessMin: value, roughnessMax: Math.max(value, s.roughnessMax) }
    : { ...s, roughnessMax: value, roughnessMin: Math.min(value, s.roughnessMin) };
}
