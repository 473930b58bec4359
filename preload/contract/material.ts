/**
 * Materials for game artists: from a library picture (texture, image, latent sheet) or a PNG/JPEG
 * the user opens, height, normal (OpenGL or DirectX), roughness and ambient-occlusion maps,
 * seamless like the texture. `maps` answers the preview's maps at neutral strengths (the 3D
 * preview applies the strengths live); `export` bakes the settings into the set of PNGs named
 * `<name>_<map>.png`, 8 or 16 bits, answered as files or written to a folder the host picks.
 */
import { z } from 'zod';
import { FileOutput, GenerationId, method } from './common';

export const MATERIAL_MIN_SIDE = 16;
export const MATERIAL_MAX_SIDE = 4096;
/** The largest file accepted as a source picture. */
export const MATERIAL_MAX_BYTES = 64 * 1024 * 1024;

const range = (lo: number, hi: number) =>
  z.number('must be a number').min(lo, `must be from ${lo} to ${hi}`).max(hi, `must be from ${lo} to ${hi}`);

/** How the maps are made from the picture (see main/services/material/maps.ts). */
export const MaterialSettings = z
  .object({
    /** Blur of the height after the lighting gradients are removed, px. */
    heightBlur: range(0, 16).default(1),
    /** The scale above which brightness changes are lighting, not relief (fraction of the side). */
    highPass: range(0.02, 0.5).default(0.125),
    normalStrength: range(0, 20).default(2),
    roughnessMin: range(0, 1).default(0.35),
    roughnessMax: range(0, 1).default(0.95),
    roughnessContrast: range(0, 4).default(1),
    aoStrength: range(0, 4).default(1),
  })
  .strict()
  .refine((s) => s.roughnessMin <= s.roughnessMax, {
    message: 'must not be above roughnessMax',
    path: ['roughnessMin'],
  });
export type MaterialSettings = z.output<typeof MaterialSettings>;
export type MaterialSettingsInput = z.input<typeof MaterialSettings>;

/** The picture the maps are made from: a library record, or a PNG/JPEG file's bytes. */
export const MaterialSource = z.union([
  z.object({ generationId: GenerationId }).strict(),
  z
    .object({
      image: z
        .instanceof(Uint8Array, { message: 'must be the bytes of a PNG or JPEG image' })
        .refine((b) => b.byteLength <= MATERIAL_MAX_BYTES, 'must be at most 64 MiB'),
      /** The file's name, for the maps' names. */
      fileName: z.string().max(255, 'must be at most 255 characters').default('material'),
    })
    .strict(),
]);
export type MaterialSource = z.output<typeof MaterialSource>;

export const NormalConvention = z.enum(['gl', 'dx']);
export type NormalConvention = z.infer<typeof NormalConvention>;

export const MaterialMapsInput = z.object({ source: MaterialSource }).strict();

/** The preview's maps as 8-bit PNGs at neutral strengths (normal 1, roughness as measured, AO 1), OpenGL normals. */
export const MaterialPreviewMaps = z.object({
  name: z.string(),
  width: z.number(),
  height: z.number(),
  basecolor: z.instanceof(Uint8Array),
  heightMap: z.instanceof(Uint8Array),
  normal: z.instanceof(Uint8Array),
  roughness: z.instanceof(Uint8Array),
  ao: z.instanceof(Uint8Array),
  /** Time in the worker: decode, maps, encode. */
  ms: z.number(),
});
export type MaterialPreviewMaps = z.output<typeof MaterialPreviewMaps>;

export const MaterialExportInput = z
  .object({
    source: MaterialSource,
    settings: MaterialSettings.default(MaterialSettings.parse({})),
    normal: NormalConvention.default('gl'),
    bits: z.union([z.literal(8), z.literal(16)], 'must be 8 or 16').default(8),
    /** The maps' common name (`<name>_height.png`, …); letters, digits, "-", "_" and "." are kept. */
    name: z.string().max(120, 'must be at most 120 characters').optional(),
    /** Ask the host for a folder and write the files there (hosts with a folder picker). */
    toFolder: z.boolean().default(false),
  })
  .strict();

export const MaterialExport = z.object({
  /** The maps; their bytes are empty when written to a folder. */
  files: z.array(FileOutput),
  /** The folder written to, or null (answered as files, or the picker was cancelled). */
  savedTo: z.string().nullable(),
  ms: z.number(),
});
export type MaterialExport = z.output<typeof MaterialExport>;

export const material = {
  maps: method(MaterialMapsInput, MaterialPreviewMaps),
  export: method(MaterialExportInput, MaterialExport),
};
