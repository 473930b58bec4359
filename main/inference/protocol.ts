/**
 * Messages between the inference client (main) and the inference process: a discriminated
 * union with sequence ids. Tensor data travels as ArrayBuffers (structured clone / advanced
 * serialization: binary, never JSON text).
 */

import type { DecoderSpec, DecodeStep } from './decoder';
import type { EncodeFramesSpec } from './pixels';
import type { PrepareSpec } from './prepare';
import type { SequenceResult, SequenceSpec } from './sequence';

export type DType = 'float32' | 'int64' | 'int32' | 'uint8';

/** A graph input or output as onnxruntime describes it (shape: numbers, or names for dynamic axes). */
export interface GraphPort {
  name: string;
  type: string;
  shape: (number | string)[];
}

export interface WireTensor {
  dtype: DType;
  dims: number[];
  data: ArrayBuffer;
}

/**
 * A float32 input filled with standard normals from our seeded RNG inside the inference
 * process: nothing to compute on main's event loop and nothing to transfer but the seed.
 */
export interface SeededNormal {
  dtype: 'float32';
  dims: number[];
  seededNormal: number;
}

export type WireFeed = WireTensor | SeededNormal;

/** An 8-bit image (see PixelImage in the contract) with its pixels as a transferable buffer. */
export interface WireImage {
  width: number;
  height: number;
  channels: 1 | 3;
  pixels: ArrayBuffer;
}

/** Post-processing the inference process does on an image output, so main never touches pixels. */
export interface ImageEncode {
  /** Which output holds an NCHW image with 3 channels. */
  output: string;
  /** Value range of the output, mapped to 0..255. */
  range: [number, number];
  /** Enlarge by this factor with wrap-around bilinear interpolation (keeps tiles seamless). */
  upscale: number;
  /** Also return a thumbnail whose longest side is this many px (0 = none). */
  thumbnail: number;
}

export type ToWorker =
  | { type: 'load'; seq: number; modelId: string; path: string; providers: string[] }
  | {
      type: 'run';
      seq: number;
      modelId: string;
      feeds: Record<string, WireFeed>;
      /** Raw outputs to return (others are dropped). */
      outputs: string[];
      encode?: ImageEncode;
    }
  | { type: 'echo'; seq: number; data: ArrayBuffer }
  | {
      /** Decode a user's image and frame it like a latent model's training data (see ./prepare). */
      type: 'prepare';
      seq: number;
      bytes: ArrayBuffer;
      spec: PrepareSpec;
    }
  | {
      /** Enlarge frames and encode them as an animated GIF or a PNG strip (see ./pixels, ./gif). */
      type: 'encode-frames';
      seq: number;
      frames: WireImage[];
      spec: EncodeFramesSpec;
    }
  | {
      /** Autoregressive sampling over a loaded step graph, the loop inside the process (./sequence). */
      type: 'sequence';
      seq: number;
      spec: SequenceSpec;
    }
  | {
      /** A text generation over a loaded decoder graph (./decoder): reads the prompt, draws one token. */
      type: 'decode-start';
      seq: number;
      spec: DecoderSpec;
    }
  /** The next token(s) of a running generation. */
  | { type: 'decode-step'; seq: number; genId: string; count: number }
  /** Frees a generation's key/value cache. */
  | { type: 'decode-end'; seq: number; genId: string }
  /** Opens a model file and describes its graph without keeping it (the import checks). */
  | { type: 'inspect'; seq: number; path: string }
  | { type: 'unload'; seq: number; modelId: string };

export type FromWorker =
  | { type: 'ready'; pid: number; providersAvailable: string[] }
  | {
      type: 'loaded';
      seq: number;
      modelId: string;
      provider: string;
      inputNames: string[];
      outputNames: string[];
    }
  | {
      type: 'result';
      seq: number;
      outputs: Record<string, WireTensor>;
      png?: ArrayBuffer;
      thumbnailPng?: ArrayBuffer;
      width?: number;
      height?: number;
      inferenceMs: number;
      encodeMs: number;
      /** The inference process's peak resident memory so far (bytes). */
      peakRssBytes: number;
    }
  | { type: 'echo'; seq: number; data: ArrayBuffer }
  | { type: 'prepared'; seq: number; tensor: WireTensor }
  | { type: 'encoded'; seq: number; bytes: ArrayBuffer }
  | { type: 'sequenced'; seq: number; result: SequenceResult }
  | { type: 'decoded'; seq: number; genId: string; step: DecodeStep }
  | { type: 'decode-ended'; seq: number }
  | { type: 'inspected'; seq: number; inputs: GraphPort[]; outputs: GraphPort[] }
  | { type: 'unloaded'; seq: number }
  | {
      type: 'error';
      seq: number;
      code: 'load-failed' | 'run-failed' | 'bad-request' | 'bad-image';
      message: string;
    };

/** One interface over Electron's utilityProcess and Node's child_process.fork. */
export interface WorkerTransport {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type SpawnWorker = () => WorkerTransport;
