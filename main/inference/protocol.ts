/**
 * Messages between the inference client (main) and the inference process: one map of ops to
 * their request and reply (`WorkerOps`), from which the wire unions are derived. Tensor data
 * travels as ArrayBuffers (structured clone / advanced serialization: binary, never JSON text).
 */

import type { DecoderSpec, DecodeStep } from './decoder';
import type { EncodeFramesSpec } from './pixels';
import type { ImportedMidi } from '../services/melody/midi';
import type { FileSignatures } from '../services/melody/signatures';
import type { PrepareSpec } from './prepare';
import type { SequenceResult, SequenceSpec } from './sequence';

/** `float16` travels as its raw bits (a Uint16Array's buffer): ./half.ts converts. */
export type DType = 'float32' | 'float16' | 'int64' | 'int32' | 'uint8';

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

/** A reply with nothing to say but "done". */
type Nothing = Record<never, never>;

/**
 * Every operation the inference process performs, its request and its reply paired in one place:
 * the wire messages below are derived from this map, so a request cannot be answered with
 * another op's reply without the compiler noticing.
 */
export interface WorkerOps {
  load: {
    request: { modelId: string; path: string; providers: string[] };
    reply: { modelId: string; provider: string; inputNames: string[]; outputNames: string[] };
  };
  run: {
    request: {
      modelId: string;
      feeds: Record<string, WireFeed>;
      /** Raw outputs to return (others are dropped). */
      outputs: string[];
      encode?: ImageEncode;
    };
    reply: {
      outputs: Record<string, WireTensor>;
      png?: ArrayBuffer;
      thumbnailPng?: ArrayBuffer;
      width?: number;
      height?: number;
      inferenceMs: number;
      encodeMs: number;
      /** The inference process's peak resident memory so far (bytes). */
      peakRssBytes: number;
    };
  };
  echo: { request: { data: ArrayBuffer }; reply: { data: ArrayBuffer } };
  /** Decode a user's image and frame it like a latent model's training data (see ./prepare). */
  prepare: { request: { bytes: ArrayBuffer; spec: PrepareSpec }; reply: { tensor: WireTensor } };
  /**
   * Read a MIDI file's tracks and notes (main/services/melody/midi.ts): a file of 100,000 notes
   * takes a tenth of a second or more to parse, so it is parsed here and never on main's loop.
   */
  'read-midi': {
    request: { bytes: ArrayBuffer; fileName: string };
    reply: { midi: ImportedMidi & FileSignatures };
  };
  /** Enlarge frames and encode them as an animated GIF or a PNG strip (see ./pixels, ./gif). */
  'encode-frames': {
    request: { frames: WireImage[]; spec: EncodeFramesSpec };
    reply: { bytes: ArrayBuffer };
  };
  /** Autoregressive sampling over a loaded step graph, the loop inside the process (./sequence). */
  sequence: { request: { spec: SequenceSpec }; reply: { result: SequenceResult } };
  /** A text generation over a loaded decoder graph (./decoder): reads the prompt, draws one token. */
  'decode-start': { request: { spec: DecoderSpec }; reply: { genId: string; step: DecodeStep } };
  /** The next token(s) of a running generation. */
  'decode-step': { request: { genId: string; count: number }; reply: { genId: string; step: DecodeStep } };
  /** Frees a generation's key/value cache. */
  'decode-end': { request: { genId: string }; reply: Nothing };
  /** Opens a model file and describes its graph without keeping it (the import checks). */
  inspect: { request: { path: string }; reply: { inputs: GraphPort[]; outputs: GraphPort[] } };
  unload: { request: { modelId: string }; reply: Nothing };
}

export type OpName = keyof WorkerOps;
export type OpRequest<K extends OpName> = WorkerOps[K]['request'];
export type OpReply<K extends OpName> = WorkerOps[K]['reply'];

/** A request on the wire: its op as `type`, and the client's sequence id, which its answer repeats. */
export type ToWorker = { [K in OpName]: { type: K; seq: number } & OpRequest<K> }[OpName];

/** A successful answer carries the same `type` (the op) and `seq` as its request. */
export type WorkerReply<K extends OpName = OpName> = { [P in K]: { type: P; seq: number } & OpReply<P> }[K];

/** `bad-image` / `bad-file`: the user's file was refused (the message is for a person). */
export type WorkerErrorCode = 'load-failed' | 'run-failed' | 'bad-request' | 'bad-image' | 'bad-file';

/** The answer to any request that failed, whatever the op. */
export interface WorkerErrorReply {
  type: 'error';
  seq: number;
  code: WorkerErrorCode;
  message: string;
}

/** Sent once, unasked, when the process can take requests. */
export interface WorkerReady {
  type: 'ready';
  pid: number;
  providersAvailable: string[];
}

export type FromWorker = WorkerReady | WorkerReply | WorkerErrorReply;

/** One interface over Electron's utilityProcess and Node's child_process.fork. */
export interface WorkerTransport {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (message: FromWorker) => void): void;
  onExit(listener: (info: { code: number | null; signal: string | null }) => void): void;
  kill(signal?: NodeJS.Signals): void;
}

export type SpawnWorker = () => WorkerTransport;
