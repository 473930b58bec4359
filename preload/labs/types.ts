/**
 * What every lab engine is: the shared shape the studio's Web Worker, the CLI (`atelier lab
 * train`) and the tests drive. An engine owns its model's variables, its optimizer and its own
 * seeded random stream (preload/rng.ts), so the same seed, settings and data replay the same
 * numbers; it never touches the DOM or Node.
 */
import type { z } from 'zod';

/** The five labs (the CLI trains the first four; `bayes` is a VAE looked at as inference). */
export const LAB_IDS = ['gan', 'vae', 'flow', 'diffusion', 'bayes'] as const;
export type LabId = (typeof LAB_IDS)[number];

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop'] as const;
export type OptimizerName = (typeof OPTIMIZERS)[number];

/** Settings every lab has (each lab adds its own fields). */
export interface CommonSettings {
  learningRate: number;
  optimizer: OptimizerName;
  batchSize: number;
  /** Hidden units per layer. */
  width: number;
  /** Hidden layers. */
  depth: number;
}

/** Where a dataset came from (kept in saved state, shown in the UI and the dataset line). */
export type DataSource =
  | { kind: 'preset'; name: string; n: number; seed: number }
  | { kind: 'drawn' }
  | { kind: 'csv'; name: string }
  | { kind: 'glyphs'; chars: string; fonts: string[]; size: number };

/** Training data: n rows of `dim` numbers, row-major. 2-D points (dim 2) or images (dim = side²). */
export interface Dataset {
  dim: number;
  points: Float32Array;
  source: DataSource;
  /** For images: the side in pixels (dim = side * side, values in [0, 1], 1 = ink). */
  side?: number;
}

/** Named scalars of one training step (e.g. { d: 1.3, g: 0.7 } or { recon: …, kl: … }). */
export type Losses = Record<string, number>;

/** A tensor's values, exactly (base64 of the float32 bytes, little-endian). */
export interface SavedTensor {
  shape: number[];
  data: string;
}

/** Everything that continues a run: the variables by name and the random stream's state. */
export interface EngineWeights {
  tensors: Record<string, SavedTensor>;
  rng: number[];
}

/**
 * A tiny ONNX graph description an engine can give for export (see preload/labs/onnx.ts, which
 * encodes it): float32 only, names unique.
 */
export interface OnnxGraphSpec {
  name: string;
  inputs: { name: string; dims: (number | string)[] }[];
  outputs: { name: string; dims: (number | string)[] }[];
  nodes: {
    op: string;
    inputs: string[];
    outputs: string[];
    attrs?: Record<string, number | number[] | string>;
  }[];
  initializers: (
    | { name: string; dims: number[]; data: Float32Array; dtype?: 'float32' }
    | { name: string; dims: number[]; dtype: 'int64'; data: ArrayLike<number> }
  )[];
}

/** One live lab: trains, draws, measures, saves. `V`/`R`: its view snapshot and what a view asks for. */
export interface LabEngine<V = unknown, R = unknown> {
  readonly id: LabId;
  /** Training iterations done so far. */
  readonly iteration: number;
  /** Runs `iterations` training iterations; answers the last one's losses. */
  train(iterations: number): Losses;
  /** A snapshot for drawing: plain data and typed arrays only (it crosses postMessage). */
  view(request: R): V;
  /**
   * The lab's headline measures on the current model (cheap enough to run every few hundred
   * milliseconds in the worker): every lab gives `swd` and `swdGaussian`; see each lab for more.
   */
  metrics(): Record<string, number>;
  /** The variables and random stream, exactly; `create` with them continues the run. */
  save(): EngineWeights;
  /** An ONNX graph of the trained model where one fits (flow: x → z, log p; VAE: z → x). */
  onnx?(): OnnxGraphSpec;
  /** Frees the tensors. */
  dispose(): void;
}

export interface CreateArgs<S> {
  settings: S;
  data: Dataset;
  seed: number;
  /** Continue a saved run (same settings and data). */
  weights?: EngineWeights;
  /** The iteration the saved run had reached. */
  iteration?: number;
}

/** A lab's engine factory, listed once in preload/labs/registry.ts. */
export interface LabFactory<S extends CommonSettings = CommonSettings, V = unknown, R = unknown> {
  id: LabId;
  /** The settings a new lab starts with (2-D data). */
  defaults: S;
  /** Checks settings from a file or a flag; messages name the field for a person. */
  settings: z.ZodType<S>;
  /** Whether the lab also trains on small images (Dataset.dim > 2). */
  images: boolean;
  create(args: CreateArgs<S>): Promise<LabEngine<V, R>>;
}
