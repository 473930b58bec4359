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
import { BadImageError, prepareImage } from './prepare';
import type { FromWorker, ToWorker, WireFeed, WireTensor } from './protocol';
import { Rng } from './rng';
import { Decoder, type TensorOps } from './decoder';
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

/** The loaded session a request names; when there is none, answers the request with an error. */
function loadedSession(
  seq: number,
  modelId: string,
): { session: ort.InferenceSession; provider: string } | null {
  const entry = sessions.get(modelId);
  if (!entry) post({ type: 'error', seq, code: 'bad-request', message: `model ${modelId} is not loaded` });
  return entry ?? null;
}

async function load(msg: Extract<ToWorker, { type: 'load' }>): Promise<void> {
  const errors: string[] = [];
  for (const provider of msg.providers) {
    try {
      const executionProviders = provider === 'cpu' ? ['cpu'] : [provider, 'cpu'];
      const session = await ort.InferenceSession.create(msg.path, {
        executionProviders,
        graphOptimizationLevel: 'all',
        // After a run, onnxruntime's worker threads busy-wait for more work by default. On a
        // machine with few cores that spinning takes the CPU from main and the renderer exactly
        // when a drag needs them. ATELIER_ORT_SPINNING=1 turns it back on (for comparison).
        extra: {
          session: { intra_op: { allow_spinning: spinning }, inter_op: { allow_spinning: spinning } },
        },
      });
      await sessions.get(msg.modelId)?.session.release();
      sessions.set(msg.modelId, { session, provider });
      post({
        type: 'loaded',
        seq: msg.seq,
        modelId: msg.modelId,
        provider,
        inputNames: [...session.inputNames],
        outputNames: [...session.outputNames],
      });
      return;
    } catch (e) {
      errors.push(`${provider}: ${(e as Error).message}`);
    }
  }
  post({ type: 'error', seq: msg.seq, code: 'load-failed', message: errors.join('; ') });
}

function toOrt(t: WireFeed): ort.Tensor {
  if ('seededNormal' in t) {
    const size = t.dims.reduce((a, b) => a * b, 1);
    return new ort.Tensor('float32', new Rng(t.seededNormal).fillNormal(new Float32Array(size)), t.dims);
  }
  switch (t.dtype) {
    case 'float32':
      return new ort.Tensor('float32', new Float32Array(t.data), t.dims);
    case 'int64':
      return new ort.Tensor('int64', new BigInt64Array(t.data), t.dims);
    case 'int32':
      return new ort.Tensor('int32', new Int32Array(t.data), t.dims);
    case 'uint8':
      return new ort.Tensor('uint8', new Uint8Array(t.data), t.dims);
  }
}

function fromOrt(t: ort.Tensor): WireTensor {
  const data = t.data as Float32Array | BigInt64Array | Int32Array | Uint8Array;
  const copy = data.slice().buffer as ArrayBuffer;
  return { dtype: t.type as WireTensor['dtype'], dims: [...t.dims], data: copy };
}

async function run(msg: Extract<ToWorker, { type: 'run' }>): Promise<void> {
  const entry = loadedSession(msg.seq, msg.modelId);
  if (!entry) return;
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, t] of Object.entries(msg.feeds)) feeds[name] = toOrt(t);
  const t0 = performance.now();
  let results: ort.InferenceSession.ReturnType;
  try {
    results = await entry.session.run(feeds);
  } catch (e) {
    post({ type: 'error', seq: msg.seq, code: 'run-failed', message: (e as Error).message });
    return;
  }
  const inferenceMs = performance.now() - t0;
  const outputs: Record<string, WireTensor> = {};
  for (const name of msg.outputs) {
    const t = results[name];
    if (t) outputs[name] = fromOrt(t);
  }
  const t1 = performance.now();
  let png: ArrayBuffer | undefined;
  let thumbnailPng: ArrayBuffer | undefined;
  let width: number | undefined;
  let height: number | undefined;
  if (msg.encode) {
    const t = results[msg.encode.output];
    if (!t) {
      post({
        type: 'error',
        seq: msg.seq,
        code: 'run-failed',
        message: `the model has no output ${msg.encode.output}`,
      });
      return;
    }
    try {
      const img = upscaleWrap(
        nchwToRgba(t.data as Float32Array, t.dims, msg.encode.range),
        msg.encode.upscale,
      );
      width = img.width;
      height = img.height;
      png = encodePng(img).buffer as ArrayBuffer;
      if (msg.encode.thumbnail > 0)
        thumbnailPng = encodePng(thumbnail(img, msg.encode.thumbnail)).buffer as ArrayBuffer;
    } catch (e) {
      post({ type: 'error', seq: msg.seq, code: 'run-failed', message: (e as Error).message });
      return;
    }
  }
  for (const t of Object.values(results)) t.dispose();
  post({
    type: 'result',
    seq: msg.seq,
    outputs,
    ...(png ? { png, thumbnailPng, width, height } : {}),
    inferenceMs,
    encodeMs: performance.now() - t1,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
}

function prepare(msg: Extract<ToWorker, { type: 'prepare' }>): void {
  try {
    const data = prepareImage(new Uint8Array(msg.bytes), msg.spec);
    const dims = [1, data.length / (msg.spec.size * msg.spec.size), msg.spec.size, msg.spec.size];
    post({
      type: 'prepared',
      seq: msg.seq,
      tensor: { dtype: 'float32', dims, data: data.buffer as ArrayBuffer },
    });
  } catch (e) {
    const bad = e instanceof BadImageError;
    post({
      type: 'error',
      seq: msg.seq,
      code: bad ? 'bad-image' : 'run-failed',
      message: (e as Error).message,
    });
  }
}

function encodeFrames(msg: Extract<ToWorker, { type: 'encode-frames' }>): void {
  try {
    const { format, scale, direction, frameMs } = msg.spec;
    const frames = msg.frames.map((f) => enlarge({ ...f, pixels: new Uint8Array(f.pixels) }, scale));
    let bytes: Uint8Array<ArrayBuffer>;
    if (format === 'gif') {
      const w = Math.max(...frames.map((f) => f.width));
      const h = Math.max(...frames.map((f) => f.height));
      bytes = encodeGif(
        frames.map((f) => padTo(f, w, h)),
        frameMs,
      );
    } else {
      bytes = encodePng(toRgba(strip(frames, direction)));
    }
    post({ type: 'encoded', seq: msg.seq, bytes: bytes.buffer });
  } catch (e) {
    post({ type: 'error', seq: msg.seq, code: 'run-failed', message: (e as Error).message });
  }
}

async function sequence(msg: Extract<ToWorker, { type: 'sequence' }>): Promise<void> {
  const entry = loadedSession(msg.seq, msg.spec.modelId);
  if (!entry) return;
  let last: ort.InferenceSession.ReturnType | null = null;
  try {
    const result = await sampleSequence(msg.spec, async (feeds) => {
      const ortFeeds: Record<string, ort.Tensor> = {};
      for (const [name, t] of Object.entries(feeds)) ortFeeds[name] = toOrt(t);
      const t0 = performance.now();
      const out = await entry.session.run(ortFeeds);
      const ms = performance.now() - t0;
      // The previous step's outputs fed this step; they can go now.
      if (last) for (const t of Object.values(last)) t.dispose();
      last = out;
      const outputs: Record<string, { dims: number[]; data: Float32Array }> = {};
      for (const [name, t] of Object.entries(out))
        if (t.type === 'float32') outputs[name] = { dims: [...t.dims], data: t.data as Float32Array };
      return { outputs, ms };
    });
    post({ type: 'sequenced', seq: msg.seq, result });
  } catch (e) {
    post({ type: 'error', seq: msg.seq, code: 'run-failed', message: (e as Error).message });
  } finally {
    // The last step's outputs (their state was copied out): nothing feeds on them any more.
    if (last) for (const t of Object.values(last as ort.InferenceSession.ReturnType)) t.dispose();
  }
}

// --- text generation (./decoder): state kept between messages, one token per message ---------

const decoders = new Map<string, Decoder<ort.Tensor>>();

function tensorOps(session: ort.InferenceSession): TensorOps<ort.Tensor> {
  return {
    int64: (values, dims) =>
      new ort.Tensor(
        'int64',
        BigInt64Array.from(values, (v) => BigInt(v)),
        dims,
      ),
    emptyPast: (dims) => new ort.Tensor('float32', new Float32Array(0), dims),
    lastLogits: (t) => {
      if (t.type !== 'float32') throw new Error(`logits are ${t.type}; only float32 models are supported`);
      const vocab = t.dims[t.dims.length - 1]!;
      const data = t.data as Float32Array;
      return data.slice(data.length - vocab);
    },
    run: (feeds) => session.run(feeds) as Promise<Record<string, ort.Tensor>>,
    dispose: (t) => t.dispose(),
  };
}

async function decodeStep(
  seq: number,
  genId: string,
  decoder: Decoder<ort.Tensor>,
  count: number,
): Promise<void> {
  try {
    const step = await decoder.step(count);
    if (step.done) {
      decoder.dispose();
      decoders.delete(genId);
    }
    post({ type: 'decoded', seq, genId, step });
  } catch (e) {
    decoder.dispose();
    decoders.delete(genId);
    post({ type: 'error', seq, code: 'run-failed', message: (e as Error).message });
  }
}

async function decodeStart(msg: Extract<ToWorker, { type: 'decode-start' }>): Promise<void> {
  const entry = loadedSession(msg.seq, msg.spec.modelId);
  if (!entry) return;
  decoders.get(msg.spec.genId)?.dispose();
  let decoder: Decoder<ort.Tensor>;
  try {
    decoder = new Decoder(msg.spec, tensorOps(entry.session));
  } catch (e) {
    post({ type: 'error', seq: msg.seq, code: 'bad-request', message: (e as Error).message });
    return;
  }
  decoders.set(msg.spec.genId, decoder);
  await decodeStep(msg.seq, msg.spec.genId, decoder, 1);
}

async function inspect(msg: Extract<ToWorker, { type: 'inspect' }>): Promise<void> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(msg.path, { graphOptimizationLevel: 'disabled' });
  } catch (e) {
    post({ type: 'error', seq: msg.seq, code: 'load-failed', message: (e as Error).message });
    return;
  }
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
  post({ type: 'inspected', seq: msg.seq, inputs, outputs });
}

async function handle(raw: unknown): Promise<void> {
  const msg = raw as ToWorker;
  switch (msg?.type) {
    case 'load':
      return load(msg);
    case 'run':
      return run(msg);
    case 'echo':
      return post({ type: 'echo', seq: msg.seq, data: msg.data });
    case 'prepare':
      return prepare(msg);
    case 'encode-frames':
      return encodeFrames(msg);
    case 'sequence':
      return sequence(msg);
    case 'decode-start':
      return decodeStart(msg);
    case 'decode-step': {
      const decoder = decoders.get(msg.genId);
      if (!decoder)
        return post({
          type: 'error',
          seq: msg.seq,
          code: 'bad-request',
          message: `generation ${msg.genId} is not running (it ended, or the inference process restarted)`,
        });
      return decodeStep(msg.seq, msg.genId, decoder, msg.count);
    }
    case 'decode-end':
      decoders.get(msg.genId)?.dispose();
      decoders.delete(msg.genId);
      return post({ type: 'decode-ended', seq: msg.seq });
    case 'inspect':
      return inspect(msg);
    case 'unload':
      await sessions.get(msg.modelId)?.session.release();
      sessions.delete(msg.modelId);
      return post({ type: 'unloaded', seq: msg.seq });
    default:
      post({
        type: 'error',
        seq: (msg as { seq?: number })?.seq ?? -1,
        code: 'bad-request',
        message: 'unknown message',
      });
  }
}

// One request at a time: onnxruntime already uses every core for a single run, and a strict
// order keeps results deterministic and the client's priority queue meaningful.
let chain: Promise<void> = Promise.resolve();
function enqueue(raw: unknown): void {
  chain = chain
    .then(() => handle(raw))
    .catch((e: unknown) => {
      post({ type: 'error', seq: -1, code: 'run-failed', message: String(e) });
    });
}

if (parentPort) parentPort.on('message', (e) => enqueue(e.data));
else process.on('message', enqueue);
// Under fork the parent's disconnect means the app is gone: do not linger as an orphan.
process.on('disconnect', () => process.exit(0));

post({ type: 'ready', pid: process.pid, providersAvailable: providersAvailable() });
