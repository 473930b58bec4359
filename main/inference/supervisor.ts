/**
 * Keeps one inference process available: spawns it on demand, respawns it after a crash (until
 * crashes come too fast), replaces it at once when it is killed on purpose (a cancellation or the
 * watchdog), and reports its status.
 */
import { AtelierError } from '../../preload/contract';
import type { Logger } from '../log/logger';
import type { SpawnWorker } from './protocol';
import { WorkerProcess, type Deadlines, type RetireReason } from './worker-process';

export interface InferenceStatus {
  state: 'starting' | 'ready' | 'restarting' | 'failed';
  provider: 'cpu' | 'cuda' | 'dml' | 'coreml' | 'webgpu';
  providersTried: string[];
  restarts: number;
}

const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES_IN_WINDOW = 5;

export class WorkerSupervisor {
  private current: WorkerProcess | null = null;
  private crashes: number[] = [];
  private disposed = false;
  private readonly listeners = new Set<(s: InferenceStatus) => void>();
  private _status: InferenceStatus = { state: 'starting', provider: 'cpu', providersTried: [], restarts: 0 };

  constructor(
    private readonly spawn: SpawnWorker,
    private readonly logger: Logger,
    private readonly deadlines: Deadlines,
  ) {}

  get status(): InferenceStatus {
    return { ...this._status };
  }

  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** The current process if it is up: for requests that only concern a live one (freeing memory). */
  get running(): WorkerProcess | null {
    return this.current?.isReady ? this.current : null;
  }

  onStatus(listener: (s: InferenceStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setStatus(patch: Partial<InferenceStatus>): void {
    this._status = { ...this._status, ...patch };
    for (const l of this.listeners) l(this.status);
  }

  /** A process ready for requests: the current one, or a fresh one. */
  async process(): Promise<WorkerProcess> {
    if (this.disposed)
      throw new AtelierError({ code: 'internal', message: 'The inference client is closed.' });
    const proc = this.current ?? this.spawnProcess();
    await proc.ready;
    return proc;
  }

  /** Kills a process whose work nobody wants any more (onnxruntime cannot stop a run midway). */
  recycle(proc: WorkerProcess): void {
    proc.retire(new AtelierError({ code: 'cancelled', message: 'Cancelled.' }), 'cancel');
  }

  /** Kills the current process as a crash would (tests use SIGKILL to prove supervision). */
  kill(signal: NodeJS.Signals): void {
    this.current?.transport.kill(signal);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const proc = this.current;
    this.current = null;
    await proc?.close(new AtelierError({ code: 'cancelled', message: 'Atelier is shutting down.' }));
  }

  private spawnProcess(): WorkerProcess {
    const proc = new WorkerProcess(this.spawn(), this.deadlines, this.logger, {
      crashed: (p) => this.crashed(p),
      retired: (p, why) => this.retired(p, why),
    });
    this.current = proc;
    proc.ready.then(
      () => {
        if (this.current === proc)
          this.setStatus({ state: 'ready', providersTried: proc.providersAvailable });
      },
      () => undefined,
    );
    return proc;
  }

  /** Starts the next process now, so the next request does not wait for it. */
  private respawn(): void {
    try {
      this.spawnProcess();
    } catch (e) {
      // The next request tries again and reports the failure to its caller.
      this.logger.error('could not start the inference process', e);
    }
  }

  private crashed(proc: WorkerProcess): void {
    if (this.current !== proc) return;
    this.current = null;
    if (this.disposed) return;
    const now = Date.now();
    this.crashes = [...this.crashes.filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (this.crashes.length > MAX_CRASHES_IN_WINDOW) {
      // A crash loop: stop respawning eagerly; the next request tries once more.
      this.logger.error(
        'inference process keeps crashing; not restarting it until the next request',
        undefined,
        {
          crashes: this.crashes.length,
          windowMs: CRASH_WINDOW_MS,
        },
      );
      this.setStatus({ state: 'failed' });
      return;
    }
    this.setStatus({ state: 'restarting', restarts: this._status.restarts + 1 });
    this.respawn();
  }

  /** Killed on purpose: not a crash, so it neither counts towards the crash loop nor shows as a restart. */
  private retired(proc: WorkerProcess, why: RetireReason): void {
    if (this.current !== proc) return;
    this.current = null;
    if (this.disposed) return;
    if (why === 'start') {
      // It never came up: starting another at once would likely hang the same way.
      this.setStatus({ state: 'failed' });
      return;
    }
    this.respawn();
  }
}
