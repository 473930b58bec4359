/**
 * The Atelier contract: every call the renderer can make and every event it can receive,
 * written once. Main validates each call against these schemas (main/router), the preload
 * derives `window.atelier` from the method names, and the renderer's WebSocket client derives
 * the same API from the same object. Nothing here may import Node or Electron: the renderer
 * type-checks against this file.
 */
import { z } from 'zod';

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
});
export type ModelStatus = z.infer<typeof ModelStatus>;

// ---------------------------------------------------------------------------------------------
// Generations (the library's records)

export const GenerationKind = z.enum(['texture', 'latent']);
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

export const AssetRole = z.enum(['image', 'thumbnail']);
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
  capabilities: z.object({ saveDialog: z.boolean() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const contract = {
  app: {
    info: method(NoInput, AppInfo),
  },
  models: {
    list: method(NoInput, z.array(ModelStatus)),
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
