/**
 * The Atelier contract: every call the renderer can make and every event it can receive,
 * written once. Main validates each call against these schemas (main/router), the preload
 * derives `window.atelier` from the method names, and the renderer's WebSocket client derives
 * the same API from the same object. Nothing here may import Node or Electron: the renderer
 * type-checks against this file.
 */
import { z } from 'zod';
import {
  TEXT_DEFAULTS,
  TEXT_MAX_NEW_TOKENS,
  TEXT_MAX_PROMPT_CHARS,
  TEXT_MAX_STOP_CHARS,
  TEXT_MAX_STOP_SEQUENCES,
  TEXT_MAX_TOP_K,
  TEXT_PRESET_IDS,
  TEXT_STOP_REASONS,
} from './text';
import {
  IMAGE_MAX_BATCH,
  IMAGE_MAX_GUIDANCE,
  IMAGE_MAX_INIT_BYTES,
  IMAGE_MAX_PROMPT_CHARS,
  IMAGE_MAX_SIZE,
  IMAGE_MAX_STEPS,
  IMAGE_MIN_SIZE,
  IMAGE_SAMPLERS,
  IMAGE_SIZE_STEP,
} from './image';

// ---------------------------------------------------------------------------------------------
// Shared pieces

/** Client-chosen id for a long job, so it can subscribe to progress and cancel before it ends. */
export const JobId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, "-" or "_"');
export type JobId = z.infer<typeof JobId>;

export const GenerationId = z.string().regex(/^[a-f0-9-]{8,64}$/, 'is not a generation id');
export type GenerationId = z.infer<typeof GenerationId>;

/** Seeds are unsigned 32-bit integers: the same seed and parameters replay the same pixels. */
export const Seed = z.number().int('must be a whole number').min(0).max(0xffffffff);
export type Seed = z.infer<typeof Seed>;

export const ModelId = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'is not a model id');

export const ExecutionProvider = z.enum(['cpu', 'cuda', 'dml', 'coreml', 'webgpu']);
export type ExecutionProvider = z.infer<typeof ExecutionProvider>;

export const ErrorCode = z.enum([
  'invalid-input',
  'unknown-method',
  'not-found',
  'model-unavailable',
  'inference-failed',
  'inference-crashed',
  'cancelled',
  'superseded',
  'unsupported',
  'database-too-new',
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** What every failed call answers: a code to branch on, a sentence for people, the field at fault. */
export const ErrorInfo = z.object({
  code: ErrorCode,
  message: z.string(),
  field: z.string().optional(),
});
export type ErrorInfo = z.infer<typeof ErrorInfo>;

/** The envelope both hosts use, so typed errors survive the process boundary intact. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

// ---------------------------------------------------------------------------------------------
// Models

export const TextureStyle = z.object({ index: z.number().int(), id: z.string(), name: z.string() });
export type TextureStyle = z.infer<typeof TextureStyle>;

export const ModelStatus = z.object({
  id: z.string(),
  name: z.string(),
  family: z.string(),
  task: z.string(),
  version: z.string(),
  ok: z.boolean(),
  /** Why the model cannot be used (bad hash, missing file, invalid manifest). */
  error: z.string().optional(),
  sha256: z.string(),
  sizeBytes: z.number(),
  license: z.string(),
  texture: z
    .object({
      styles: z.array(TextureStyle),
      minSize: z.number(),
      maxSize: z.number(),
      latentStride: z.number(),
    })
    .optional(),
  latent: z
    .object({
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
    })
    .optional(),
  image: z
    .object({
      /** pixel: the bundled kind (the UNet draws pixels); latent: Stable Diffusion (a VAE decodes). */
      kind: z.enum(['pixel', 'latent']),
      /** Sizes the model draws well (square); any multiple of 8 in range is accepted. */
      sizes: z.array(z.number()),
      defaultSize: z.number(),
      defaults: z.object({ steps: z.number(), guidance: z.number(), sampler: z.enum(IMAGE_SAMPLERS) }),
      /** Word-conditioned models: the words the model knows (index = id, 0 = padding). */
      words: z
        .object({ vocab: z.array(z.string()), stopWords: z.array(z.string()), maxWords: z.number() })
        .optional(),
      img2img: z.boolean(),
    })
    .optional(),
  /** Bundled with Atelier, or imported by the user (removable). */
  source: z.enum(['bundled', 'imported']),
  text: z
    .object({
      modelType: z.string(),
      contextLength: z.number(),
      vocabSize: z.number(),
      layers: z.number(),
      /** The model's own sampling defaults (generation_config.json), when it has them. */
      defaults: z
        .object({
          temperature: z.number().optional(),
          topK: z.number().optional(),
          topP: z.number().optional(),
          repetitionPenalty: z.number().optional(),
          maxTokens: z.number().optional(),
        })
        .optional(),
    })
    .optional(),
  melody: z
    .object({
      /** Lowest and highest pitch the model writes (imported notes outside are folded by octaves). */
      pitchMin: z.number(),
      pitchMax: z.number(),
      /** Melody VAE: segment length in bars, latent size, principal directions (for the sliders). */
      bars: z.number().optional(),
      dim: z.number().optional(),
      pca: z
        .object({
          mean: z.array(z.number()),
          directions: z.array(z.array(z.number())),
          variance: z.array(z.number()),
        })
        .optional(),
    })
    .optional(),
});
export type ModelStatus = z.infer<typeof ModelStatus>;

// ---------------------------------------------------------------------------------------------
// Generations (the library's records)

export const GenerationKind = z.enum(['texture', 'latent', 'melody', 'text', 'image']);
export type GenerationKind = z.infer<typeof GenerationKind>;

export const Generation = z.object({
  id: z.string(),
  kind: GenerationKind,
  createdAt: z.number(),
  modelId: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  seed: z.number(),
  /** Every parameter that replays this generation exactly (kind-specific). */
  params: z.record(z.string(), z.unknown()),
  parentId: z.string().nullable(),
  durationMs: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  title: z.string(),
});
export type Generation = z.infer<typeof Generation>;

export const AssetRole = z.enum(['image', 'thumbnail', 'midi', 'text']);
export type AssetRole = z.infer<typeof AssetRole>;

// ---------------------------------------------------------------------------------------------
// Texture generator

export const TEXTURE_MIN_SIZE = 256;
export const TEXTURE_MAX_SIZE = 2048;
export const TEXTURE_SIZE_STEP = 64;

export const TextureParams = z
  .object({
    model: ModelId.default('texture'),
    seed: Seed,
    size: z
      .number()
      .int('must be a whole number of pixels')
      .min(TEXTURE_MIN_SIZE, `must be at least ${TEXTURE_MIN_SIZE} px`)
      .max(TEXTURE_MAX_SIZE, `must be at most ${TEXTURE_MAX_SIZE} px`)
      .refine((s) => s % TEXTURE_SIZE_STEP === 0, `must be a multiple of ${TEXTURE_SIZE_STEP} px`),
    /** Style id from the model's manifest. */
    style: z.string().min(1).max(64),
    /** Optional second style mixed in (0 = only `style`, 1 = only `blend.style`). */
    blend: z
      .object({ style: z.string().min(1).max(64), amount: z.number().min(0).max(1) })
      .strict()
      .optional(),
    /**
     * Feature scale: the model draws at size/scale and the result is enlarged with wrap-around
     * interpolation, so features get bigger and the tile stays seamless.
     */
    scale: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(1),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();
export type TextureParams = z.output<typeof TextureParams>;
export type TextureParamsInput = z.input<typeof TextureParams>;

// ---------------------------------------------------------------------------------------------
// Latent explorer

export const LATENT_MAX_DIM = 256;
export const LATENT_MAX_POINTS = 64;
export const LATENT_MAX_TEXT = 200;
/** Largest image a user may drop in to encode. */
export const LATENT_MAX_IMAGE_BYTES = 24 * 1024 * 1024;

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

/** Raw 8-bit pixels, row-major, `channels` per pixel: 1 = gray (paper white), 3 = RGB. */
export const PixelImage = z.object({
  width: z.number().int(),
  height: z.number().int(),
  channels: z.union([z.literal(1), z.literal(3)]),
  pixels: z.instanceof(Uint8Array),
});
export type PixelImage = z.infer<typeof PixelImage>;

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

export const LatentSampleInput = z
  .object({
    model: ModelId,
    seed: Seed,
    count: z.number().int().min(1).max(LATENT_MAX_POINTS).default(1),
    /** Standard deviation of the prior sample (1 = the prior itself). */
    temperature: z.number().min(0).max(3).default(1),
  })
  .strict();

export const LatentEncodeInput = z
  .object({
    model: ModelId,
    /** A PNG or JPEG file's bytes, any size, with or without alpha. */
    image: z
      .instanceof(Uint8Array, { message: 'must be the bytes of a PNG or JPEG file' })
      .refine((b) => b.byteLength > 0, 'is empty')
      .refine(
        (b) => b.byteLength <= LATENT_MAX_IMAGE_BYTES,
        `must be at most ${LATENT_MAX_IMAGE_BYTES >> 20} MiB`,
      ),
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

export const FileOutput = z.object({
  fileName: z.string(),
  mime: z.string(),
  bytes: z.instanceof(Uint8Array),
});

// ---------------------------------------------------------------------------------------------
// Melody sketcher

export const MELODY_MAX_NOTES = 10_000;
/** Longest clip: 1,024 bars of 4/4. */
export const MELODY_MAX_BEATS = 4096;
export const MELODY_MAX_BARS = 64;
export const MELODY_MAX_MIDI_BYTES = 4 * 1024 * 1024;
/** The settings a saved clip records (as JSON text). */
const MELODY_MAX_PARAMS_CHARS = 64 * 1024;

/** The length of a value as JSON text (Infinity when it cannot be written as JSON). */
function jsonLength(v: unknown): number {
  try {
    return JSON.stringify(v)?.length ?? 0;
  } catch {
    return Infinity;
  }
}

/** One note. Times are in beats (quarter notes) from the clip's start. */
export const Note = z
  .object({
    pitch: z
      .number()
      .int('must be a whole MIDI pitch')
      .min(0, 'must be a MIDI pitch from 0 to 127')
      .max(127, 'must be a MIDI pitch from 0 to 127'),
    start: z
      .number('must be a finite number of beats')
      .min(0, 'must not be negative')
      .max(MELODY_MAX_BEATS, `must be at most ${MELODY_MAX_BEATS} beats`),
    duration: z
      .number('must be a finite number of beats')
      .positive('must be longer than 0 beats')
      .max(MELODY_MAX_BEATS, `must be at most ${MELODY_MAX_BEATS} beats`),
    velocity: z.number().int().min(1, 'must be 1–127').max(127, 'must be 1–127').default(96),
  })
  .strict();
export type Note = z.output<typeof Note>;

export const NoteList = z
  .array(Note)
  .max(MELODY_MAX_NOTES, `must hold at most ${MELODY_MAX_NOTES.toLocaleString('en')} notes`);

export const NonEmptyNoteList = NoteList.min(1, 'must hold at least one note');

export const Bpm = z.number().min(20, 'must be at least 20 bpm').max(300, 'must be at most 300 bpm');
export const MusicKey = z.enum(['C', 'C#', 'D', 'D#', 'E', 'F', 'F#', 'G', 'G#', 'A', 'A#', 'B']);
export const MusicScale = z.enum([
  'chromatic',
  'major',
  'minor',
  'dorian',
  'mixolydian',
  'harmonic-minor',
  'major-pentatonic',
  'minor-pentatonic',
  'blues',
]);

/**
 * How the models' tokens are drawn, in TypeScript in the inference process: the same seed and
 * settings give the same notes. Temperature 0 always takes the most likely token. The scale lock
 * masks every note outside `key` + `scale` ("chromatic" = no lock).
 */
export const MelodySampling = {
  seed: Seed,
  temperature: z.number().min(0).max(2, 'must be at most 2').default(1),
  key: MusicKey.default('C'),
  scale: MusicScale.default('chromatic'),
};

/** A melody VAE latent: one vector per segment of the model's length (e.g. 4 bars). */
export const MelodyLatents = z
  .array(LatentVector)
  .min(1, 'must hold at least one segment')
  .max(MELODY_MAX_BARS, `must hold at most ${MELODY_MAX_BARS} segments`);

export const MelodyGenerateInput = z
  .object({
    model: ModelId.default('melody-vae'),
    bars: z
      .number()
      .int()
      .min(1, 'must be at least 1 bar')
      .max(MELODY_MAX_BARS, `must be at most ${MELODY_MAX_BARS} bars`),
    /** How many melodies (each its own seed stream: take k is the same whatever the count). */
    count: z.number().int().min(1).max(8).default(1),
    /**
     * How alike successive segments are: each segment's latent is `coherence` × the previous
     * one's plus fresh noise (0 = independent phrases, 1 = the same phrase repeated).
     */
    coherence: z.number().min(0).max(1).default(0.6),
    ...MelodySampling,
  })
  .strict();

export const MelodyVariationsInput = z
  .object({
    model: ModelId.default('melody-vae'),
    notes: NonEmptyNoteList,
    count: z.number().int().min(1).max(8).default(4),
    /** How far from the clip's latent, in prior standard deviations. */
    amount: z.number().min(0).max(3).default(0.5),
    ...MelodySampling,
  })
  .strict();

export const MelodyInterpolateInput = z
  .object({
    model: ModelId.default('melody-vae'),
    from: NonEmptyNoteList,
    to: NonEmptyNoteList,
    /** Melodies along the path, both ends included (step 1 ≈ from, step K ≈ to). */
    steps: z.number().int().min(2, 'must be at least 2').max(16, 'must be at most 16'),
    mode: LatentPathMode.default('slerp'),
    ...MelodySampling,
    seed: Seed.default(0),
    temperature: MelodySampling.temperature.default(0),
  })
  .strict();

export const MelodyContinueInput = z
  .object({
    model: ModelId.default('melody-rnn'),
    /** The notes to continue (the selection); the continuation starts where the last one ends. */
    notes: NonEmptyNoteList,
    bars: z.number().int().min(1, 'must be at least 1 bar').max(32, 'must be at most 32 bars'),
    count: z.number().int().min(1).max(8).default(1),
    ...MelodySampling,
  })
  .strict();

export const MelodyEncodeInput = z
  .object({ model: ModelId.default('melody-vae'), notes: NonEmptyNoteList })
  .strict();

export const MelodyDecodeInput = z
  .object({
    model: ModelId.default('melody-vae'),
    latents: MelodyLatents,
    /** Cut to this many bars (default: every segment in full). */
    bars: z.number().int().min(1).max(MELODY_MAX_BARS).optional(),
    ...MelodySampling,
    seed: Seed.default(0),
    temperature: MelodySampling.temperature.default(0),
  })
  .strict();

/** One model answer: notes plus what reproduces them. */
export const MelodyTake = z.object({
  notes: z.array(Note),
  /** Length in bars. */
  bars: z.number(),
  /** The melody VAE latents the notes were decoded from (absent for the autoregressive model). */
  latents: z.array(z.array(z.number())).optional(),
  seed: z.number(),
});
export type MelodyTake = z.infer<typeof MelodyTake>;

export const MelodyTakes = z.object({
  takes: z.array(MelodyTake),
  model: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  durationMs: z.number(),
});
export type MelodyTakes = z.infer<typeof MelodyTakes>;

/** How a clip came to be: recorded with it in the library. */
export const MelodyOrigin = z.enum(['generate', 'variation', 'interpolate', 'continue', 'import', 'edit']);

export const MelodyClip = z
  .object({
    notes: NoteList,
    bpm: Bpm.default(120),
    name: z.string().max(120, 'must be at most 120 characters').default(''),
  })
  .strict();
export type MelodyClip = z.output<typeof MelodyClip>;

export const MelodySaveInput = z
  .object({
    clip: MelodyClip,
    origin: MelodyOrigin.default('edit'),
    /** The model and its settings, when a model made the notes. */
    model: ModelId.optional(),
    seed: Seed.default(0),
    params: z
      .record(z.string(), z.unknown())
      .refine((p) => jsonLength(p) <= MELODY_MAX_PARAMS_CHARS, 'must be at most 64 KiB of settings')
      .default({}),
    latents: z.array(LatentVector).max(MELODY_MAX_BARS).optional(),
    /** Where and how long the model ran (from its answer), when a model made the notes. */
    provider: z.string().max(32).optional(),
    durationMs: z.number().min(0).max(3_600_000).optional(),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();

export const MidiTrackInfo = z.object({
  index: z.number(),
  name: z.string(),
  instrument: z.string(),
  channel: z.number(),
  notes: z.array(Note),
});

export const MelodyImportInput = z
  .object({
    bytes: z
      .instanceof(Uint8Array, { message: 'must be the bytes of a MIDI file' })
      .refine((b) => b.byteLength > 0, 'is empty')
      .refine(
        (b) => b.byteLength <= MELODY_MAX_MIDI_BYTES,
        `must be at most ${MELODY_MAX_MIDI_BYTES >> 20} MiB`,
      ),
    fileName: z.string().max(260).default(''),
  })
  .strict();

export const MelodyImportOutput = z.object({
  name: z.string(),
  bpm: z.number(),
  /** Tracks that hold notes (pick one); times converted to beats of this file's tempo. */
  tracks: z.array(MidiTrackInfo),
});

export const MelodyExportInput = z
  .object({ clip: MelodyClip, format: z.literal('midi').default('midi') })
  .strict();

// ---------------------------------------------------------------------------------------------
// Writer (text models: the bundled one and Hugging Face Optimum decoders the user imports)

const StopSequence = z
  .string()
  .min(1, 'must not be empty')
  .max(TEXT_MAX_STOP_CHARS, `must be at most ${TEXT_MAX_STOP_CHARS} characters`);

/** How tokens are drawn (in TypeScript, in the inference process): same seed + prompt + model → same text. */
export const TextSampling = z
  .object({
    seed: Seed,
    temperature: z
      .number()
      .min(0, 'must be at least 0')
      .max(2, 'must be at most 2')
      .default(TEXT_DEFAULTS.temperature),
    topK: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be at least 0 (0 = off)')
      .max(TEXT_MAX_TOP_K, `must be at most ${TEXT_MAX_TOP_K}`)
      .default(TEXT_DEFAULTS.topK),
    topP: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(TEXT_DEFAULTS.topP),
    repetitionPenalty: z
      .number()
      .min(1, 'must be at least 1 (1 = off)')
      .max(2, 'must be at most 2')
      .default(TEXT_DEFAULTS.repetitionPenalty),
    maxTokens: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(TEXT_MAX_NEW_TOKENS, `must be at most ${TEXT_MAX_NEW_TOKENS}`)
      .default(TEXT_DEFAULTS.maxTokens),
    stop: z
      .array(StopSequence)
      .max(TEXT_MAX_STOP_SEQUENCES, `must hold at most ${TEXT_MAX_STOP_SEQUENCES} stop sequences`)
      .default([]),
  })
  .strict();
export type TextSampling = z.output<typeof TextSampling>;

export const TextPrompt = z
  .string({ message: 'must be text' })
  .min(1, 'must not be empty')
  .max(TEXT_MAX_PROMPT_CHARS, `must be at most ${TEXT_MAX_PROMPT_CHARS / 1024} KiB of text`);

export const TextGenerateInput = z
  .object({
    /** Client-chosen: tokens stream as `text.stream` events with this id; `jobs.cancel` stops. */
    jobId: JobId,
    model: ModelId.default('text'),
    prompt: TextPrompt,
    sampling: TextSampling,
    preset: z.enum(TEXT_PRESET_IDS).optional(),
  })
  .strict();

export const TextStopReason = z.enum(TEXT_STOP_REASONS);

/** A finished (or stopped) continuation: the text, and what reproduces it. */
export const TextResult = z.object({
  text: z.string(),
  stopReason: TextStopReason,
  /** Tokens drawn (including any cut by a stop sequence). */
  tokens: z.number(),
  /** Prompt tokens the model read (the tail of the prompt when it is longer than the context). */
  promptTokens: z.number(),
  /** Prompt tokens left out because the context is shorter. */
  truncatedTokens: z.number(),
  firstTokenMs: z.number(),
  durationMs: z.number(),
  tokensPerSecond: z.number(),
  model: z.string(),
  modelSha256: z.string(),
  provider: z.string(),
  seed: z.number(),
  sampling: z.record(z.string(), z.unknown()),
});
export type TextResult = z.infer<typeof TextResult>;

export const TextSaveInput = z
  .object({
    model: ModelId,
    /** The text before the continuation (the editor up to the cursor). */
    prompt: TextPrompt,
    /** The accepted continuation. */
    text: z
      .string()
      .min(1, 'must not be empty')
      .max(TEXT_MAX_PROMPT_CHARS, `must be at most ${TEXT_MAX_PROMPT_CHARS / 1024} KiB of text`),
    sampling: TextSampling,
    preset: z.enum(TEXT_PRESET_IDS).optional(),
    stopReason: TextStopReason,
    tokens: z.number().int().min(0).max(TEXT_MAX_NEW_TOKENS),
    provider: z.string().max(32).default(''),
    durationMs: z.number().min(0).max(3_600_000).default(0),
    /** The text after the cursor when the continuation was made (kept so the library reopens the whole draft). */
    after: z.string().max(TEXT_MAX_PROMPT_CHARS).default(''),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();

export const TextStream = z.object({
  jobId: z.string(),
  /** New text since the last event (may be empty while a multi-byte character is incomplete). */
  delta: z.string(),
  tokens: z.number(),
  elapsedMs: z.number(),
  tokensPerSecond: z.number(),
  firstTokenMs: z.number(),
});
export type TextStream = z.infer<typeof TextStream>;

export const ModelImportInput = z
  .object({
    /** A folder exported by Hugging Face Optimum, on the machine that runs Atelier (absolute path). */
    path: z
      .string()
      .min(1, 'must not be empty')
      .max(4096)
      .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p), 'must be an absolute folder path'),
    /** Copy (default) or hard-link the files when the folder is on the same disk. */
    link: z.boolean().default(false),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Image studio (diffusion: the bundled emoji model and Stable Diffusion folders the user imports)

const ImageSide = z
  .number()
  .int('must be a whole number of pixels')
  .min(IMAGE_MIN_SIZE, `must be at least ${IMAGE_MIN_SIZE} px`)
  .max(IMAGE_MAX_SIZE, `must be at most ${IMAGE_MAX_SIZE} px`)
  .refine((s) => s % IMAGE_SIZE_STEP === 0, `must be a multiple of ${IMAGE_SIZE_STEP} px`);

export const ImageParams = z
  .object({
    model: ModelId.default('emoji'),
    prompt: z.string().max(IMAGE_MAX_PROMPT_CHARS, `must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`),
    negative: z
      .string()
      .max(IMAGE_MAX_PROMPT_CHARS, `must be at most ${IMAGE_MAX_PROMPT_CHARS} characters`)
      .default(''),
    /** Image k of the batch uses seed + k (each result records its own). */
    seed: Seed,
    steps: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(IMAGE_MAX_STEPS, `must be at most ${IMAGE_MAX_STEPS}`)
      .optional(),
    guidance: z
      .number()
      .min(0, 'must be at least 0')
      .max(IMAGE_MAX_GUIDANCE, `must be at most ${IMAGE_MAX_GUIDANCE}`)
      .optional(),
    sampler: z.enum(IMAGE_SAMPLERS).optional(),
    width: ImageSide.optional(),
    height: ImageSide.optional(),
    batch: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(IMAGE_MAX_BATCH, `must be at most ${IMAGE_MAX_BATCH}`)
      .default(1),
    /** img2img: start from this image (PNG/JPEG bytes, or a library image) instead of pure noise. */
    init: z
      .union([
        z
          .object({
            bytes: z
              .instanceof(Uint8Array, { message: 'must be the bytes of a PNG or JPEG image' })
              .refine((b) => b.byteLength > 0, 'is empty')
              .refine(
                (b) => b.byteLength <= IMAGE_MAX_INIT_BYTES,
                `must be at most ${IMAGE_MAX_INIT_BYTES >> 20} MiB`,
              ),
          })
          .strict(),
        z.object({ generationId: GenerationId }).strict(),
      ])
      .optional(),
    /** img2img: how much of the init image is replaced (1 = all of it, like text-to-image). */
    strength: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.6),
    /** Send a preview every k steps (0 = none). */
    previewEvery: z.number().int().min(0).max(IMAGE_MAX_STEPS).default(1),
    parentId: GenerationId.nullable().default(null),
  })
  .strict();
export type ImageParams = z.output<typeof ImageParams>;
export type ImageParamsInput = z.input<typeof ImageParams>;

export const ImageOutput = z.object({
  /** One library record per image of the batch, in batch order. */
  results: z.array(Generation),
  /** Prompt words the model does not know (ignored). */
  unknownWords: z.array(z.string()),
  durationMs: z.number(),
});
export type ImageOutput = z.infer<typeof ImageOutput>;

export const ImagePreview = z.object({
  jobId: z.string(),
  step: z.number(),
  steps: z.number(),
  /** The current estimate of each image of the batch (small: at most IMAGE_PREVIEW_MAX_SIDE px). */
  images: z.array(PixelImage),
});
export type ImagePreview = z.infer<typeof ImagePreview>;

export const ImageQueueItem = z.object({
  jobId: z.string(),
  prompt: z.string(),
  batch: z.number(),
  state: z.enum(['queued', 'running']),
  step: z.number(),
  steps: z.number(),
});
export type ImageQueueItem = z.infer<typeof ImageQueueItem>;

// ---------------------------------------------------------------------------------------------
// The contract

export interface MethodDef<I extends z.ZodType, O extends z.ZodType> {
  input: I;
  output: O;
}
const method = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodDef<I, O> => ({
  input,
  output,
});
const NoInput = z.object({}).strict().default({});

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  inference: z.object({
    state: z.enum(['starting', 'ready', 'restarting', 'failed']),
    provider: ExecutionProvider,
    providersTried: z.array(z.string()),
    restarts: z.number(),
  }),
  capabilities: z.object({ saveDialog: z.boolean(), dragOut: z.boolean(), pickFolder: z.boolean() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  app: {
    info: method(NoInput, AppInfo),
  },
  models: {
    list: method(NoInput, z.array(ModelStatus)),
    /** Import a Hugging Face Optimum decoder folder (checked before anything is copied). */
    import: method(ModelImportInput, ModelStatus),
    /** Electron: the host's folder picker for an import (browsers type the path; answers null there). */
    pickFolder: method(NoInput, z.object({ path: z.string().nullable() })),
    /** Remove an imported model (bundled models cannot be removed). */
    remove: method(z.object({ id: ModelId }).strict(), z.object({ removed: z.boolean() })),
  },
  texture: {
    generate: method(z.object({ jobId: JobId, params: TextureParams }).strict(), Generation),
  },
  latent: {
    /** Decode latent points (interactive: the pad, the grid, the alphabet sheet). */
    decode: method(LatentDecodeInput, LatentDecodeOutput),
    /** Seeded prior samples (randomize), drawn in main so the CLI and the app agree. */
    sample: method(LatentSampleInput, z.object({ points: z.array(z.array(z.number())) })),
    /** Encode an image: its posterior (amortized inference), reconstruction and samples around it. */
    encode: method(LatentEncodeInput, LatentEncodeOutput),
    /** Save a point to the library (a bookmark, or an image to open in the canvas). */
    save: method(LatentSaveInput, Generation),
    /** An interpolation path between two points as an animated GIF or a PNG strip. */
    exportPath: method(LatentExportInput, FileOutput),
  },
  melody: {
    /** New melodies from the melody VAE's prior, `bars` long (segments chained). */
    generate: method(MelodyGenerateInput, MelodyTakes),
    /** Melodies near a clip: its latent plus noise, decoded. */
    variations: method(MelodyVariationsInput, MelodyTakes),
    /** Melodies along the latent path between two clips. */
    interpolate: method(MelodyInterpolateInput, MelodyTakes),
    /** The autoregressive model extends the notes by `bars`. */
    continue: method(MelodyContinueInput, MelodyTakes),
    /** A clip's melody VAE latents (one per segment): for the latent sliders. */
    encode: method(MelodyEncodeInput, z.object({ latents: z.array(z.array(z.number())), bars: z.number() })),
    /** Latents back to notes (interactive: slider moves replace each other, latest wins). */
    decode: method(MelodyDecodeInput, MelodyTake),
    /** Save a clip to the library (notes, tempo, model, seed, parameters, the clip it came from). */
    save: method(MelodySaveInput, Generation),
    /** Read a .mid file: its tracks with notes, so the user can pick one. */
    importMidi: method(MelodyImportInput, MelodyImportOutput),
    /** A clip as a standard single-track MIDI file. */
    exportMidi: method(MelodyExportInput, FileOutput),
    /** Electron: drag the clip out of the window as a .mid file (browsers use a DownloadURL drag). */
    startDrag: method(z.object({ clip: MelodyClip }).strict(), z.object({ started: z.boolean() })),
  },
  image: {
    /**
     * Text-to-image (or img2img with `init`): queues behind other image jobs, streams
     * `image.preview` events, `jobs.cancel` stops within one step (nothing is saved).
     */
    generate: method(z.object({ jobId: JobId, params: ImageParams }).strict(), ImageOutput),
    /** The image jobs waiting or running, oldest first. */
    queue: method(NoInput, z.array(ImageQueueItem)),
  },
  text: {
    /** Continue the prompt; tokens stream as `text.stream` events; `jobs.cancel` stops within a step. */
    generate: method(TextGenerateInput, TextResult),
    /** Keep an accepted continuation in the library with its prompt, model and settings. */
    save: method(TextSaveInput, Generation),
  },
  jobs: {
    cancel: method(z.object({ jobId: JobId }).strict(), z.object({ cancelled: z.boolean() })),
  },
  library: {
    list: method(
      z
        .object({
          kind: GenerationKind.optional(),
          limit: z.number().int().min(1).max(500).default(100),
          /** Page backwards: only generations created before this time (ms). */
          before: z.number().int().min(0).optional(),
        })
        .strict()
        .default({ limit: 100 }),
      z.array(Generation),
    ),
    get: method(z.object({ id: GenerationId }).strict(), Generation),
    delete: method(z.object({ id: GenerationId }).strict(), z.object({ deleted: z.boolean() })),
    asset: method(
      z.object({ id: GenerationId, role: AssetRole }).strict(),
      z.object({ mime: z.string(), bytes: z.instanceof(Uint8Array) }),
    ),
    /** Save the image through the host's save dialog (Electron). Browser hosts download instead. */
    export: method(z.object({ id: GenerationId }).strict(), z.object({ savedTo: z.string().nullable() })),
  },
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;
export type MethodName = {
  [N in Namespace]: `${N & string}.${keyof Contract[N] & string}`;
}[Namespace];

type Def<M extends string> = M extends `${infer N}.${infer K}`
  ? N extends Namespace
    ? K extends keyof Contract[N]
      ? Contract[N][K]
      : never
    : never
  : never;
export type MethodInput<M extends MethodName> =
  Def<M> extends MethodDef<infer I, z.ZodType> ? z.input<I> : never;
export type MethodOutput<M extends MethodName> =
  Def<M> extends MethodDef<z.ZodType, infer O> ? z.output<O> : never;

/** Every method as "namespace.method", derived from the contract. */
export const methodNames: MethodName[] = Object.entries(contract).flatMap(([ns, methods]) =>
  Object.keys(methods).map((m) => `${ns}.${m}` as MethodName),
);

export function methodDef(name: string): MethodDef<z.ZodType, z.ZodType> | undefined {
  const [ns, m, ...rest] = name.split('.');
  if (!ns || !m || rest.length > 0 || !Object.hasOwn(contract, ns)) return undefined;
  const group = contract[ns as Namespace] as Record<string, MethodDef<z.ZodType, z.ZodType>>;
  return Object.hasOwn(group, m) ? group[m] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Events

export const JobProgress = z.object({
  jobId: z.string(),
  /** 0..1 */
  fraction: z.number(),
  stage: z.enum(['queued', 'preparing', 'inference', 'encoding', 'saving', 'done', 'failed', 'cancelled']),
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const events = {
  'job.progress': JobProgress,
  'inference.status': AppInfo.shape.inference,
  'library.changed': z.object({ id: z.string(), change: z.enum(['added', 'deleted']) }),
  /** Image studio: the current estimate of a running `image.generate`. */
  'image.preview': ImagePreview,
  /** Image studio: the queue changed. */
  'image.queue': z.array(ImageQueueItem),
  /** Writer: the tokens of a running `text.generate`, as they are drawn. */
  'text.stream': TextStream,
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.infer<Events[E]>;
export const eventNames = Object.keys(events) as EventName[];

// ---------------------------------------------------------------------------------------------
// The API both transports present to the renderer

export type AtelierApi = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? undefined extends z.input<I>
        ? (input?: z.input<I>) => Promise<z.output<O>>
        : (input: z.input<I>) => Promise<z.output<O>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/**
 * What the Electron preload puts on `window.atelier`: the same named methods, answering the
 * result envelope instead of throwing, because contextBridge keeps only an error's message and
 * the renderer needs its code and field. renderer/src/api turns it into an `AtelierApi`.
 */
export type BridgeApi = {
  [N in Namespace]: {
    [K in keyof Contract[N]]: Contract[N][K] extends MethodDef<infer I, infer O>
      ? (input?: z.input<I>) => Promise<CallResult<z.output<O>>>
      : never;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** The error both transports throw for a failed call. */
export class AtelierError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'AtelierError';
    this.code = info.code;
    this.field = info.field;
  }
  toJSON(): ErrorInfo {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) };
  }
}

/** Channel names shared by the preload and the Electron adapter (one prefix, VS Code style). */
export const IPC_CALL = 'atelier:call';
export const IPC_EVENT = 'atelier:event';
