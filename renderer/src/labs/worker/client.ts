/**
 * The page's side of the Labs worker: starts it, sends the learner's actions, and hands each
 * snapshot to the page from requestAnimationFrame — only the newest one, once a frame — then
 * acknowledges it so the worker may post the next (back-pressure). Saves are answered by id.
 */
import type { LabState } from '../../../../preload/labs/state';
import type { LabId } from '../../../../preload/labs/types';
import {
  fromWorker,
  type LabInfo,
  type SessionInfo,
  type Snapshot,
  type ToWorker,
  type WorkerOp,
} from './protocol';

export interface LabClientEvents {
  ready: (labs: Record<LabId, LabInfo>) => void;
  session: (reason: 'init' | 'load' | 'show' | 'settings' | 'data', session: SessionInfo) => void;
  /** Called from requestAnimationFrame with the newest snapshot. */
  snapshot: (snapshot: Snapshot) => void;
  error: (op: WorkerOp, message: string) => void;
  /** The worker could not start or died (the studio says so; nothing trains). */
  crashed: (message: string) => void;
}

export class LabClient {
  private readonly worker: Worker;
  private pending: Snapshot | null = null;
  private frame = 0;
  private nextId = 1;
  private readonly saves = new Map<number, { resolve: (s: LabState) => void; reject: (e: Error) => void }>();
  private disposed = false;

  constructor(private readonly on: LabClientEvents) {
    this.worker = new Worker(new URL('./labs.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent) => this.receive(e.data);
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.on.crashed(e.message || 'The Labs worker stopped.');
      for (const s of this.saves.values()) s.reject(new Error('The Labs worker stopped.'));
      this.saves.clear();
    };
  }

  send(msg: ToWorker): void {
    if (!this.disposed) this.worker.postMessage(msg);
  }

  /** The run on show as a state file. */
  save(title?: string): Promise<LabState> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.saves.set(id, { resolve, reject });
      this.send({ type: 'save', id, ...(title ? { title } : {}) });
    });
  }

  dispose(): void {
    this.disposed = true;
    cancelAnimationFrame(this.frame);
    this.worker.terminate();
    for (const s of this.saves.values()) s.reject(new Error('The Labs studio closed.'));
    this.saves.clear();
  }

  private receive(data: unknown): void {
    const msg = fromWorker(data);
    if (!msg) {
      console.warn('labs: a worker message the page does not know was dropped', data);
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.on.ready(msg.labs);
        break;
      case 'session':
        this.on.session(msg.reason, msg.session);
        break;
      case 'snapshot': {
        // A newer snapshot replaces one not drawn yet; what only the older carried is kept.
        const old = this.pending;
        const s = msg.snapshot;
        if (old) {
          s.charts ??= old.charts;
          s.metrics ??= old.metrics;
        }
        this.pending = s;
        if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
        break;
      }
      case 'state': {
        const waiting = this.saves.get(msg.id);
        this.saves.delete(msg.id);
        waiting?.resolve(msg.state);
        break;
      }
      case 'error': {
        const waiting = msg.id !== undefined ? this.saves.get(msg.id) : undefined;
        if (waiting && msg.id !== undefined) {
          this.saves.delete(msg.id);
          waiting.reject(new Error(msg.message));
        } else {
          this.on.error(msg.op, msg.message);
        }
        break;
      }
    }
  }

  private draw(): void {
    this.frame = 0;
    const s = this.pending;
    this.pending = null;
    if (!s || this.disposed) return;
    this.on.snapshot(s);
    this.send({ type: 'ack', seq: s.seq });
  }
}
