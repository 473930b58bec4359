/**
 * The material panel's sliders, one row each: id (test id `material-<id>`), label, range and
 * step, and how a value is read from and written into the form (roughness keeps min ≤ max).
 */
import { withRoughness, type MaterialForm } from './materialSettings';

export interface SliderSpec {
  id: string;
  label: string;
  min: number;
  max: number;
  step: number;
  digits: number;
  get: (f: MaterialForm) => number;
  set: (f: MaterialForm, v: number) => MaterialForm;
}

const maps =
  (key: 'normalStrength' | 'roughnessContrast' | 'aoStrength') =>
  (f: MaterialForm, v: number): MaterialForm => ({ ...f, maps: { ...f.maps, [key]: v } });

export const MAP_SLIDERS: readonly SliderSpec[] = [
  {
    id: 'normal-strength',
    label: 'Normal strength',
    min: 0,
    max: 10,
    step: 0.1,
    digits: 1,
    get: (f) => f.maps.normalStrength,
    set: maps('normalStrength'),
  },
  {
    id: 'height-strength',
    label: 'Height (relief in the preview)',
    min: 0,
    max: 1,
    step: 0.01,
    digits: 2,
    get: (f) => f.heightStrength,
    set: (f, v) => ({ ...f, heightStrength: v }),
  },
  {
    id: 'roughness-min',
    label: 'Roughness min',
    min: 0,
    max: 1,
    step: 0.01,
    digits: 2,
    get: (f) => f.maps.roughnessMin,
    set: (f, v) => ({ ...f, maps: withRoughness(f.maps, 'min', v) }),
  },
  {
    id: 'roughness-max',
    label: 'Roughness max',
    min: 0,
    max: 1,
    step: 0.01,
    digits: 2,
    get: (f) => f.maps.roughnessMax,
    set: (f, v) => ({ ...f, maps: withRoughness(f.maps, 'max', v) }),
  },
  {
    id: 'roughness-contrast',
    label: 'Roughness contrast',
    min: 0,
    max: 4,
    step: 0.05,
    digits: 2,
    get: (f) => f.maps.roughnessContrast,
    set: maps('roughnessContrast'),
  },
  {
    id: 'ao-strength',
    label: 'Ambient occlusion',
    min: 0,
    max: 4,
    step: 0.05,
    digits: 2,
    get: (f) => f.maps.aoStrength,
    set: maps('aoStrength'),
  },
];

export const PREVIEW_SLIDERS: readonly SliderSpec[] = [
  {
    id: 'light-azimuth',
    label: 'Light direction (°)',
    min: 0,
    max: 359,
    step: 1,
    digits: 0,
    get: (f) => f.azimuth,
    set: (f, v) => ({ ...f, azimuth: v }),
  },
  {
    id: 'light-elevation',
    label: 'Light height (°)',
    min: 5,
    max: 90,
    step: 1,
    digits: 0,
    get: (f) => f.elevation,
    set: (f, v) => ({ ...f, elevation: v }),
  },
  {
    id: 'tiling',
    label: 'Tiling',
    min: 1,
    max: 8,
    step: 1,
    digits: 0,
    get: (f) => f.tiling,
    set: (f, v) => ({ ...f, tiling: v }),
  },
  {
    id: 'scale',
    label: 'Scale',
    min: 0.5,
    max: 1.5,
    step: 0.05,
    digits: 2,
    get: (f) => f.scale,
    set: (f, v) => ({ ...f, scale: v }),
  },
];
