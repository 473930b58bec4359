/**
 * The flow lab's picture: the exact log-density as a heatmap, the data, a grid of lines from the
 * base N(0, I) carried back through the layers toward the data (a slider, and ▶ to sweep it), the
 * samples at the same layer, and under the pointer the exact log p(x), z = f(x), log|det J| and
 * whether the point is typical or an outlier. Plain canvas 2-D, redrawn once per snapshot (and per
 * frame while sweeping: the page interpolates the layers itself, without asking the worker).
 */
import { useEffect, useMemo, useRef, useState, type PointerEvent, type ReactElement } from 'react';
import type { FlowRequest, FlowView as FlowSnapshot } from '../../../../preload/labs/flow-view';
import { toPlane } from '../brush';
import { viewHash } from '../hash';
import type { LabViewProps } from '../lab-def';
import { hiDpiContext } from '../picture/canvas';
import { Toggle } from '../picture/Toggle';
import '../picture/picture.css';
import { drawFlow, makeLayers, updateDataLayer, type Layers } from './draw';
import { layerLabel, probeReadout, sweepLayer } from './picture';
import './flow.css';

const TOGGLES = [
  { key: 'heatmap', label: 'log p(x)', title: 'The exact log-density over the plane (bright = likely)' },
  {
    key: 'grid',
    label: 'Grid',
    title: 'Lines of a regular grid in the base, carried back through the layers',
  },
  { key: 'samples', label: 'Samples', title: 'Draws from the base pushed through the inverse flow' },
] as const;
type Toggle = (typeof TOGGLES)[number]['key'];

export function FlowView({
  view,
  data,
  request,
  setRequest,
  size,
}: LabViewProps<FlowSnapshot, FlowRequest>): ReactElement {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layersRef = useRef<Layers | null>(null);
  const [show, setShow] = useState<Record<Toggle, boolean>>({ heatmap: true, grid: true, samples: true });
  /** The layer the sweep shows while it runs (null = the request's). */
  const [sweep, setSweep] = useState<number | null>(null);
  const total = view?.layers ?? 8;
  const layer = sweep ?? Math.min(total, request.layer ?? total);
  const probe = request.probe ?? null;
  const requestRef = useRef(request);
  requestRef.current = request;
  const hash = useMemo(() => (view ? viewHash([view.logDensity, view.samples, view.layers]) : ''), [view]);

  useEffect(() => {
    const fit = hiDpiContext(canvasRef.current, size);
    if (!fit) return;
    const { ctx, dpr } = fit;
    layersRef.current ??= makeLayers();
    updateDataLayer(layersRef.current, data.points, size, dpr);
    drawFlow(ctx, layersRef.current, view, size, { ...show, layer, probe });
  }, [view, data, size, show, layer, probe]);

  // ▶: sweep from the base to the data on animation frames, then leave the slider at the end.
  const sweeping = sweep !== null;
  useEffect(() => {
    if (!sweeping) return;
    const start = performance.now();
    let frame = requestAnimationFrame(function step(now) {
      const at = sweepLayer(now - start, total);
      setSweep(at);
      if (at < total) frame = requestAnimationFrame(step);
      else {
        setSweep(null);
        setRequest({ ...requestRef.current, layer: total });
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [sweeping, total, setRequest]);

  const onMove = (e: PointerEvent<HTMLCanvasElement>): void => {
    const r = e.currentTarget.getBoundingClientRect();
    setRequest({ ...request, probe: toPlane(e.clientX - r.left, e.clientY - r.top, size) });
  };
  const readout = probeReadout(view?.probe);

  return (
    <div className="lab-view" style={{ width: size }}>
      <canvas
        ref={canvasRef}
        className="lab-canvas is-crosshair"
        data-testid="lab-picture"
        data-hash={hash}
        data-layer={layer}
        style={{ width: size, height: size }}
        onPointerMove={onMove}
        onPointerLeave={() => setRequest({ ...request, probe: null })}
        aria-label="The flow's log-density, its grid carried from the base to the data, samples and data"
      />
      <div className="lab-controls" role="group" aria-label="Layers">
        <button
          type="button"
          className="button"
          data-testid="flow-animate"
          disabled={sweeping || !view}
          onClick={() => setSweep(0)}
          title="Sweep from the base N(0, I) through every layer to the data"
        >
          ▶
        </button>
        <label className="flow-slider">
          <input
            type="range"
            data-testid="flow-layer"
            min={0}
            max={total}
            step={0.05}
            value={layer}
            disabled={sweeping}
            onChange={(e) => setRequest({ ...request, layer: Number(e.target.value) })}
          />
          <span data-testid="flow-layer-label">{layerLabel(layer, total)}</span>
        </label>
        {TOGGLES.map((t) => (
          <Toggle
            key={t.key}
            testId={`flow-toggle-${t.key}`}
            title={t.title}
            checked={show[t.key]}
            onChange={() => setShow({ ...show, [t.key]: !show[t.key] })}
          >
            {t.label}
          </Toggle>
        ))}
      </div>
      <dl
        className="flow-probe"
        data-testid="flow-probe"
        data-state={readout.state}
        data-log-density={view?.probe ? view.probe.logDensity : ''}
      >
        {readout.rows.map(([k, v]) => (
          <div key={k} className={k === 'verdict' ? `is-${readout.state}` : undefined}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
