/**
 * The inference client. Main talks to onnxruntime only through this: requests are scheduled
 * (./scheduler: interactive before batch, latest-wins per lane) and sent one at a time to the
 * inference process, which ./supervisor keeps alive. Every request has a deadline
 * (./worker-process), so a process that crashes or stops answering fails its request with a
 * clear error and the queue moves on with a fresh process.
 */
import { AtelierError, type PixelImage } from '../../preload/contract';
import { nullLogger, type Logger } from '../log/logger';
import type {
  GraphPort,
  ImageEncode,
  OpName,
  OpReply,
  OpRequest,
  SpawnWorker,
  WireFeed,
  WireTensor,
} from './protocol';
import type { ImportedMidi } from '../services/melody/midi';
import type { FileSignatures } from '../services/melody/signatures';
import type { DecoderSpec, DecodeStep } from './decoder';
import type { EncodeFramesSpec } from './pixels';
import type { PrepareSpec } from './prepare';
import { Scheduler, type QueueOptions } from './scheduler';
import type { SequenceResult, SequenceSpec } from './sequence';
import { WorkerSupervisor, type InferenceStatus } from './supervisor';
import { WorkerReplyError, type Deadlines, type WorkerProcess } from './worker-process';

export type { Priority } from './scheduler';
export type { InferenceStatus } from './supervisor';
export { DEFAULT_DEADLINES, WorkerReplyError, type Deadlines } from './worker-process';

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

export interface ScheduleOptions extends QueueOptions {
  /**
   * onnxruntime cannot stop a run midway. For long runs, cancelling kills the inference process
   * (a fresh one starts at once) instead of letting it finish work nobody wants.
   */
  killOnAbort?: boolean;
  /**
   * Overrides the deadline (ms) of the request this call sends, for work the caller knows is long
   * (or short); a model load it needs first keeps its own.
   */
  deadlineMs?: number;
}

export type SequenceRun = SequenceResult & { provider: string };

export type DecodeRun = DecodeStep & { provider: string };

/** What a `unit` may call: runs that do not queue, because the unit holds the queue. */
export interface DirectInference {
  run(req: RunRequest): Promise<RunResult>;
  sequence(model: ModelRef, spec: Omit<SequenceSpec, 'modelId'>): Promise<SequenceRun>;
}

export interface InferenceClientOptions {
  /** Where crashes, watchdog recycles and failed runs are written. */
  logger?: Logger;
  /** Deadlines (ms) by op, and a `default` for the rest, over DEFAULT_DEADLINES; tests set them short. */
  deadlines?: Deadlines;
}

const cancelled = (): AtelierError => new AtelierError({ code: 'cancelled', message: 'Cancelled.' });

export class InferenceClient {
  private readonly supervisor: WorkerSupervisor;
  private readonly scheduler = new Scheduler();
  private readonly runListeners = new Set<(r: RunResult) => void>();
  private disposed = false;

  constructor(spawn: SpawnWorker, options: InferenceClientOptions = {}) {
    this.supervisor = new WorkerSupervisor(spawn, options.logger ?? nullLogger, options.deadlines ?? {});
  }

  get status(): InferenceStatus {
    return this.supervisor.status;
  }

  get pid(): number | undefined {
    return this.supervisor.pid;
  }

  onStatus(listener: (s: InferenceStatus) => void): () => void {
    return this.supervisor.onStatus(listener);
  }

  /** Every finished run's result (timings, provider): for the bench and diagnostics. */
  onRun(listener: (r: RunResult) => void): () => void {
    this.runListeners.add(listener);
    return () => this.runListeners.delete(listener);
  }

  /** Starts the process now rather than on first use. */
  async start(): Promise<void> {
    await this.supervisor.process();
  }

  /**
   * One op sent as it is, in its turn in the queue, answered with that op's reply: no model is
   * loaded first and nothing is converted. For tools and tests; services use the methods below.
   */
  request<K extends OpName>(op: K, body: OpRequest<K>, opts: ScheduleOptions = {}): Promise<OpReply<K>> {
    return this.schedule(opts, async () =>
      (await this.supervisor.process()).request(op, body, opts.deadlineMs),
    );
  }

  run(req: RunRequest, opts: ScheduleOptions = {}): Promise<RunResult> {
    return this.schedule(opts, () => this.runNow(req, opts));
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
    );
  }

  private async runNow(req: RunRequest, opts: ScheduleOptions): Promise<RunResult> {
    const proc = await this.supervisor.process();
    const provider = await this.ensureLoaded(proc, req.model);
    if (opts.signal?.aborted) throw cancelled();
    const onAbort = (): void => this.supervisor.recycle(proc);
    if (opts.killOnAbort) opts.signal?.addEventListener('abort', onAbort, { once: true });
    const reply = await proc
      .request(
        'run',
        {
          modelId: req.model.id,
          feeds: req.feeds,
          outputs: req.outputs ?? [],
          ...(req.encode ? { encode: req.encode } : {}),
        },
        opts.deadlineMs,
      )
      .finally(() => opts.signal?.removeEventListener('abort', onAbort));
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
      const proc = await this.supervisor.process();
      // A copy of exactly these bytes (a Buffer may be a view into a larger shared pool).
      const copy = Uint8Array.from(bytes).buffer;
      try {
        return (await proc.request('prepare', { bytes: copy, spec }, opts.deadlineMs)).tensor;
      } catch (e) {
        if (e instanceof WorkerReplyError && e.workerCode === 'bad-image')
          throw new AtelierError({ code: 'invalid-input', message: e.detail, field: 'image' });
        throw e;
      }
    });
  }

  /** A MIDI file's tracks and notes, read in the inference process (off main's loop). */
  readMidi(
    bytes: Uint8Array,
    fileName: string,
    opts: ScheduleOptions = {},
  ): Promise<ImportedMidi & FileSignatures> {
    return this.schedule({ priority: 'interactive', ...opts }, async () => {
      const proc = await this.supervisor.process();
      const copy = Uint8Array.from(bytes).buffer;
      try {
        return (await proc.request('read-midi', { bytes: copy, fileName }, opts.deadlineMs)).midi;
      } catch (e) {
        if (e instanceof WorkerReplyError && e.workerCode === 'bad-file')
          throw new AtelierError({ code: 'invalid-input', message: e.detail, field: 'bytes' });
        throw e;
      }
    });
  }

  /** Frames enlarged and encoded as a GIF or PNG strip in the inference process (off main's loop). */
  encodeFrames(
    frames: PixelImage[],
    spec: EncodeFramesSpec,
    opts: ScheduleOptions = {},
  ): Promise<Uint8Array<ArrayBuffer>> {
    return this.schedule(opts, async () => {
      const proc = await this.supervisor.process();
      const wire = frames.map((f) => ({ ...f, pixels: Uint8Array.from(f.pixels).buffer }));
      const reply = await proc.request('encode-frames', { frames: wire, spec }, opts.deadlineMs);
      return new Uint8Array(reply.bytes);
    });
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
    return this.schedule(opts, () => this.sequenceNow(model, spec, opts));
  }

  private async sequenceNow(
    model: ModelRef,
    spec: Omit<SequenceSpec, 'modelId'>,
    opts: ScheduleOptions,
  ): Promise<SequenceRun> {
    const proc = await this.supervisor.process();
    const provider = await this.ensureLoaded(proc, model);
    if (opts.signal?.aborted) throw cancelled();
    const reply = await proc.request('sequence', { spec: { ...spec, modelId: model.id } }, opts.deadlineMs);
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
      const proc = await this.supervisor.process();
      const provider = await this.ensureLoaded(proc, model);
      // Stopped while the graph loaded: the caller was answered and sent its decode-end already,
      // so a generation started now would keep its cache in the inference process for good.
      if (opts.signal?.aborted) throw cancelled();
      const reply = await proc.request(
        'decode-start',
        { spec: { ...spec, modelId: model.id } },
        opts.deadlineMs,
      );
      return { ...reply.step, provider };
    });
  }

  /** The next `count` tokens of a running generation. */
  decodeStep(genId: string, count = 1, opts: ScheduleOptions = {}): Promise<DecodeStep> {
    return this.schedule(opts, async () => {
      const proc = await this.supervisor.process();
      return (await proc.request('decode-step', { genId, count }, opts.deadlineMs)).step;
    });
  }

  /** Frees a generation's cache (harmless if it already ended). Jumps the queue: it only frees memory. */
  async decodeEnd(genId: string): Promise<void> {
    const proc = this.supervisor.running;
    if (!proc || this.disposed) return;
    // A process that died or was replaced took the cache with it: nothing left to free.
    await proc.request('decode-end', { genId }).catch((e: unknown) => {
      if (e instanceof WorkerReplyError) throw e;
    });
  }

  /** Opens an .onnx file in the inference process and describes its inputs and outputs. */
  inspect(path: string, opts: ScheduleOptions = {}): Promise<{ inputs: GraphPort[]; outputs: GraphPort[] }> {
    return this.schedule(opts, async () => {
      const proc = await this.supervisor.process();
      try {
        return await proc.request('inspect', { path }, opts.deadlineMs);
      } catch (e) {
        // The file is what failed to open: the user picked it, so it is their input at fault.
        if (e instanceof WorkerReplyError)
          throw new AtelierError({ code: 'invalid-input', message: e.detail, field: 'path' });
        throw e;
      }
    });
  }

  /** Forgets a loaded model (after an imported model is removed). */
  async unload(modelId: string): Promise<void> {
    const proc = this.supervisor.running;
    if (!proc || this.disposed) return;
    proc.loaded.delete(modelId);
    await proc.request('unload', { modelId }).catch(() => undefined);
  }

  /** Round-trips a buffer through the inference process (for the IPC overhead bench). */
  echo(data: ArrayBuffer): Promise<ArrayBuffer> {
    return this.schedule({ priority: 'interactive' }, async () => {
      const proc = await this.supervisor.process();
      return (await proc.request('echo', { data })).data;
    });
  }

  /** Kills the inference process (tests use SIGKILL to prove supervision). */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    this.supervisor.kill(signal);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.scheduler.rejectAll(new AtelierError({ code: 'cancelled', message: 'Atelier is shutting down.' }));
    await this.supervisor.dispose();
  }

  /** Queue length, for tests and the bench. */
  get queued(): number {
    return this.scheduler.length;
  }

  private schedule<T>(opts: ScheduleOptions, execute: () => Promise<T>): Promise<T> {
    if (this.disposed)
      return Promise.reject(
        new AtelierError({ code: 'internal', message: 'The inference client is closed.' }),
      );
    return this.scheduler.schedule(opts, execute);
  }

  private async ensureLoaded(proc: WorkerProcess, model: ModelRef): Promise<string> {
    const have = proc.loaded.get(model.id);
    if (have) return have;
    const reply = await proc.request('load', {
      modelId: model.id,
      path: model.path,
      providers: proc.providersAvailable,
    });
    proc.loaded.set(model.id, reply.provider);
    this.supervisor.setStatus({ provider: reply.provider as InferenceStatus['provider'] });
    return reply.provider;
  }
}
