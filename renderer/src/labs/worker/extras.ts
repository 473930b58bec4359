/**
 * What a snapshot carries besides the picture, and when: the metrics every ~300 ms while training
 * (less often when measuring is slow: at most a fifth of the worker's time), and the charts when they
 * changed (at most every 250 ms); both at once after anything that changed the run.
 */
import { copyCharts, type LabSession } from '../../../../preload/labs/session';
import { finiteOnly, type ChartData } from './protocol';

/** Metrics are measured at most this often while training. */
export const METRICS_EVERY_MS = 300;
/** Measuring waits at least this many times what the last measure took (so it takes at most a fifth of the time). */
export const METRICS_SHARE = 5;
/** Charts are sent at most this often while training. */
export const CHARTS_EVERY_MS = 250;

export class SnapshotExtras {
  private wantMetrics = false;
  private wantCharts = false;
  private metricsMs = 0;
  private lastMetricsAt = -Infinity;
  private lastChartsAt = -Infinity;
  private chartsSent = '';

  constructor(private readonly now: () => number) {}

  /** The next snapshot carries both (a step, a new run, play or pause). */
  refresh(): void {
    this.wantMetrics = true;
    this.wantCharts = true;
  }

  /** Another run is on show: its charts go out even if they look like the last ones sent. */
  newRun(): void {
    this.chartsSent = '';
    this.refresh();
  }

  /** The metrics and charts due now (measuring errors go to `fail`). */
  take(
    s: LabSession,
    playing: boolean,
    fail: (message: string) => void,
  ): { metrics?: Record<string, number>; charts?: ChartData } {
    const out: { metrics?: Record<string, number>; charts?: ChartData } = {};
    const t = this.now();
    if (
      this.wantMetrics ||
      (playing && t - this.lastMetricsAt >= Math.max(METRICS_EVERY_MS, METRICS_SHARE * this.metricsMs))
    ) {
      try {
        out.metrics = finiteOnly(s.engine.metrics());
      } catch (e) {
        fail(`Measuring failed: ${e instanceof Error ? e.message : String(e)}`);
      }
      this.lastMetricsAt = this.now();
      this.metricsMs = this.lastMetricsAt - t;
      this.wantMetrics = false;
    }
    const key = `${s.charts.iterations.length}:${s.charts.iterations.at(-1) ?? -1}`;
    if (key !== this.chartsSent && (this.wantCharts || t - this.lastChartsAt >= CHARTS_EVERY_MS)) {
      out.charts = copyCharts(s.charts);
      this.chartsSent = key;
      this.lastChartsAt = t;
      this.wantCharts = false;
    }
    return out;
  }
}
