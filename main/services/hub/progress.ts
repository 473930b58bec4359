/**
 * A download's pace and how often it is announced: `RateMeter` is the bytes per second over the
 * last few seconds (so a stall shows at once, not averaged away since the start); `Throttle` lets
 * progress through about four times a second while state changes always go out.
 */

export class RateMeter {
  private samples: { t: number; bytes: number }[] = [];

  constructor(
    private readonly windowMs = 3000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `bytes` just received. */
  add(bytes: number): void {
    const t = this.now();
    this.samples.push({ t, bytes });
    while (this.samples.length > 1 && this.samples[0]!.t < t - this.windowMs) this.samples.shift();
  }

  /** Bytes per second over the window (0 until a little time has passed). */
  rate(): number {
    const t = this.now();
    const recent = this.samples.filter((s) => s.t >= t - this.windowMs);
    if (!recent.length) return 0;
    const span = Math.max(250, t - recent[0]!.t);
    return Math.round((recent.reduce((s, x) => s + x.bytes, 0) * 1000) / span);
  }

  reset(): void {
    this.samples = [];
  }
}

export class Throttle {
  private last = -Infinity;

  constructor(
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether progress may go out now (and if so, the clock restarts). `force` for state changes. */
  ready(force = false): boolean {
    const t = this.now();
    if (!force && t - this.last < this.intervalMs) return false;
    this.last = t;
    return true;
  }
}
