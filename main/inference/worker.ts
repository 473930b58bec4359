/**
 * The inference process entry. onnxruntime-node lives only here, so a native crash takes down
 * this process and never the app: the supervisor in ./client.ts respawns it.
 * Runs under Electron's utilityProcess (process.parentPort) or Node's child_process.fork.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { encodePng, nchwToRgba, thumbnail, upscaleWrap } from './image';
import { encodeGif } from './gif';
import { enlarge, padTo, strip, toRgba } from './pixels';
import { AtelierError } from '../../preload/contract';
import { readMidi } from '../services/melody/midi';
import { readSignatures } from '../services/melody/signatures';
import { BadImageError, prepareImage } from './prepare';
import type { FromWorker, OpReply, OpRequest, WireFeed, WireTensor } from './protocol';
import { Rng } from '../../preload/rng';
import { Decoder, type TensorOps } from './decoder';
import { fromHalf } from './half';
import { createDispatcher, WorkerFailure, type Handlers } from './dispatch';
import { sampleSequence } from './sequence';

interface ParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}
const parentPort = (process as unknown as { parentPort?: ParentPort }).parentPort;

function post(message: FromWorker): void {
  if (parentPort) parentPort.postMessage(message);
  else process.send?.(message);
}

/** CUDA's provider libraries are an optional download (`npm run gpu:cuda`); look before trying. */
function cudaInstalled(): boolean {
  try {
    const require = createRequire(import.meta.url);
    const binDir = dirname(require.resolve('onnxruntime-node'));
    const root = join(binDir, '..', 'bin');
    const napi = ['napi-v6', 'napi-v3'].map((v) => join(root, v, 'linux', 'x64'));
    return napi.some((d) => existsSync(join(d, 'libonnxruntime_providers_cuda.so')));
  } catch {
    return false;
  }
}

function providersAvailable(): string[] {
  const list = ['cpu'];
  if (process.platform === 'linux' && process.arch === 'x64' && cudaInstalled()) list.unshift('cuda');
  if (process.platform === 'win32') list.unshift('dml');
  if (process.platform === 'darwin') list.unshift('coreml');
  return list;
}

const spinning = process.env.ATELIER_ORT_SPINNING === '1' ? '1' : '0';

const sessions = new Map<string, { session: ort.InferenceSession; provider: string }>();

function loadedSession(modelId: string): { session: ort.InferenceSession; provider: string } {
  const entry = sessions.get(modelId);
  if (!entry) throw new WorkerFailure('bad-request', `model ${modelId} is not loaded`);
  return entry;
}

async function load(req: OpRequest<'load'>): Promise<OpReply<'load'>> {
  const errors: string[] = [];
  for (const provider of req.providers) {
    try {
      const executionProviders = provider === 'cpu' ? ['cpu'] : [provider, 'cpu'];
      const session = await ort.InferenceSession.create(req.path, {
        executionProviders,
        graphOptimizationLevel: 'all',
        // After a run, onnxruntime's worker threads busy-wait for more work by default. On a
        // machine with few cores that spinning takes the CPU from main and the renderer exactly
        // when a drag needs them. ATELIER_ORT_SPINNING=1 turns it back on (for comparison).
        extra: {
          session: { intra_op: { allow_spinning: spinning }, inter_op: { allow_spinning: spinning } },
        },
      });
      await sessions.get(req.modelId)?.session.release();
      sessions.set(req.modelId, { session, provider });
      return {
        modelId: req.modelId,
        provider,
        inputNames: [...session.inputNames],
        outputNames: [...session.outputNames],
      };
    } catch (e) {
      errors.push(`${provider}: ${(e as Error).message}`);
    }
  }
  throw new WorkerFailure('load-failed', errors.join('; ') || 'no execution provider to try');
}

function toOrt(t: WireFeed): ort.Tensor {
  if ('seededNormal' in t) {
    const size = t.dims.reduce((a, b) => a * b, 1);
    return new ort.Tensor('float32', new Rng(t.seededNormal).fillNormal(new Float32Array(size)), t.dims);
  }
  switch (t.dtype) {
    case 'float32':
      return new ort.Tensor('float32', new Float32Array(t.data), t.dims);
    case 'float16':
      return new ort.Tensor('float16', new Uint16Array(t.data), t.dims);
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(t.data), t.dims);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(t.data), t.dims);
    case 'uint8':
      return new ort.Tensor('uint8', new Uint8Array(t.data), t.dims);
    default:
      throw new Error(`dtype ${String((t as { dtype: unknown }).dtype)} is not supported`);
  }
}

/** The request's inputs as onnxruntime tensors; a bad one fails the request naming that input. */
function toOrtFeeds(feeds: Record<string, WireFeed>): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(feeds)) {
    try {
      out[name] = toOrt(t);
    } catch (e) {
      throw new WorkerFailure('bad-request', `input "${name}": ${(e as Error).message}`);
    }
  }
  return out;
}

function fromOrt(t: ort.Tensor): WireTensor {
  const data = t.data as Float32Array | Uint16Array | BigInt64Array | Int32Array | Uint8Array;
  const copy = data.slice().buffer as ArrayBuffer;
  return { dtype: t.type as WireTensor['dtype'], dims: [...t.dims], data: copy };
}

function disposeAll(results: ort.InferenceSession.ReturnType | null): void {
  if (results) for (const t of Object.values(results)) t.dispose();
}

async function run(req: OpRequest<'run'>): Promise<OpReply<'run'>> {
  const { session } = loadedSession(req.modelId);
  const feeds = toOrtFeeds(req.feeds);
  const t0 = performance.now();
  const results = await session.run(feeds);
  try {
    const inferenceMs = performance.now() - t0;
    const outputs: Record<string, WireTensor> = {};
    for (const name of req.outputs) {
      const t = results[name];
      if (t) outputs[name] = fromOrt(t);
    }
    const t1 = performance.now();
    let image: Pick<OpReply<'run'>, 'png' | 'thumbnailPng' | 'width' | 'height'> = {};
    if (req.encode) {
      const t = results[req.encode.output];
      if (!t) throw new WorkerFailure('run-failed', `the model has no output ${req.encode.output}`);
      const img = upscaleWrap(
        nchwToRgba(t.data as Float32Array, t.dims, req.encode.range),
        req.encode.upscale,
      );
      image = { png: encodePng(img).buffer as ArrayBuffer, width: img.width, height: img.height };
      if (req.encode.thumbnail > 0)
        image.thumbnailPng = encodePng(thumbnail(img, req.encode.thumbnail)).buffer as ArrayBuffer;
    }
    return {
      outputs,
      ...image,
      inferenceMs,
      encodeMs: performance.now() - t1,
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
    };
  } finally {
    disposeAll(results);
  }
}

function prepare(req: OpRequest<'prepare'>): OpReply<'prepare'> {
  try {
    const data = prepareImage(new Uint8Array(req.bytes), req.spec);
    const dims = [1, data.length / (req.spec.size * req.spec.size), req.spec.size, req.spec.size];
    return { tensor: { dtype: 'float32', dims, data: data.buffer as ArrayBuffer } };
  } catch (e) {
    if (e instanceof BadImageError) throw new WorkerFailure('bad-image', e.message);
    throw e;
  }
}

function encodeFrames(req: OpRequest<'encode-frames'>): OpReply<'encode-frames'> {
  const { format, scale, direction, frameMs } = req.spec;
  const frames = req.frames.map((f) => enlarge({ ...f, pixels: new Uint8Array(f.pixels) }, scale));
  if (format === 'gif') {
    const w = Math.max(...frames.map((f) => f.width));
    const h = Math.max(...frames.map((f) => f.height));
    return {
      bytes: encodeGif(
        frames.map((f) => padTo(f, w, h)),
        frameMs,
      ).buffer,
    };
  }
  return { bytes: encodePng(toRgba(strip(frames, direction))).buffer };
}

async function sequence(req: OpRequest<'sequence'>): Promise<OpReply<'sequence'>> {
  const { session } = loadedSession(req.spec.modelId);
  let last: ort.InferenceSession.ReturnType | null = null;
  try {
    const result = await sampleSequence(req.spec, async (feeds) => {
      const ortFeeds = toOrtFeeds(feeds);
      const t0 = performance.now();
      const out = await session.run(ortFeeds);
      const ms = performance.now() - t0;
      // The previous step's outputs fed this step; they can go now.
      disposeAll(last);
      last = out;
      const outputs: Record<string, { dims: number[]; data: Float32Array }> = {};
      for (const [name, t] of Object.entries(out))
        if (t.type === 'float32') outputs[name] = { dims: [...t.dims], data: t.data as Float32Array };
      return { outputs, ms };
    });
    return { result };
  } finally {
    // The last step's outputs (their state was copied out): nothing feeds on them any more.
    disposeAll(last);
  }
}

// --- text generation (./decoder): state kept between messages, one token per message ---------

const decoders = new Map<string, Decoder<ort.Tensor>>();

/** The cache's type as the graph declares it (fp16 and q4f16 graphs keep it in float16). */
function cacheType(session: ort.InferenceSession): 'float32' | 'float16' {
  const kv = session.inputMetadata.find((m) => m.name === 'past_key_values.0.key');
  return kv?.isTensor && kv.type === 'float16' ? 'float16' : 'float32';
}

function tensorOps(session: ort.InferenceSession): TensorOps<ort.Tensor> {
  const kvType = cacheType(session);
  return {
    int64: (values, dims) =>
      new ort.Tensor(
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        dims,
      ),
    bool: (values, dims) =>
      new ort.Tensor(
        'bool',
        Uint8Array.from(values, (v) => (v ? 1 : 0)),
        dims,
      ),
    emptyPast: (dims) =>
      kvType === 'float16'
        ? new ort.Tensor('float16', new Uint16Array(0), dims)
        : new ort.Tensor('float32', new Float32Array(0), dims),
    lastLogits: (t) => {
      const vocab = t.dims[t.dims.length - 1]!;
      if (t.type === 'float32') {
        const data = t.data as Float32Array;
        return data.slice(data.length - vocab);
      }
      // fp16 graphs give float16 logits (their bits): sampling works in float32.
      if (t.type === 'float16') {
        const bits = t.data as Uint16Array;
        return fromHalf(bits.subarray(bits.length - vocab));
      }
      throw new Error(`logits are ${t.type}; only float32 and float16 logits can be sampled`);
    },
    run: (feeds) => session.run(feeds) as Promise<Record<string, ort.Tensor>>,
    dispose: (t) => t.dispose(),
  };
}

function endGeneration(genId: string): void {
  decoders.get(genId)?.dispose();
  decoders.delete(genId);
}

async function decodeStep(genId: string, decoder: Decoder<ort.Tensor>, count: number) {
  try {
    const step = await decoder.step(count);
    if (step.done) endGeneration(genId);
    return { genId, step };
  } catch (e) {
    // A failed step leaves the cache in no known state: the generation cannot go on.
    endGeneration(genId);
    throw e;
  }
}

async function decodeStart(req: OpRequest<'decode-start'>): Promise<OpReply<'decode-start'>> {
  const { session } = loadedSession(req.spec.modelId);
  endGeneration(req.spec.genId);
  let decoder: Decoder<ort.Tensor>;
  // What the graph takes is known by the graph, even where the caller's layout does not say so.
  const layout = {
    ...req.spec.layout,
    cacheBranch: req.spec.layout.cacheBranch ?? session.inputNames.includes('use_cache_branch'),
    logitsToKeep: req.spec.layout.logitsToKeep ?? session.inputNames.includes('num_logits_to_keep'),
  };
  try {
    decoder = new Decoder({ ...req.spec, layout }, tensorOps(session));
  } catch (e) {
    throw new WorkerFailure('bad-request', (e as Error).message);
  }
  decoders.set(req.spec.genId, decoder);
  return decodeStep(req.spec.genId, decoder, 1);
}

async function inspect(req: OpRequest<'inspect'>): Promise<OpReply<'inspect'>> {
  const session = await ort.InferenceSession.create(req.path, { graphOptimizationLevel: 'disabled' });
  const port = (m: ort.InferenceSession.ValueMetadata) =>
    m.isTensor
      ? {
          name: m.name,
          type: m.type,
          shape: [...m.shape].map((d) => (typeof d === 'number' ? d : String(d))),
        }
      : { name: m.name, type: 'non-tensor', shape: [] };
  const inputs = session.inputMetadata.map(port);
  const outputs = session.outputMetadata.map(port);
  await session.release();
  return { inputs, outputs };
}

/** A user's MIDI file, read here so a big one never holds main (the reader's refusals are for people). */
function readMidiFile(req: OpRequest<'read-midi'>): OpReply<'read-midi'> {
  try {
    const bytes = new Uint8Array(req.bytes);
    return { midi: { ...readMidi(bytes, req.fileName), ...readSignatures(bytes) } };
  } catch (e) {
    if (e instanceof AtelierError) throw new WorkerFailure('bad-file', e.message);
    throw e;
  }
}

const handlers: Handlers = {
  load,
  run,
  echo: (req) => ({ data: req.data }),
  prepare,
  'read-midi': readMidiFile,
  'encode-frames': encodeFrames,
  sequence,
  'decode-start': decodeStart,
  'decode-step': (req) => {
    const decoder = decoders.get(req.genId);
    if (!decoder)
      throw new WorkerFailure(
        'bad-request',
        `generation ${req.genId} is not running (it ended, or the inference process restarted)`,
      );
    return decodeStep(req.genId, decoder, req.count);
  },
  'decode-end': (req) => {
    endGeneration(req.genId);
    return {};
  },
  inspect,
  unload: async (req) => {
    await sessions.get(req.modelId)?.session.release();
    sessions.delete(req.modelId);
    return {};
  },
};

const dispatch = createDispatcher(handlers, {
  post,
  warn: (message) => console.error(`[inference ${process.pid}] ${message}`),
  // A model file that will not open is the model's fault, not the run's.
  failureCode: { load: 'load-failed', inspect: 'load-failed' },
});

if (parentPort) parentPort.on('message', (e) => void dispatch(e.data));
else process.on('message', (m) => void dispatch(m));
// Under fork the parent's disconnect means the app is gone: do not linger as an orphan.
process.on('disconnect', () => process.exit(0));

post({ type: 'ready', pid: process.pid, providersAvailable: providersAvailable() });
