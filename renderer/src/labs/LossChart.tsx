/**
 * The losses over training: each of the lab's series (def.series) as a line on a canvas, linear
 * or log scale, redrawn only when the worker sends new chart points (a few times a second).
 */
import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import {
  chartRange,
  chartSeries,
  hasNonPositive,
  logTicks,
  niceTicks,
  seriesLines,
  tickLabel,
  type Box,
} from './chart';
import type { LabDef } from './lab-def';
import type { Live } from './live';
import { useStoreValue, type Store } from './store';

export const SERIES_COLORS = ['#8aa4ff', '#f2c14e', '#5fd38d', '#ff7a7a', '#c792ea', '#6fd6e8'];
const HEIGHT = 150;

const selectCharts = (l: Live): Live['charts'] => l.charts;

interface Props {
  store: Store<Live>;
  def: LabDef;
  log: boolean;
  onLog: (log: boolean) => void;
}

export function LossChart({ store, def, log, onLog }: Props): ReactElement {
  const charts = useStoreValue(store, selectCharts);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(320);
  const wrap = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = wrap.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(Math.max(160, Math.floor(el.clientWidth))));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // The lab's series in its order, then any other the engine records (named by its key).
  const series = useMemo(() => chartSeries(def.series, Object.keys(charts.series)), [def, charts]);
  const keys = series.map((s) => s.key);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(width * dpr);
    c.height = Math.round(HEIGHT * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, HEIGHT);
    const box: Box = { left: 44, top: 8, width: width - 62, height: HEIGHT - 28 };
    const range = chartRange(charts, keys, log);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#7c7c89';
    if (!range) {
      ctx.fillText('The losses appear here as the model trains.', box.left, box.top + box.height / 2);
      return;
    }
    // Grid and tick labels.
    ctx.strokeStyle = '#2f2f38';
    ctx.lineWidth = 1;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    const ys = log ? logTicks(range.yMin, range.yMax) : niceTicks(range.yMin, range.yMax, 4);
    for (const t of ys) {
      const y = box.top + box.height - ((t - range.yMin) / (range.yMax - range.yMin)) * box.height;
      if (y < box.top - 1 || y > box.top + box.height + 1) continue;
      ctx.beginPath();
      ctx.moveTo(box.left, Math.round(y) + 0.5);
      ctx.lineTo(box.left + box.width, Math.round(y) + 0.5);
      ctx.stroke();
      ctx.fillText(log && Number.isInteger(t) ? tickLabel(10 ** t) : tickLabel(t), box.left - 6, y);
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of niceTicks(range.xMin, range.xMax, 4)) {
      const x = box.left + ((t - range.xMin) / (range.xMax - range.xMin)) * box.width;
      if (x < box.left - 1 || x > box.left + box.width + 1) continue;
      ctx.fillText(tickLabel(t), x, box.top + box.height + 6);
    }
    series.forEach((s, i) => {
      ctx.strokeStyle = SERIES_COLORS[i % SERIES_COLORS.length]!;
      ctx.lineWidth = 1.5;
      for (const line of seriesLines(charts, s.key, range, box, log)) {
        ctx.beginPath();
        for (let j = 0; j + 1 < line.length; j += 2) {
          if (j === 0) ctx.moveTo(line[j]!, line[j + 1]!);
          else ctx.lineTo(line[j]!, line[j + 1]!);
        }
        if (line.length === 2) ctx.arc(line[0]!, line[1]!, 1.5, 0, 2 * Math.PI);
        ctx.stroke();
      }
    });
  }, [charts, series, keys, log, width]);

  const logHides = log && hasNonPositive(charts, keys);
  return (
    <div className="labs-chart" ref={wrap}>
      <div className="labs-chart-head">
        <span className="labs-legend">
          {(series.length > 0 ? series : def.series).map((s, i) => (
            <span key={s.key} className="labs-legend-item">
              <span className="labs-swatch" style={{ background: SERIES_COLORS[i % SERIES_COLORS.length] }} />
              {s.label}
            </span>
          ))}
        </span>
        <label className="check" title="Show the losses on a log scale">
          <input
            type="checkbox"
            data-testid="lab-log"
            checked={log}
            onChange={(e) => onLog(e.target.checked)}
          />
          Log scale
        </label>
      </div>
      <canvas
        ref={canvas}
        data-testid="lab-chart"
        data-points={charts.iterations.length}
        style={{ width, height: HEIGHT }}
        role="img"
        aria-label={`Losses over ${charts.iterations.at(-1) ?? 0} iterations`}
      />
      {logHides ? <div className="field-hint">The log scale leaves out losses at or below zero.</div> : null}
    </div>
  );
}
