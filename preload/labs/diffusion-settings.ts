/** The diffusion lab's settings: the common ones plus T and the noise schedule, with their checks. */
import { z } from 'zod';
import { SCHEDULES, type ScheduleName } from './diffusion-schedule';
import { choiceSetting, commonSettingsShape, wholeSetting } from './settings';
import type { CommonSettings } from './types';

export interface DiffusionSettings extends CommonSettings {
  /** T: diffusion steps from data to noise. */
  steps: number;
  /** How β grows over the steps. */
  schedule: ScheduleName;
}

export const DIFFUSION_DEFAULTS: DiffusionSettings = {
  learningRate: 0.01,
  optimizer: 'adam',
  batchSize: 128,
  width: 64,
  depth: 2,
  steps: 100,
  schedule: 'linear',
};

export const DiffusionSettingsSchema = z.object({
  ...commonSettingsShape,
  steps: wholeSetting('steps (T, diffusion steps)', 20, 1000),
  schedule: choiceSetting('schedule', SCHEDULES),
});
