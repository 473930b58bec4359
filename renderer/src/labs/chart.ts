/**
 * The loss chart's arithmetic: the value range of the series on show (linear or log), nice tick
 * values, and each series as polylines in pixels (broken where a value is missing or, on the log
 * scale, not positive). Drawing is LossChart.tsx's.
 */
import type { ChartData } from './worker/protocol';

export interface Range {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

const usable = (v: number | null | undefined, log: boolean): v is number =>
  typeof v === 'number' && Number.isFinite(v) && (!log || v > 0);

/** The range of the series `keys` (y in log10 on the log scale), or null with nothing to draw. */
export function chartRange(charts: ChartData, keys: readonly string[], log: boolean): Range | null {
  const its = charts.iterations;
  if (its.length === 0) return null;
  let yMin = Infinity;
  let yMax = -Infinity;
  for (const k of keys) {
    for (const v of charts.series[k] ?? []) {
      if (!usable(v, log)) continue;
      const y = log ? Math.log10(v) : v;
      yMin = Math.min(yMin, y);
      yMax = Math.max(yMax, y);
    }
  }
  if (!Number.isFinite(yMin)) return null;
  if (yMax - yMin < 1e-9) {
    const pad = Math.max(Math.abs(yMax) * 0.1, log ? 0.1 : 1e-3);
    yMin -= pad;
    yMax += pad;
  } else {
    const pad = (yMax - yMin) * 0.06;
    yMin -= pad;
    yMax += pad;
  }
  const xMin = its[0]!;
  const xMax = Math.max(its.at(-1)!, xMin + 1);
  return { xMin, xMax, yMin, yMax };
}

/** Whether some value of the series cannot be drawn on the log scale (zero or negative). */
export function hasNonPositive(charts: ChartData, keys: readonly string[]): boolean {
  return keys.some((k) =>
    (charts.series[k] ?? []).some((v) => typeof v === 'number' && Number.isFinite(v) && v <= 0),
  );
}

/** Each series as polylines of [x, y] pixel pairs (a new polyline after every gap). */
export function seriesLines(
  charts: ChartData,
  key: string,
  range: Range,
  box: Box,
  log: boolean,
): number[][] {
  const values = charts.series[key] ?? [];
  const sx = box.width / (range.xMax - range.xMin);
  const sy = box.height / (range.yMax - range.yMin);
  const lines: number[][] = [];
  let current: number[] | null = null;
  charts.iterations.forEach((it, i) => {
    const v = values[i];
    if (!usable(v, log)) {
      current = null;
      return;
    }
    const y = log ? Math.log10(v) : v;
    if (!current) {
      current = [];
      lines.push(current);
    }
    current.push(box.left + (it - range.xMin) * sx, box.top + box.height - (y - range.yMin) * sy);
  });
  return lines;
}

/** About `count` round tick values between min and max (1, 2, 5 × 10ⁿ steps). */
export function niceTicks(min: number, max: number, count = 4): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

/** Ticks for the log scale: the powers of ten in range (log10 units), or nice linear ticks when under one decade. */
export function logTicks(min: number, max: number): number[] {
  const out: number[] = [];
  for (let p = Math.ceil(min); p <= Math.floor(max); p++) out.push(p);
  return out.length >= 2 ? out : niceTicks(min, max, 3);
}

/** A tick's label: compact ("1.2k", "0.05", "1e-4"). */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a === 0) return '0';
  if (a >= 10000) return `${Number((v / 1000).toPrecision(3))}k`;
  if (a < 0.001) return v.toExponential(0);
  return String(Number(v.toPrecision(3)));
}

/** The series to draw: the lab's named ones that have values, in its order, then any others by key. */
export function chartSeries(
  named: readonly { key: string; label: string }[],
  present: readonly string[],
): { key: string; label: string }[] {
  const have = new Set(present);
  const out = named.filter((s) => have.has(s.key));
  for (const k of present) if (!named.some((s) => s.key === k)) out.push({ key: k, label: k });
  return out;
}
