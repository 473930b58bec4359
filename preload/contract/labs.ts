/**
 * The Labs studio: a lab's whole state (data, settings, seed, weights, iteration, charts and
 * metrics; preload/labs/state.ts) saved to the library and opened again, and a trained flow or
 * VAE exported as ONNX. Training itself runs in the page's Web Worker (and in `atelier lab
 * train`), never through the contract: only what is kept crosses it.
 */
import { z } from 'zod';
import { LAB_STATE_MAX_BYTES, LabStateSchema } from '../labs/state';
import { LAB_IDS } from '../labs/types';
import { slug } from '../names';
import { boundedFreeForm, FileOutput, GenerationId, method } from './common';
import { defineKind, storedParams } from './generation';

/** The largest thumbnail a saved lab may carry (a PNG of its picture). */
export const LAB_THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * A lab state as the contract takes it: the file's schema, nested at most 8 levels (its `view`
 * and `settings` are the studio's own keys) and at most LAB_STATE_MAX_BYTES as JSON.
 */
export const LabStateInput = boundedFreeForm(LabStateSchema, LAB_STATE_MAX_BYTES, 'lab state');

export const LabsSaveInput = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
    state: LabStateInput,
    /** The lab's picture as a PNG, shown in the library. */
    thumbnail: z
      .instanceof(Uint8Array, { error: 'must be PNG bytes' })
      .refine((b) => b.length <= LAB_THUMBNAIL_MAX_BYTES, 'must be at most 2 MiB')
      .refine((b) => PNG_SIGNATURE.every((v, i) => b[i] === v), 'must be a PNG image')
      .optional(),
  })
  .strict();
export type LabsSaveInput = z.input<typeof LabsSaveInput>;

export const LabsOpenInput = z.object({ id: GenerationId }).strict();
export const LabsOpenOutput = z.object({ state: LabStateSchema });

export const LabsExportOnnxInput = z.object({ state: LabStateInput }).strict();

/** A saved lab's export name: "<title>.atelier-lab.json" (the lab's id when the title has no letters). */
export function labFileName(title: string, lab: string): string {
  return `${slug(title, `atelier-${slug(lab, 'lab')}`)}.atelier-lab.json`;
}

/** An exported ONNX graph's name: "<lab>-<iteration>.onnx". */
export function labOnnxFileName(lab: string, iteration: number): string {
  return `${slug(lab, 'lab')}-${iteration}.onnx`;
}

/**
 * A lab record: which lab, how far it trained, on what data, with which settings, and its
 * metrics. Its export is the whole state as JSON (asset role `state`), which Labs opens on any
 * machine; the thumbnail is the lab's picture.
 */
export const labKind = defineKind(
  'lab',
  storedParams({
    lab: z.enum(LAB_IDS),
    iteration: z.number(),
    /** Where the data came from (a preset and its seed, drawn points, a CSV, glyphs). */
    data: z.looseObject({ kind: z.string() }),
    /** Points (or images) in the data. */
    points: z.number(),
    settings: z.record(z.string(), z.unknown()),
    metrics: z.record(z.string(), z.number()),
  }),
  {
    exportRole: 'state',
    extension: 'json',
    fileName: (g) => labFileName(g.title, g.params.lab ?? 'lab'),
  },
);
export const LabGeneration = labKind.record;
export type LabGeneration = z.output<typeof LabGeneration>;

export const labs = {
  /**
   * Save a lab's whole state to the library (a `lab` record; its state as JSON, its thumbnail).
   * The state is checked as Labs would open it (settings by the lab's schema, weights by shape)
   * before anything is written.
   */
  save: method(LabsSaveInput, LabGeneration),
  /** A saved lab's state, as saved (its title the record's). */
  open: method(LabsOpenInput, LabsOpenOutput),
  /**
   * A trained lab as an ONNX graph (opset 13) that onnxruntime runs with the engine's outputs:
   * the flow maps x → (z, log_prob), the VAE's decoder z → x. Other labs are refused.
   */
  exportOnnx: method(LabsExportOnnxInput, FileOutput),
};
