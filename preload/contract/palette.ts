/**
 * The Palettes studio: 5-colour palettes from a normalizing flow over OKLab (generate, score,
 * complete around locked colours, interpolate through the flow's base space), palettes in the
 * library, exports as GIMP .gpl, Adobe .ase, CSS custom properties and JSON, and a palette
 * applied to a library texture, image or glyph sheet (a recoloured copy of the same kind).
 */
import { z } from 'zod';
import { slug } from '../names';
import { HEX_PATTERN, PALETTE_COLORS } from '../palette';
import { FileOutput, GenerationId, JobId, method, ModelId, Seed } from './common';
import { defineKind, storedParams } from './generation';
import { ImageGeneration } from './image';
import { LatentGeneration, LatentPathMode } from './latent';
import { TextureGeneration } from './texture';

/** The bundled palette model's id. */
export const DEFAULT_PALETTE_MODEL = 'palettes';
export const PALETTE_MAX_COUNT = 32;
export const PALETTE_MAX_STEPS = 32;

/** One colour as "#rrggbb" (either case; answered in lower case). */
export const HexColor = z
  .string('must be a colour as "#rrggbb"')
  .regex(HEX_PATTERN, 'must be a colour as "#rrggbb"')
  .transform((s) => s.toLowerCase());

const fiveColors = `must hold exactly ${PALETTE_COLORS} colours`;

/** A palette: exactly five colours, in order. */
export const PaletteColors = z.array(HexColor, fiveColors).length(PALETTE_COLORS, fiveColors);

/** Five slots, each a colour to keep or null for a colour the model draws. */
export const PaletteSlots = z.array(HexColor.nullable(), fiveColors).length(PALETTE_COLORS, fiveColors);

/** Which colours are locked (kept by Space / Generate), one flag per colour. */
export const PaletteLocks = z
  .array(z.boolean(), `must hold exactly ${PALETTE_COLORS} true/false flags`)
  .length(PALETTE_COLORS, `must hold exactly ${PALETTE_COLORS} true/false flags`);

export const PaletteCount = z
  .number()
  .int('must be a whole number')
  .min(1, `must be from 1 to ${PALETTE_MAX_COUNT}`)
  .max(PALETTE_MAX_COUNT, `must be from 1 to ${PALETTE_MAX_COUNT}`);

/**
 * How adventurous: the flow's base Gaussian is scaled by it (generate) or its density raised to
 * 1/temperature (complete). 1 = the model's own distribution, below 1 = safer, 0 = the most likely.
 */
export const PaletteTemperature = z
  .number('must be a number')
  .min(0, 'must be from 0 to 2')
  .max(2, 'must be from 0 to 2');

export const PaletteGenerateInput = z
  .object({
    model: ModelId.default(DEFAULT_PALETTE_MODEL),
    seed: Seed,
    /** How many palettes (each its own seed stream: palette k is the same whatever the count). */
    count: PaletteCount.default(8),
    temperature: PaletteTemperature.default(1),
  })
  .strict();

export const PaletteScoreInput = z
  .object({ model: ModelId.default(DEFAULT_PALETTE_MODEL), colors: PaletteColors })
  .strict();

export const PaletteCompleteInput = z
  .object({
    model: ModelId.default(DEFAULT_PALETTE_MODEL),
    /**
     * The colours to keep in their places; null slots are drawn from the model's density given the
     * kept ones (all null: the same as generate).
     */
    colors: PaletteSlots,
    seed: Seed,
    count: PaletteCount.default(8),
    temperature: PaletteTemperature.default(1),
  })
  .strict();

export const PaletteInterpolateInput = z
  .object({
    model: ModelId.default(DEFAULT_PALETTE_MODEL),
    from: PaletteColors,
    to: PaletteColors,
    /** Palettes along the path through the flow's base space, both ends included. */
    steps: z
      .number()
      .int('must be a whole number')
      .min(2, 'must be at least 2')
      .max(PALETTE_MAX_STEPS, `must be at most ${PALETTE_MAX_STEPS}`),
    mode: LatentPathMode.default('slerp'),
  })
  .strict();

/** How a saved palette came to be. */
export const PaletteOrigin = z.enum(['generate', 'complete', 'interpolate', 'edit']);
export type PaletteOrigin = z.infer<typeof PaletteOrigin>;

export const PaletteSaveInput = z
  .object({
    colors: PaletteColors,
    locks: PaletteLocks.default([false, false, false, false, false]),
    name: z.string().max(120, 'must be at most 120 characters').default(''),
    origin: PaletteOrigin.default('edit'),
    /**
     * The model that made it (with `seed` and `temperature`) and scores it; left out, the bundled
     * model scores it when installed.
     */
    model: ModelId.optional(),
    seed: Seed.default(0),
    temperature: PaletteTemperature.optional(),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();

export const PaletteFormat = z.enum(['gpl', 'ase', 'css', 'json']);
export type PaletteFormat = z.infer<typeof PaletteFormat>;

export const PaletteExportInput = z
  .object({
    colors: PaletteColors,
    format: PaletteFormat,
    name: z.string().max(120, 'must be at most 120 characters').default(''),
  })
  .strict();

/** One palette as the model sees it. */
export const PaletteResult = z.object({
  colors: z.array(z.string()),
  /** log p of the palette's exact 8-bit colours, in nats over raw OKLab (higher = more typical). */
  logLik: z.number(),
  /** Where that falls among the training palettes' log-likelihoods (0..100). */
  percentile: z.number(),
});
export type PaletteResult = z.infer<typeof PaletteResult>;

export const PaletteList = z.object({
  palettes: z.array(PaletteResult),
  model: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  durationMs: z.number(),
});
export type PaletteList = z.infer<typeof PaletteList>;

/** The record kinds a palette can be applied to: the ones with a picture (latent = glyph sheets and tiles). */
export const RECOLORABLE_KINDS = ['texture', 'image', 'latent'] as const;
export type RecolorableKind = (typeof RECOLORABLE_KINDS)[number];

export const PaletteApplyInput = z
  .object({
    /** The library record to recolour: a texture, an image or a latent point (glyph sheet or tile). */
    generationId: GenerationId,
    colors: PaletteColors,
    /** How far each pixel moves from its own colour to the palette's (0 = unchanged, 1 = fully). */
    strength: z
      .number('must be a number')
      .min(0, 'must be from 0 to 1')
      .max(1, 'must be from 0 to 1')
      .default(1),
    /** Names the job for progress (`job.progress`, stage and fraction) and `jobs.cancel`. */
    jobId: JobId.optional(),
  })
  .strict();
export type PaletteApplyInput = z.input<typeof PaletteApplyInput>;

/**
 * What an applied palette records in the new record's params (beside the source's own), under
 * `recolor`: the colours, the strength and the method (`RECOLOR_METHOD` in preload/palette.ts).
 */
export const RecolorParams = z.object({
  colors: z.array(z.string()),
  strength: z.number(),
  method: z.string(),
});
export type RecolorParams = z.infer<typeof RecolorParams>;

/** The recoloured copy: a new record of the source's kind. */
export const RecoloredGeneration = z.discriminatedUnion('kind', [
  TextureGeneration,
  ImageGeneration,
  LatentGeneration,
]);
export type RecoloredGeneration = z.output<typeof RecoloredGeneration>;

/** A palette's export name: "atelier-palette-<name or colours>.<ext>". */
export function paletteFileName(name: string, colors: readonly string[], ext: string): string {
  const fallback = colors.map((c) => c.replace('#', '')).join('-') || 'palette';
  return `atelier-palette-${slug(name, fallback)}.${ext}`;
}

/**
 * A palette record: its colours, which were locked, how it came to be, the model's score. Its
 * export is the GIMP palette (.gpl text, asset role `text`); the thumbnail is the five swatches.
 */
export const paletteKind = defineKind(
  'palette',
  storedParams({
    colors: z.array(z.string()),
    locks: z.array(z.boolean()),
    name: z.string(),
    origin: z.string(),
    temperature: z.number(),
    logLik: z.number(),
    percentile: z.number(),
    modelVersion: z.string(),
  }),
  {
    // The export is the palette as a GIMP .gpl file (its 'text' asset).
    exportRole: 'text',
    extension: 'gpl',
    fileName: (g) => paletteFileName(g.params.name ?? '', g.params.colors ?? [], 'gpl'),
  },
);
export const PaletteGeneration = paletteKind.record;
export type PaletteGeneration = z.output<typeof PaletteGeneration>;

export const palette = {
  /** New palettes from the flow: z ~ N(0, temperature²) through the inverse graph (kept in the sRGB gamut). */
  generate: method(PaletteGenerateInput, PaletteList),
  /** A palette's log-likelihood under the flow and its typicality percentile. */
  score: method(PaletteScoreInput, PaletteResult),
  /**
   * Palettes that keep the given colours exactly, in their places, with the free ones drawn from
   * the flow's conditional density (seeded MCMC over OKLab, tempered by temperature).
   */
  complete: method(PaletteCompleteInput, PaletteList),
  /** Palettes along the path between two palettes through the flow's base space. */
  interpolate: method(PaletteInterpolateInput, PaletteList),
  /** Save a palette to the library (colours, locks, model, seed, temperature, score; a .gpl and a swatch thumbnail). */
  save: method(PaletteSaveInput, PaletteGeneration),
  /** A palette as a file: GIMP .gpl, Adobe .ase, CSS custom properties or JSON. */
  export: method(PaletteExportInput, FileOutput),
  /**
   * The palette applied to a library texture, image or latent glyph sheet / tile: a new record of
   * the same kind (parentId = the source; params = the source's plus `recolor`), recoloured by a
   * lightness-keeping gradient map in OKLab, worked out off main's thread. A job when `jobId` is given.
   */
  apply: method(PaletteApplyInput, RecoloredGeneration),
};

/** What the model list shows of a palette model. */
export const PaletteModelInfo = z.object({
  colors: z.number(),
  space: z.string(),
  /** Mean log-likelihood of held-out palettes (nats, raw OKLab). */
  heldOutMeanLogLikelihood: z.number(),
  /** The training palettes' 5th, 50th and 95th percentiles of log-likelihood. */
  logLikelihood: z.object({ p5: z.number(), p50: z.number(), p95: z.number() }),
});
export type PaletteModelInfo = z.infer<typeof PaletteModelInfo>;
