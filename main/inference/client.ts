/**
 * The inference client and supervisor. Main talks to onnxruntime only through this: requests
 * are scheduled (interactive before batch, latest-wins per lane), sent one at a time to the
 * inference process, and if that process dies its in-flight request fails with a clear error
 * and a fresh process is started for the next one.
 */
import { AtelierError, type PixelImage } from '../../preload/contract';
import type {
  FromWorker,
  GraphPort,
  ImageEncode,
  SpawnWorker,
  ToWorker,
  WireFeed,
  WireTensor,
  WorkerTransport,
} from './protocol';
import type { DecoderSpec, DecodeStep } from './decoder';
import type { EncodeFramesSpec } from './pixels';
import type { PrepareSpec } from './prepare';
import type { SequenceResult, SequenceSpec } from './sequence';

export type Priority = 'interactive' | 'batch';

export interface ModelRef {
  id: string;
  /** Absolute path of the .onnx file. */
  path: string;
}

export interface RunRequest {
  model: ModelRef;
  feeds: Record<string, WireFeed>;
  outputs?: string[];
  encode?: ImageEncode;
}

export interface RunResult {
  outputs: Record<string, WireTensor>;
  png?: Uint8Array;
  thumbnailPng?: Uint8Array;
  width?: number;
  height?: number;
  inferenceMs: number;
  encodeMs: number;
  /** The inference process's peak resident memory so far (bytes). */
  peakRssBytes: number;
  provider: string;
}

export interface ScheduleOptions {
  priority?: Priority;
  /** Interactive requests in the same lane replace each other while queued (latest wins). */
  lane?: string;
  signal?: AbortSignal;
  /**
   * onnxruntime cannot stop a run midway. For long runs, cancelling kills the inference process
   * (a fresh one starts at once) instead of letting it finish work nobody wants.
   */
  killOnAbort?: boolean;
}

export type SequenceRun = SequenceResult & { provider: string };

export type DecodeRun = DecodeStep & { provider: string };

/** What a `unit` may call: runs that do not queue, because the unit holds the queue. */
export interface DirectInference {
  run(req: RunRequest): Promise<RunResult>;
  sequence(model: ModelRef, spec: Omit<SequenceSpec, 'modelId'>): Promise<SequenceRun>;
}

export interface InferenceStatus {
  state: 'starting' | 'ready' | 'restarting' | 'failed';
  provider: 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';
  providersTried: string[];
  restarts: number;
}

interface QueueItem {
  priority: Priority;
  lane: string | undefined;
  signal: AbortSignal | undefined;
  execute: () => Promise<unknown>;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

type Pending = { resolve: (m: FromWorker) => void; reject: (e: Error) => void };

const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;

export class InferenceClient {
  private worker: WorkerTransport | null = null;
  private ready: Promise<WorkerTransport> | null = null;
  private readonly loaded = new Map<string, string>();
  private readonly pending = new Map<number, Pending>();
  private readonly queue: QueueItem[] = [];
  private readonly statusListeners = new Set<(s: InferenceStatus) => void>();
  private readonly runListeners = new Set<(r: RunResult) => void>();
  private busy = false;
  private seq = 1;
  private disposed = false;
  private crashes: number[] = [];
  /** A worker we killed on purpose (cancellation): its exit is not a crash. */
  private recycling: WorkerTransport | null = null;
  private providersAvailable: string[] = ['cpu'];
  private _status: InferenceStatus = { state: 'starting', provider: 'cpu', providersTried: [], restarts: 0 };

  constructor(private readonly spawn: SpawnWorker) {}

  get status(): InferenceStatus {
    return { ...this._status };
  }

  get pid(): number | undefined {
    return this.worker?.pid;
  }

  onStatus(listener: (s: InferenceStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Every finished run's result (timings, provider): for the bench and diagnostics. */
  onRun(listener: (r: RunResult) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  /** Starts the process now rather than on first use. */
  async start(): Promise<void> {
    await this.ensureWorker();
  }

  run(req: RunRequest, opts: ScheduleOptions = {}): Promise<RunResult> {
    return this.schedule(opts, () => this.runNow(req, opts)) as Promise<RunResult>;
  }

  /**
   * Several runs as ONE queue item: nothing else runs between them, and a newer request in the
   * same lane replaces the whole unit while it waits (latest wins for multi-step work, e.g. a
   * melody decoded segment by segment). `fn` gets `run` and `sequence` that do not queue.
   */
  unit<T>(opts: ScheduleOptions, fn: (direct: DirectInference) => Promise<T>): Promise<T> {
    return this.schedule(opts, () =>
      fn({
        run: (req) => this.runNow(req, opts),
        sequence: (model, spec) => this.sequenceNow(model, spec, opts),
      }),
    ) as Promise<T>;
  }

  private async runNow(req: RunRequest, opts: ScheduleOptions): Promise<RunResult> {
    const worker = await this.ensureWorker();
    const provider = await this.ensureLoaded(worker, req.model);
    if (opts.signal?.aborted) throw new AtelierError({ code: 'cancelled', message: 'Cancelled.' });
    const onAbort = (): void => this.recycle(worker);
    if (opts.killOnAbort) opts.signal?.addEventListener('abort', onAbort, { once: true });
    const reply = await this.request(worker, {
      type: 'run',
      seq: 0,
      modelId: req.model.id,
      feeds: req.feeds,
      outputs: req.outputs ?? [],
      ...(req.encode ? { encode: req.encode } : {}),
    }).finally(() => opts.signal?.removeEventListener('abort', onAbort));
    if (reply.type !== 'result') throw this.replyError(reply);
    const result: RunResult = {
      outputs: reply.outputs,
      ...(reply.png ? { png: new Uint8Array(reply.png) } : {}),
      ...(reply.thumbnailPng ? { thumbnailPng: new Uint8Array(reply.thumbnailPng) } : {}),
      ...(reply.width ? { width: reply.width, height: reply.height } : {}),
      inferenceMs: reply.inferenceMs,
      encodeMs: reply.encodeMs,
      peakRssBytes: reply.peakRssBytes,
      provider,
    };
    for (const l of this.runListeners) l(result);
    return result;
  }

  /** A user's image framed like a latent model's training data, as a [1, C, size, size] tensor. */
  prepareImage(bytes: Uint8Array, spec: PrepareSpec, opts: ScheduleOptions = {}): Promise<WireTensor> {
    return this.schedule(opts, async () => {
      const worker = await this.ensureWorker();
      // A copy of exactly these bytes (a Buffer may be a view into a larger shared pool).
      const copy = Uint8Array.from(bytes).buffer;
      const reply = await this.request(worker, { type: 'prepare', seq: 0, bytes: copy, spec });
      if (reply.type === 'prepared') return reply.tensor;
      if (reply.type === 'error' && reply.code === 'bad-image')
        throw new AtelierError({ code: 'invalid-input', message: reply.message, field: 'image' });
      throw this.replyError(reply);
    }) as Promise<WireTensor>;
  }

  /** Frames enlarged and encoded as a GIF or PNG strip in the inference process (off main's loop). */
  encodeFrames(
    frames: PixelImage[],
    spec: EncodeFramesSpec,
    opts: ScheduleOptions = {},
  ): Promise<Uint8Array<ArrayBuffer>> {
    return this.schedule(opts, async () => {
      const worker = await this.ensureWorker();
      const wire = frames.map((f) => ({ ...f, pixels: Uint8Array.from(f.pixels).buffer }));
      const reply = await this.request(worker, { type: 'encode-frames', seq: 0, frames: wire, spec });
      if (reply.type !== 'encoded') throw this.replyError(reply);
      return new Uint8Array(reply.bytes);
    }) as Promise<Uint8Array<ArrayBuffer>>;
  }

  /**
   * Autoregressive sampling over a step graph, the whole loop in the inference process. The
   * spec's `modelId` names the graph; `model` loads it first if needed.
   */
  sequence(
    model: ModelRef,
    spec: Omit<SequenceSpec, 'modelId'>,
    opts: ScheduleOptions = {},
  ): Promise<SequenceRun> {
    return this.schedule(opts, () => this.sequenceNow(model, spec, opts)) as Promise<SequenceRun>;
  }

  private async sequenceNow(
    model: ModelRef,
    spec: Omit<SequenceSpec, 'modelId'>,
    opts: ScheduleOptions,
  ): Promise<SequenceRun> {
    const worker = await this.ensureWorker();
    const provider = await this.ensureLoaded(worker, model);
    if (opts.signal?.aborted) throw new AtelierError({ code: 'cancelled', message: 'Cancelled.' });
    const reply = await this.request(worker, {
      type: 'sequence',
      seq: 0,
      spec: { ...spec, modelId: model.id },
    });
    if (reply.type !== 'sequenced') throw this.replyError(reply);
    return { ...reply.result, provider };
  }

  /**
   * Starts a text generation: loads the decoder if needed, reads the prompt, draws the first
   * token. The generation's cache stays in the inference process until `decodeEnd` (or until
   * it finishes by itself). Each call is its own queue item, so other work runs between tokens.
   */
  decodeStart(
    model: ModelRef,
    spec: Omit<DecoderSpec, 'modelId'>,
    opts: ScheduleOptions = {},
  ): Promise<DecodeRun> {
    return this.schedule(opts, async () => {
      const worker = await this.ensureWorker();
      const provider = await this.ensureLoaded(worker, model);
      // Stopped while the graph loaded: the caller was answered and sent its decode-end already,
      // so a generation started now would keep its cache in the inference process for good.
      if (opts.signal?.aborted) throw new AtelierError({ code: 'cancelled', message: 'Cancelled.' });
      const reply = await this.request(worker, {
        type: 'decode-start',
        seq: 0,
        spec: { ...spec, modelId: model.id },
      });
      if (reply.type !== 'decoded') throw this.replyError(reply);
      return { ...reply.step, provider };
    }) as Promise<DecodeRun>;
  }

  /** The next `count` tokens of a running generation. */
  decodeStep(genId: string, count = 1, opts: ScheduleOptions = {}): Promise<DecodeStep> {
    return this.schedule(opts, async () => {
      const worker = await this.ensureWorker();
      const reply = await this.request(worker, { type: 'decode-step', seq: 0, genId, count });
      if (reply.type !== 'decoded') throw this.replyError(reply);
      return reply.step;
    }) as Promise<DecodeStep>;
  }

  /** Frees a generation's cache (harmless if it already ended). Jumps the queue: it only frees memory. */
  async decodeEnd(genId: string): Promise<void> {
    const worker = this.worker;
    if (!worker || this.disposed) return;
    const reply = await this.request(worker, { type: 'decode-end', seq: 0, genId }).catch(() => null);
    if (reply && reply.type !== 'decode-ended') throw this.replyError(reply);
  }

  /** Opens an .onnx file in the inference process and describes its inputs and outputs. */
  inspect(path: string, opts: ScheduleOptions = {}): Promise<{ inputs: GraphPort[]; outputs: GraphPort[] }> {
    return this.schedule(opts, async () => {
      const worker = await this.ensureWorker();
      const reply = await this.request(worker, { type: 'inspect', seq: 0, path });
      if (reply.type === 'inspected') return { inputs: reply.inputs, outputs: reply.outputs };
      if (reply.type === 'error')
        throw new AtelierError({ code: 'invalid-input', message: reply.message, field: 'path' });
      throw this.replyError(reply);
    }) as Promise<{ inputs: GraphPort[]; outputs: GraphPort[] }>;
  }

  /** Forgets a loaded model (after an imported model is removed). */
  async unload(modelId: string): Promise<void> {
    const worker = this.worker;
    this.loaded.delete(modelId);
    if (!worker || this.disposed) return;
    await this.request(worker, { type: 'unload', seq: 0, modelId }).catch(() => null);
  }

  /** Round-trips a buffer through the inference process (for the IPC overhead bench). */
  echo(data: ArrayBuffer): Promise<ArrayBuffer> {
    return this.schedule({ priority: 'interactive' }, async () => {
      const worker = await this.ensureWorker();
      const reply = await this.request(worker, { type: 'echo', seq: 0, data });
      if (reply.type !== 'echo') throw this.replyError(reply);
      return reply.data;
    }) as Promise<ArrayBuffer>;
  }

  /** Kills the inference process (tests use SIGKILL to prove supervision). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.worker?.kill(signal);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    for (const item of this.queue.splice(0))
      item.reject(new AtelierError({ code: 'cancelled', message: 'Atelier is shutting down.' }));
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w) {
      const exited = new Promise<void>((resolve) => w.onExit(() => resolve()));
      w.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
    }
  }

  private recycle(worker: WorkerTransport): void {
    if (this.worker !== worker) return;
    this.recycling = worker;
    worker.kill('SIGKILL');
  }

  // --- scheduling --------------------------------------------------------------------------

  private schedule(opts: ScheduleOptions, execute: () => Promise<unknown>): Promise<unknown> {
    if (this.disposed)
      return Promise.reject(
        new AtelierError({ code: 'internal', message: 'The inference client is closed.' }),
      );
    return new Promise((resolve, reject) => {
      const priority = opts.priority ?? 'batch';
      if (opts.signal?.aborted) {
        reject(new AtelierError({ code: 'cancelled', message: 'Cancelled.' }));
        return;
      }
      if (priority === 'interactive' && opts.lane !== undefined) {
        for (let i = this.queue.length - 1; i >= 0; i--) {
          const q = this.queue[i]!;
          if (q.priority === 'interactive' && q.lane === opts.lane) {
            this.queue.splice(i, 1);
            q.reject(new AtelierError({ code: 'superseded', message: 'A newer request replaced this one.' }));
          }
        }
      }
      // The abort listener goes when the item settles: a job that makes hundreds of requests with
      // one signal (a diffusion run, a text generation) must not pile listeners on it.
      const onAbort = (): void => {
        const i = this.queue.indexOf(item);
        if (i !== -1) this.queue.splice(i, 1);
        settle(() => reject(new AtelierError({ code: 'cancelled', message: 'Cancelled.' })));
      };
      const settle = (fn: () => void): void => {
        opts.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const item: QueueItem = {
        priority,
        lane: opts.lane,
        signal: opts.signal,
        execute,
        resolve: (v) => settle(() => resolve(v)),
        reject: (e) => settle(() => reject(e)),
      };
      // Interactive work goes ahead of every batch item, behind earlier interactive ones.
      const at = priority === 'interactive' ? this.queue.findIndex((q) => q.priority === 'batch') : -1;
      if (at === -1) this.queue.push(item);
      else this.queue.splice(at, 0, item);
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      void this.pump();
    });
  }

  /** Queue length, for tests and the bench. */
  get queued(): number {
    return this.queue.length;
  }

  private async pump(): Promise<void> {
    if (this.busy) return;
    const item = this.queue.shift();
    if (!item) return;
    this.busy = true;
    try {
      item.resolve(await item.execute());
    } catch (e) {
      item.reject(e);
    } finally {
      this.busy = false;
      void this.pump();
    }
  }

  // --- the process -------------------------------------------------------------------------

  private ensureWorker(): Promise<WorkerTransport> {
    if (this.ready) return this.ready;
    if (this.disposed)
      return Promise.reject(
        new AtelierError({ code: 'internal', message: 'The inference client is closed.' }),
      );
    const worker = this.spawn();
    this.worker = worker;
    this.loaded.clear();
    this.ready = new Promise<WorkerTransport>((resolve, reject) => {
      let isReady = false;
      worker.onMessage((m) => {
        if (m.type === 'ready') {
          isReady = true;
          this.providersAvailable = m.providersAvailable;
          this.setStatus({ state: 'ready', providersTried: m.providersAvailable });
          resolve(worker);
          return;
        }
        const p = this.pending.get(m.seq);
        if (p) {
          this.pending.delete(m.seq);
          p.resolve(m);
        }
      });
      worker.onExit(({ code, signal }) => {
        if (this.worker !== worker) return;
        this.worker = null;
        this.ready = null;
        this.loaded.clear();
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        const onPurpose = this.recycling === worker;
        this.recycling = null;
        const err = onPurpose
          ? new AtelierError({ code: 'cancelled', message: 'Cancelled.' })
          : new AtelierError({
              code: 'inference-crashed',
              message: `The inference process ${how} while working; this job was not saved. It has been restarted, so try again.`,
            });
        for (const p of this.pending.values()) p.reject(err);
        this.pending.clear();
        if (!isReady) reject(err);
        if (this.disposed) return;
        if (onPurpose) {
          this.ensureWorker().catch(() => undefined);
          return;
        }
        const now = Date.now();
        this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
        if (this.crashes.length > MAX_CRASHES_IN_WINDOW) {
          // A crash loop: stop respawning eagerly; the next request tries once more.
          this.setStatus({ state: 'failed' });
          return;
        }
        this.setStatus({ state: 'restarting', restarts: this._status.restarts + 1 });
        this.ensureWorker().catch(() => undefined);
      });
    });
    return this.ready;
  }

  private async ensureLoaded(worker: WorkerTransport, model: ModelRef): Promise<string> {
    const have = this.loaded.get(model.id);
    if (have) return have;
    const reply = await this.request(worker, {
      type: 'load',
      seq: 0,
      modelId: model.id,
      path: model.path,
      providers: this.providersAvailable,
    });
    if (reply.type !== 'loaded') throw this.replyError(reply);
    this.loaded.set(model.id, reply.provider);
    this.setStatus({ provider: reply.provider as InferenceStatus['provider'] });
    return reply.provider;
  }

  private request(worker: WorkerTransport, message: ToWorker): Promise<FromWorker> {
    const seq = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      worker.send({ ...message, seq } as ToWorker);
    });
  }

  private replyError(reply: FromWorker): AtelierError {
    if (reply.type === 'error') {
      const code = reply.code === 'load-failed' ? 'model-unavailable' : 'inference-failed';
      return new AtelierError({ code, message: `Inference failed: ${reply.message}` });
    }
    return new AtelierError({
      code: 'internal',
      message: `Unexpected reply from the inference process: ${reply.type}`,
    });
  }

  private setStatus(patch: Partial<InferenceStatus>): void {
    this._status = { ...this._status, ...patch };
    for (const l of this.statusListeners) l(this.status);
  }
}
