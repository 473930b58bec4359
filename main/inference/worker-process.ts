/**
 * One inference process as the client sees it: its requests in flight, matched to their answers
 * by seq, and a watchdog on the one it is working on. A process that stops answering is retired
 * (killed) so its requests fail clearly instead of waiting forever.
 */
import { basename } from 'node:path';
import { AtelierError } from '../../preload/contract';
import type { Logger } from '../log/logger';
import type {
  FromWorker,
  OpName,
  OpReply,
  OpRequest,
  ToWorker,
  WorkerErrorCode,
  WorkerTransport,
} from './protocol';

/**
 * Milliseconds each op may take once the process starts on it, and `start`, until a new process
 * says it is ready. An op not named gets `default`; where neither is given, DEFAULT_DEADLINES.
 */
export type Deadlines = Partial<Record<OpName | 'default' | 'start', number>>;

/**
 * Each bound fits the slowest legitimate request of its kind on a 2-core CPU with a wide margin:
 * a false alarm kills work the user is waiting for, while a missed one only delays recovery.
 */
export const DEFAULT_DEADLINES = {
  default: 120_000,
  /** Spawning and importing onnxruntime takes seconds; a minute means it is not coming. */
  start: 60_000,
  /** Optimizing a Stable Diffusion UNet graph on CPU can take a minute or more, per provider tried. */
  load: 300_000,
  /** One Stable Diffusion UNet step or VAE decode for a batch at 1024 px runs for minutes on CPU. */
  run: 300_000,
  echo: 30_000,
  unload: 30_000,
  'decode-end': 30_000,
} as const satisfies Deadlines;

/** An error the inference process answered with (not a crash, not a timeout), keeping its code. */
export class WorkerReplyError extends AtelierError {
  constructor(
    readonly workerCode: WorkerErrorCode,
    readonly detail: string,
  ) {
    super({
      code: workerCode === 'load-failed' ? 'model-unavailable' : 'inference-failed',
      message: `Inference failed: ${detail}`,
    });
  }
}

/** How a request is named in messages for people and in the log. */
export function describeRequest<K extends OpName>(op: K, body: OpRequest<K>): string {
  const b = body as Partial<{ modelId: string; path: string; spec: { modelId?: string } }>;
  const model = b.modelId ?? b.spec?.modelId;
  if (op === 'load') return `loading model ${model}`;
  if (op === 'inspect') return `inspecting ${basename(String(b.path))}`;
  return model ? `${op} on model ${model}` : op;
}

export function seconds(ms: number): string {
  return `${ms >= 1000 ? Math.round(ms / 1000) : ms / 1000} s`;
}

interface Pending {
  op: OpName;
  what: string;
  deadlineMs: number;
  resolve: (body: object) => void;
  reject: (e: Error) => void;
}

export type RetireReason = 'timeout' | 'start' | 'cancel';

export interface ProcessEvents {
  /** The process exited without being asked to. */
  crashed(proc: WorkerProcess, info: { code: number | null; signal: string | null }): void;
  /** The process was killed on purpose (its exit is expected, not a crash). */
  retired(proc: WorkerProcess, reason: RetireReason): void;
}

export class WorkerProcess {
  /** Models loaded in this process (id → provider): a fresh process has none. */
  readonly loaded = new Map<string, string>();
  providersAvailable: string[] = ['cpu'];
  /** Settles when the process says it is ready, or rejects when it goes first. */
  readonly ready: Promise<void>;
  /** In the order sent, which is the order the process works through them (one at a time). */
  private readonly pending = new Map<number, Pending>();
  private seq = 1;
  private state: 'starting' | 'ready' | 'gone' = 'starting';
  private goneError: AtelierError | null = null;
  private watchdog: { seq: number; timer: NodeJS.Timeout } | null = null;
  private readonly startTimer: NodeJS.Timeout;
  private markReady!: () => void;
  private failReady!: (e: Error) => void;
  private readonly exit: Promise<void>;

  constructor(
    readonly transport: WorkerTransport,
    private readonly deadlines: Deadlines,
    private readonly logger: Logger,
    private readonly events: ProcessEvents,
  ) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.failReady = reject;
    });
    // Nobody may be waiting yet; whoever waits later still sees the rejection.
    this.ready.catch(() => undefined);
    const startMs = this.deadline('start');
    this.startTimer = setTimeout(() => {
      this.logger.error('inference process did not start; killing it', undefined, {
        pid: transport.pid,
        deadlineMs: startMs,
      });
      this.retire(
        new AtelierError({
          code: 'inference-failed',
          message: `The inference process did not start within ${seconds(startMs)}. Try again; if it keeps failing, restart Atelier.`,
        }),
        'start',
      );
    }, startMs);
    transport.onMessage((m) => this.receive(m));
    this.exit = new Promise((resolve) =>
      transport.onExit((info) => {
        resolve();
        this.exited(info);
      }),
    );
  }

  get pid(): number | undefined {
    return this.transport.pid;
  }

  get alive(): boolean {
    return this.state !== 'gone';
  }

  get isReady(): boolean {
    return this.state === 'ready';
  }

  /**
   * Sends one op and resolves with its typed reply. Rejects with a WorkerReplyError when the
   * process answers with an error, and with the reason when the process dies, is retired, or
   * outlives the op's deadline (counted from when the process starts on this request).
   */
  request<K extends OpName>(op: K, body: OpRequest<K>, deadlineMs?: number): Promise<OpReply<K>> {
    if (this.goneError) return Promise.reject(this.goneError);
    const seq = this.seq++;
    const what = describeRequest(op, body);
    return new Promise<OpReply<K>>((resolve, reject) => {
      const entry: Pending = {
        op,
        what,
        deadlineMs: deadlineMs ?? this.deadline(op),
        resolve: resolve as (body: object) => void,
        reject,
      };
      this.pending.set(seq, entry);
      try {
        this.transport.send({ ...body, type: op, seq } as ToWorker);
      } catch (e) {
        this.pending.delete(seq);
        reject(
          new AtelierError({
            code: 'internal',
            message: `Could not send ${what} to the inference process: ${(e as Error).message}`,
          }),
        );
        return;
      }
      if (!this.watchdog) this.arm();
    });
  }

  /** Kills the process on purpose: its requests fail with `reason`, and its exit is no crash. */
  retire(reason: AtelierError, why: RetireReason): void {
    if (!this.alive) return;
    this.gone(reason);
    try {
      this.transport.kill('SIGKILL');
    } catch (e) {
      this.logger.error('could not kill the inference process', e, { pid: this.pid });
    }
    this.events.retired(this, why);
  }

  /** Stops the process politely (SIGTERM) and waits a little for it to go. */
  async close(reason: AtelierError, graceMs = 2000): Promise<void> {
    if (!this.alive) return;
    this.gone(reason);
    this.transport.kill('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.exit, new Promise((r) => (timer = setTimeout(r, graceMs)))]);
    clearTimeout(timer);
  }

  /** The caller's bound for this op, else the caller's default, else ours. */
  private deadline(key: OpName | 'start'): number {
    const ours: Deadlines = DEFAULT_DEADLINES;
    if (key === 'start') return this.deadlines.start ?? DEFAULT_DEADLINES.start;
    return this.deadlines[key] ?? this.deadlines.default ?? ours[key] ?? DEFAULT_DEADLINES.default;
  }

  /** Starts the clock of the request the process is working on: the oldest unanswered one. */
  private arm(): void {
    if (this.watchdog) clearTimeout(this.watchdog.timer);
    this.watchdog = null;
    const head = this.pending.entries().next();
    if (head.done || !this.alive) return;
    const [seq, p] = head.value;
    this.watchdog = { seq, timer: setTimeout(() => this.timedOut(p), p.deadlineMs) };
  }

  private timedOut(p: Pending): void {
    this.logger.error('inference request outlived its deadline; recycling the process', undefined, {
      op: p.op,
      request: p.what,
      deadlineMs: p.deadlineMs,
      pid: this.pid,
    });
    this.retire(
      new AtelierError({
        code: 'inference-failed',
        message: `The inference process did not answer within ${seconds(p.deadlineMs)} (${p.what}); it was restarted.`,
      }),
      'timeout',
    );
  }

  private receive(m: FromWorker): void {
    if (!this.alive) return;
    if (m.type === 'ready') {
      clearTimeout(this.startTimer);
      this.state = 'ready';
      this.providersAvailable = m.providersAvailable;
      this.markReady();
      return;
    }
    const p = this.pending.get(m.seq);
    if (!p) {
      this.logger.warn('inference process answered a request nobody waits for', {
        seq: m.seq,
        type: m.type,
      });
      return;
    }
    this.pending.delete(m.seq);
    if (this.watchdog?.seq === m.seq) this.arm();
    if (m.type === 'error') {
      if (m.code === 'run-failed' || m.code === 'load-failed')
        this.logger.warn(`inference ${m.code}`, { request: p.what, message: m.message });
      p.reject(new WorkerReplyError(m.code, m.message));
    } else if (m.type !== p.op) {
      p.reject(
        new AtelierError({
          code: 'internal',
          message: `Unexpected reply from the inference process: ${m.type} to ${p.op}`,
        }),
      );
    } else {
      const { type: _type, seq: _seq, ...body } = m;
      p.resolve(body);
    }
  }

  private exited(info: { code: number | null; signal: string | null }): void {
    if (!this.alive) return;
    const how = info.signal ? `was killed (${info.signal})` : `exited with code ${info.code}`;
    const inFlight = this.pending.values().next().value?.what;
    this.logger.error(`inference process ${how}`, undefined, { ...info, pid: this.pid, inFlight });
    this.gone(
      new AtelierError({
        code: 'inference-crashed',
        message: `The inference process ${how} while working; this job was not saved. It has been restarted, so try again.`,
      }),
    );
    this.events.crashed(this, info);
  }

  private gone(reason: AtelierError): void {
    this.state = 'gone';
    this.goneError = reason;
    clearTimeout(this.startTimer);
    if (this.watchdog) clearTimeout(this.watchdog.timer);
    this.watchdog = null;
    const waiting = [...this.pending.values()];
    this.pending.clear();
    this.loaded.clear();
    this.failReady(reason);
    for (const p of waiting) p.reject(reason);
  }
}
