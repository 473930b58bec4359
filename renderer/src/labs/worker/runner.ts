/**
 * The Labs worker's logic, apart from the worker global so tests drive it in Node: one
 * LabSession per lab (the one on show trains), training in short time slices so messages get in
 * between, and snapshots posted with back-pressure (none until the page acknowledged the last).
 *
 * Between two snapshots the worker trains at most `speed` iterations; it posts as soon as the
 * page is ready and either that many are done or it has trained VIEW_SHARE times as long as
 * drawing the last view took (so views take at most 40 % of the worker's time). Metrics are
 * measured every ~300 ms while training (less often when they are slow), after a step and after
 * anything that changes the run.
 */
import { labFactories } from '../../../../preload/labs/registry';
import { LabSession } from '../../../../preload/labs/session';
import { LAB_IDS, type LabId } from '../../../../preload/labs/types';
import { SnapshotExtras } from './extras';
import {
  finiteOnly,
  type FromWorker,
  type LabInfo,
  type SessionInfo,
  type Snapshot,
  type ToWorker,
} from './protocol';

/** Milliseconds of training before the worker looks at its messages again. */
export const SLICE_MS = 8;
export const DEFAULT_SPEED = 10;
/** Training time per snapshot, in multiples of what the last view took to compute. */
export const VIEW_SHARE = 1.5;
/** The most iterations one step message runs. */
export const MAX_STEP = 10_000;

export interface RunnerHost {
  post(msg: FromWorker): void;
  now(): number;
  /** Runs `fn` soon, after the messages that arrived meanwhile. */
  defer(fn: () => void): void;
}

interface Slot {
  session: LabSession;
  request: unknown;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class LabRunner {
  private readonly slots = new Map<LabId, Slot>();
  private active: LabId | null = null;
  private playing = false;
  private speed = DEFAULT_SPEED;
  private seq = 0;
  private acked = true;
  /** A snapshot is owed (a step, a new request, a new run) whether or not training goes on. */
  private owed = false;
  private sinceSnapshot = 0;
  private trainMs = 0;
  private viewMs = 0;
  private scheduled = false;
  /** Messages run one after another (making an engine is async). */
  private queue: Promise<void> = Promise.resolve();
  private busy = false;

  private readonly extras: SnapshotExtras;

  constructor(private readonly host: RunnerHost) {
    this.extras = new SnapshotExtras(() => host.now());
  }

  /** The labs the worker can run, with their default settings (the page's form starts from them). */
  hello(): void {
    const labs = Object.fromEntries(
      LAB_IDS.map((id) => {
        const f = labFactories[id];
        return [id, { defaults: { ...(f.defaults as object) } as Record<string, unknown>, images: f.images }];
      }),
    ) as Record<LabId, LabInfo>;
    this.host.post({ type: 'ready', labs });
  }

  /** Takes one message; the returned promise settles when it has been handled (tests wait on it). */
  receive(msg: ToWorker): Promise<void> {
    // Back-pressure and transport are handled at once: they must not wait behind a rebuild.
    if (msg.type === 'ack') return Promise.resolve(this.onAck(msg.seq));
    if (msg.type === 'play' || msg.type === 'pause' || msg.type === 'speed') {
      this.transport(msg);
      return Promise.resolve();
    }
    this.queue = this.queue.then(() => this.handle(msg)).catch(() => undefined);
    return this.queue;
  }

  private get slot(): Slot | undefined {
    return this.active ? this.slots.get(this.active) : undefined;
  }

  private transport(msg: Extract<ToWorker, { type: 'play' | 'pause' | 'speed' }>): void {
    if (msg.type === 'speed') {
      this.speed = Math.max(1, Math.min(MAX_STEP, Math.round(msg.n)));
      return;
    }
    const play = msg.type === 'play';
    if (play === this.playing) return;
    this.playing = play;
    this.extras.refresh();
    this.owed = true;
    this.tryPost();
    if (play) this.schedule();
  }

  private async handle(msg: ToWorker): Promise<void> {
    try {
      switch (msg.type) {
        case 'init':
          await this.replace(
            msg.lab,
            'init',
            () => LabSession.create(msg.lab, msg.data, msg.seed, msg.settings),
            msg.request,
          );
          break;
        case 'load': {
          const session = await this.guard(() => LabSession.fromState(msg.state));
          const state = msg.state as { view?: { request?: unknown } };
          await this.replace(session.lab, 'load', async () => session, state.view?.request);
          break;
        }
        case 'show':
          if (!this.slots.has(msg.lab)) throw new Error(`The ${msg.lab} lab has not started yet.`);
          this.pauseFor(msg.lab);
          this.announce('show');
          break;
        case 'step':
          this.step(msg.n);
          break;
        case 'request': {
          const slot = this.slot;
          if (slot) {
            slot.request = msg.request;
            this.owed = true;
            this.tryPost();
          }
          break;
        }
        case 'settings':
        case 'data': {
          const slot = this.slot;
          if (!slot) throw new Error('No lab is running yet.');
          const change = msg.type === 'settings' ? { settings: msg.settings } : { data: msg.data };
          await this.replace(
            slot.session.lab,
            msg.type,
            () => slot.session.continueWith(change),
            slot.request,
          );
          break;
        }
        case 'save': {
          const slot = this.slot;
          if (!slot) throw new Error('No lab is running yet.');
          const state = slot.session.toState({
            ...(msg.title ? { title: msg.title } : {}),
            view: { request: slot.request },
          });
          this.host.post({ type: 'state', id: msg.id, state });
          break;
        }
        default:
          break;
      }
    } catch (e) {
      this.host.post({
        type: 'error',
        op: msg.type,
        message: message(e),
        ...(this.active ? { lab: this.active } : {}),
        ...(msg.type === 'save' ? { id: msg.id } : {}),
      });
    }
  }

  /** Runs `make` with training held, so no slice trains a session that is being replaced. */
  private async guard<T>(make: () => Promise<T>): Promise<T> {
    this.busy = true;
    try {
      return await make();
    } finally {
      this.busy = false;
    }
  }

  /** Puts a new session for `lab` in place (the old one is freed only once the new one exists). */
  private async replace(
    lab: LabId,
    reason: 'init' | 'load' | 'settings' | 'data',
    make: () => Promise<LabSession>,
    request: unknown,
  ): Promise<void> {
    const session = await this.guard(make);
    const old = this.slots.get(lab);
    this.slots.set(lab, { session, request });
    if (old && old.session !== session) old.session.dispose();
    // A new run or a new lab starts paused; new settings or drawn points keep it going.
    if (reason === 'init' || reason === 'load' || this.active !== lab) this.pauseFor(lab);
    this.announce(reason);
    if (this.playing) this.schedule();
  }

  private pauseFor(lab: LabId): void {
    this.playing = false;
    this.active = lab;
    this.sinceSnapshot = 0;
    this.trainMs = 0;
    this.extras.newRun();
  }

  private announce(reason: 'init' | 'load' | 'show' | 'settings' | 'data'): void {
    const slot = this.slot!;
    const s = slot.session;
    const session: SessionInfo = {
      lab: s.lab,
      seed: s.seed,
      settings: s.settings,
      iteration: s.iteration,
      data: s.data,
      request: slot.request,
      canOnnx: s.canOnnx,
    };
    this.host.post({ type: 'session', reason, session });
    this.owed = true;
    this.extras.refresh();
    // A new run's first picture goes out now: the page may still owe an ack for the old lab's.
    this.acked = true;
    this.tryPost();
  }

  private step(n: number): void {
    const slot = this.slot;
    if (!slot) throw new Error('No lab is running yet.');
    if (!this.train(slot, Math.min(n, MAX_STEP))) return;
    this.owed = true;
    this.extras.refresh();
    this.tryPost();
  }

  /** Trains `n` iterations; false (and training stopped, the page told why) when it failed. */
  private train(slot: Slot, n: number): boolean {
    try {
      slot.session.train(n);
      return true;
    } catch (e) {
      this.playing = false;
      this.host.post({
        type: 'error',
        op: 'train',
        message: `Training stopped: ${message(e)}`,
        lab: slot.session.lab,
      });
      this.owed = true;
      this.tryPost();
      return false;
    }
  }

  private onAck(seq: number): void {
    if (seq !== this.seq) return;
    this.acked = true;
    this.tryPost();
    if (this.playing) this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    this.host.defer(() => {
      this.scheduled = false;
      this.slice();
    });
  }

  /** One time slice of training, then a snapshot if the page is ready for one. */
  private slice(): void {
    const slot = this.slot;
    if (!this.playing || !slot || this.busy) return;
    const t0 = this.host.now();
    while (this.sinceSnapshot < this.speed && this.host.now() - t0 < SLICE_MS) {
      if (!this.train(slot, 1)) return;
      this.sinceSnapshot++;
    }
    this.trainMs += this.host.now() - t0;
    this.tryPost();
    // With `speed` iterations done and the last snapshot not yet drawn, wait for the ack.
    if (this.playing && this.sinceSnapshot < this.speed) this.schedule();
  }

  private tryPost(): void {
    const slot = this.slot;
    if (!slot || !this.acked || this.busy) return;
    const trained = this.sinceSnapshot > 0;
    const ready = this.sinceSnapshot >= this.speed || (trained && this.trainMs >= VIEW_SHARE * this.viewMs);
    if (!this.owed && !(this.playing && ready)) return;
    this.post(slot);
  }

  private post(slot: Slot): void {
    const now = this.host.now;
    const s = slot.session;
    const t0 = now();
    let view: unknown = null;
    try {
      // A run opened without a view request (a CLI file) is drawn with the engine's defaults.
      view = s.engine.view(slot.request ?? {});
    } catch (e) {
      this.host.post({
        type: 'error',
        op: 'request',
        message: `The picture failed: ${message(e)}`,
        lab: s.lab,
      });
    }
    this.viewMs = now() - t0;
    const snapshot: Snapshot = {
      seq: ++this.seq,
      lab: s.lab,
      iteration: s.iteration,
      losses: finiteOnly(s.lastLosses),
      view,
      playing: this.playing,
    };
    Object.assign(
      snapshot,
      this.extras.take(s, this.playing, (m) =>
        this.host.post({ type: 'error', op: 'train', message: m, lab: s.lab }),
      ),
    );
    this.acked = false;
    this.owed = false;
    this.sinceSnapshot = 0;
    this.trainMs = 0;
    this.host.post({ type: 'snapshot', snapshot });
  }
}
