/**
 * The zod shape of the settings every lab shares (learning rate, optimizer, batch, width, depth)
 * and the number checks each lab builds its own fields from, with messages that say what each
 * field means and its range. The ranges are the ones the studio's settings form offers.
 */
import { z } from 'zod';
import { OPTIMIZERS } from './types';

/** A number setting with one readable message for every way it can be wrong. */
export function numberSetting(label: string, min: number, max: number): z.ZodNumber {
  const message = `${label} must be between ${min} and ${max}`;
  return z.number({ error: message }).min(min, message).max(max, message);
}

/** A whole-number setting with one readable message for every way it can be wrong. */
export function wholeSetting(label: string, min: number, max: number): z.ZodNumber {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** A setting that is one of `values`. */
export function choiceSetting<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, { error: `${label} must be one of ${values.join(', ')}` });
}

export const commonSettingsShape = {
  learningRate: numberSetting('learning rate', 0.00001, 1),
  optimizer: choiceSetting('optimizer', OPTIMIZERS),
  batchSize: wholeSetting('batch size', 1, 1024),
  width: wholeSetting('width (hidden units per layer)', 1, 512),
  depth: wholeSetting('depth (hidden layers)', 1, 6),
};
