/** The flow lab's settings: the common ones plus the number of coupling layers. */
import { z } from 'zod';
import { commonSettingsShape, wholeSetting } from './settings';
import type { CommonSettings } from './types';

export interface FlowSettings extends CommonSettings {
  /** Affine coupling layers (each moves one coordinate; they alternate). */
  layers: number;
}

export const FLOW_DEFAULTS: FlowSettings = {
  learningRate: 0.01,
  optimizer: 'adam',
  batchSize: 128,
  width: 32,
  depth: 1,
  layers: 8,
};

export const FlowSettingsSchema = z.object({
  ...commonSettingsShape,
  layers: wholeSetting('layers (coupling layers)', 2, 16),
});
