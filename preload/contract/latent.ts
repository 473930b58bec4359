/**
 * The Latent Explorer: decode points of a VAE's latent space (interactive, latest wins), prior
 * samples, encoding an image to its posterior, bookmarks in the library, path exports.
 */
import { z } from 'zod';
import { slug } from '../names';
import { FileOutput, GenerationId, method, ModelId, PixelImage, Seed } from './common';
import { defineKind, storedParams } from './generation';

export const LATENT_MAX_DIM = 256;
export const LATENT_MAX_POINTS = 64;
export const LATENT_MAX_TEXT = 200;
/** Largest image a user may drop in to encode. */
export const LATENT_MAX_IMAGE_BYTES = 24 * 1024 * 1024;

/** A picture the user opens or drops: a PNG or JPEG file's bytes, not empty, at most 24 MiB. */
export const ImageFileBytes = z
  .instanceof(Uint8Array, { message: 'must be the bytes of a PNG or JPEG file' })
  .refine((b) => b.byteLength > 0, 'is empty')
  .refine(
    (b) => b.byteLength <= LATENT_MAX_IMAGE_BYTES,
    `must be at most ${LATENT_MAX_IMAGE_BYTES >> 20} MiB`,
  );

/** A point in a model's latent space. Its length must equal the model's `latent.dim` (checked in main). */
export const LatentVector = z
  .array(z.number('must be a finite number'))
  .min(1, 'must not be empty')
  .max(LATENT_MAX_DIM, `must have at most ${LATENT_MAX_DIM} numbers`);
export type LatentVector = z.infer<typeof LatentVector>;

/**
 * What a decoded point is shown as: the model's own image, or (glyph models) a text laid out in
 * the point's style, one glyph per character, newlines starting new lines.
 */
export const LatentView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('image') }).strict(),
  z
    .object({
      kind: z.literal('text'),
      text: z
        .string()
        .min(1, 'must not be empty')
        .max(LATENT_MAX_TEXT, `must be at most ${LATENT_MAX_TEXT} characters`),
    })
    .strict(),
]);
export type LatentView = z.infer<typeof LatentView>;

export const LatentLane = z.enum(['pad', 'grid', 'sheet', 'path']);
export type LatentLane = z.infer<typeof LatentLane>;

export const LatentPathMode = z.enum(['linear', 'slerp']);
export type LatentPathMode = z.infer<typeof LatentPathMode>;

export const LatentDecodeInput = z
  .object({
    model: ModelId,
    points: z
      .array(LatentVector)
      .min(1, 'must hold at least one point')
      .max(LATENT_MAX_POINTS, `must hold at most ${LATENT_MAX_POINTS} points`),
    view: LatentView.default({ kind: 'image' }),
    /**
     * Requests in the same lane replace each other while queued (latest wins), and go ahead of
     * batch jobs such as texture generation: a drag never waits behind stale positions.
     */
    lane: LatentLane.default('pad'),
  })
  .strict();

export const LatentDecodeOutput = z.object({
  images: z.array(PixelImage),
  provider: z.string(),
  /** Time onnxruntime spent, in the inference process. */
  inferenceMs: z.number(),
});

/**
 * Which prior a sample is drawn from: the VAE's own N(0, I), or the model's flow prior (a
 * normalizing flow fitted to where the training data's codes lie; only models that have one).
 */
export const LatentPriorKind = z.enum(['normal', 'flow']);
export type LatentPriorKind = z.infer<typeof LatentPriorKind>;

export const LatentSampleInput = z
  .object({
    model: ModelId,
    seed: Seed,
    count: z.number().int().min(1).max(LATENT_MAX_POINTS).default(1),
    /**
     * Standard deviation of the prior sample (1 = the prior itself); for the flow prior, of its
     * base space before the flow maps it back to the latent space.
     */
    temperature: z.number().min(0).max(3).default(1),
    prior: LatentPriorKind.default('normal'),
  })
  .strict();

/** Largest coordinate a point may have for the flow prior's density (the pad spans a few SDs). */
export const LATENT_PRIOR_MAX_COORD = 1000;

const LogDensity = z.number().describe('log q(z) under the flow prior, nats');
/** 0..100: the share of the training codes whose log-density is below this one's. */
const Percentile = z.number().min(0).max(100);

export const LatentDensityInput = z
  .object({
    /** The latent model (e.g. "glyphs"); its flow prior is found by the model list's `prior.for`. */
    model: ModelId,
    points: z
      .array(LatentVector)
      .min(1, 'must hold at least one point')
      .max(LATENT_MAX_POINTS, `must hold at most ${LATENT_MAX_POINTS} points`),
  })
  .strict();

export const LatentDensityOutput = z.object({
  /** The flow prior model that answered. */
  prior: z.string(),
  /** Exact log-density of each point under the flow prior (nats). */
  logDensity: z.array(LogDensity),
  /** Each point's typicality: its log-density's percentile among the training codes' (the prior's quantiles). */
  percentile: z.array(Percentile),
  /** log N(z; 0, I) of each point, the VAE's own prior, for comparison. */
  normalLogDensity: z.array(z.number()),
});
export type LatentDensityOutput = z.infer<typeof LatentDensityOutput>;

export const LatentTypicalInput = z
  .object({
    model: ModelId,
    point: LatentVector,
    /** The typicality to reach: the nearest point (along the flow's path to its mode) at this percentile. */
    target: Percentile.default(50),
  })
  .strict();

export const LatentTypicalOutput = z.object({
  prior: z.string(),
  /** Where to move: the point itself when it is already at least as typical as the target. */
  point: z.array(z.number()),
  logDensity: LogDensity,
  percentile: Percentile,
  /** The starting point's. */
  from: z.object({ logDensity: LogDensity, percentile: Percentile }),
  /** The factor the point's base-space vector was shrunk by (1 = not moved, 0 = the flow's mode image). */
  shrink: z.number().min(0).max(1),
});
export type LatentTypicalOutput = z.infer<typeof LatentTypicalOutput>;

export const LatentEncodeInput = z
  .object({
    model: ModelId,
    /** A PNG or JPEG file's bytes, any size, with or without alpha. */
    image: ImageFileBytes,
    /** The character the image shows (glyph models). */
    char: z.string().length(1, 'must be a single character').optional(),
    /** How many samples from the posterior around the encoded point to return. */
    samples: z.number().int().min(0).max(16).default(6),
    seed: Seed.default(0),
  })
  .strict();

export const LatentEncodeOutput = z.object({
  /** Posterior mean: the encoded point. */
  mean: z.array(z.number()),
  /** Posterior standard deviation per dimension. */
  std: z.array(z.number()),
  /** The image as the model sees it, after normalisation. */
  input: PixelImage,
  reconstruction: PixelImage,
  /** Points drawn from the posterior, and their decodes. */
  samples: z.array(z.array(z.number())),
  sampleImages: z.array(PixelImage),
});

/** Most glyphs a user may combine into one style. */
export const LATENT_MAX_GLYPHS = 12;

export const LatentEncodeGlyphsInput = z
  .object({
    model: ModelId,
    /** Glyphs of one font: each a PNG or JPEG of one character, and which character it is. */
    glyphs: z
      .array(
        z
          .object({ image: ImageFileBytes, char: z.string().length(1, 'must be a single character') })
          .strict(),
      )
      .min(1, 'must hold at least one glyph')
      .max(LATENT_MAX_GLYPHS, `must hold at most ${LATENT_MAX_GLYPHS} glyphs`),
  })
  .strict();

const Posterior = z.object({ mean: z.array(z.number()), std: z.array(z.number()) });

export const LatentEncodeGlyphsOutput = z.object({
  /** Each glyph's own posterior, and the glyph as the model sees it. */
  glyphs: z.array(Posterior.extend({ char: z.string(), input: PixelImage })),
  /**
   * The style they all show: the posteriors multiplied, each glyph one observation of the same font
   * (preload/latent.ts combinePosteriors); narrower with every glyph that agrees.
   */
  combined: Posterior,
});

export const LatentSaveInput = z
  .object({
    model: ModelId,
    point: LatentVector,
    view: LatentView.default({ kind: 'image' }),
    title: z.string().max(120).optional(),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();

export const LatentExportInput = z
  .object({
    model: ModelId,
    from: LatentVector,
    to: LatentVector,
    mode: LatentPathMode.default('slerp'),
    frames: z.number().int().min(2, 'must be at least 2').max(120, 'must be at most 120'),
    view: LatentView.default({ kind: 'image' }),
    format: z.enum(['gif', 'png-strip']),
    /** Each model pixel becomes scale×scale output pixels. */
    scale: z.number().int().min(1).max(8).default(2),
    /** GIF frame duration. */
    frameMs: z.number().int().min(20).max(2000).default(80),
  })
  .strict();

/** A latent record (a bookmark): the point, how it was shown, the model version. */
export const latentKind = defineKind(
  'latent',
  storedParams({ model: z.string(), point: z.array(z.number()), view: LatentView, modelVersion: z.string() }),
  {
    exportRole: 'image',
    extension: 'png',
    fileName: (g) =>
      `atelier-latent-${slug(g.modelId, 'model')}-${slug(g.id.slice(0, 8), 'point')}-${g.width ?? 0}.png`,
  },
);
export const LatentGeneration = latentKind.record;
export type LatentGeneration = z.output<typeof LatentGeneration>;

export const latent = {
  /** Decode latent points (interactive: the pad, the grid, the alphabet sheet). */
  decode: method(LatentDecodeInput, LatentDecodeOutput),
  /** Seeded prior samples (randomize), drawn in main so the CLI and the app agree. */
  sample: method(LatentSampleInput, z.object({ points: z.array(z.array(z.number())) })),
  /** The flow prior's exact log-density of points, and their typicality percentile (interactive, latest wins). */
  density: method(LatentDensityInput, LatentDensityOutput),
  /** Nearest typical style: the point moved along the flow's path towards its mode until it is typical. */
  typical: method(LatentTypicalInput, LatentTypicalOutput),
  /** Encode an image: its posterior (amortized inference), reconstruction and samples around it. */
  encode: method(LatentEncodeInput, LatentEncodeOutput),
  /** Several glyphs of one font: each one's posterior and the style they give together. */
  encodeGlyphs: method(LatentEncodeGlyphsInput, LatentEncodeGlyphsOutput),
  /** Save a point to the library (a bookmark, or an image to open in the canvas). */
  save: method(LatentSaveInput, LatentGeneration),
  /** An interpolation path between two points as an animated GIF or a PNG strip. */
  exportPath: method(LatentExportInput, FileOutput),
};

/** What the model list shows of a latent (VAE) model. */
export const LatentModelInfo = z.object({
  dim: z.number(),
  width: z.number(),
  height: z.number(),
  channels: z.union([z.literal(1), z.literal(3)]),
  /** Glyph-like models: the output is ink (shown dark on light paper). */
  ink: z.boolean(),
  /** Characters a conditional (glyph) model can draw; absent for unconditional models. */
  charset: z.string().optional(),
  /** Principal directions of the encoded training set (unit rows, by variance, descending). */
  pca: z.object({
    mean: z.array(z.number()),
    directions: z.array(z.array(z.number())),
    variance: z.array(z.number()),
  }),
  /** Per-image mean squared error that 95% of held-out images stay under (from the model card). */
  reconThreshold: z.number(),
});

/** What the model list shows of a flow prior over a latent model's space (`task: "latent-prior"`). */
export const LatentPriorModelInfo = z.object({
  /** The latent model whose space it is a density over. */
  for: z.string(),
  dim: z.number(),
  /** Median log-density of the training styles (nats). */
  medianLogDensity: z.number(),
});
