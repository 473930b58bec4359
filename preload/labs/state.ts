/**
 * A lab's whole state as a file: data, settings, seed, weights, iteration, charts and metrics.
 * The studio saves it to the library and exports it as JSON; `atelier lab train --out` writes
 * it; Labs opens it on any machine and shows the same picture. Checked with zod on the way in.
 */
import { z } from 'zod';
import { LAB_IDS } from './types';

export const LAB_STATE_FORMAT = 'atelier-lab';
export const LAB_STATE_VERSION = 1;
/**
 * The largest state file Labs opens (a glyph-image lab with its data is about 2.5 MB); under the
 * browser host's 25 MiB frame so whatever passes here also crosses the WebSocket.
 */
export const LAB_STATE_MAX_BYTES = 24 * 1024 * 1024;

const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const SavedTensor = z.object({ shape: z.array(z.number().int().min(0)).max(8), data: Base64 });

export const DataSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('preset'),
    name: z.string().max(64),
    n: z.number().int().min(1),
    seed: z.number().int(),
  }),
  z.object({ kind: z.literal('drawn') }),
  z.object({ kind: z.literal('csv'), name: z.string().max(256) }),
  z.object({
    kind: z.literal('glyphs'),
    chars: z.string().max(256),
    fonts: z.array(z.string().max(128)).max(64),
    size: z.number().int().min(4).max(64),
  }),
]);

export const LabStateSchema = z.object({
  format: z.literal(
    LAB_STATE_FORMAT,
    `is not an Atelier lab file (its "format" is not "${LAB_STATE_FORMAT}")`,
  ),
  version: z.number().int().max(LAB_STATE_VERSION, 'was written by a newer Atelier; update to open it'),
  lab: z.enum(LAB_IDS),
  title: z.string().max(200).optional(),
  seed: z.number().int().min(0).max(0xffffffff),
  /** The lab's own settings; its factory's schema checks them. */
  settings: z.record(z.string(), z.unknown()),
  data: z.object({
    dim: z.number().int().min(1).max(4096),
    side: z.number().int().min(1).max(64).optional(),
    points: Base64,
    source: DataSourceSchema,
  }),
  iteration: z.number().int().min(0),
  weights: z.object({ tensors: z.record(z.string(), SavedTensor), rng: z.array(z.number().int()).length(4) }),
  /** Loss curves: the iteration of each sample, and each named series at those iterations. */
  charts: z.object({
    iterations: z.array(z.number()),
    series: z.record(z.string(), z.array(z.number().nullable())),
  }),
  metrics: z.record(z.string(), z.number()).optional(),
  /** What the view showed (layer, t, observed point, …): the studio's own keys. */
  view: z.record(z.string(), z.unknown()).optional(),
});
export type LabState = z.infer<typeof LabStateSchema>;
