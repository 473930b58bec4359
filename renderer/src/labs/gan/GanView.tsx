/**
 * The GAN lab's picture: on the plane, the discriminator's belief as a heatmap, the real data
 * (grey), the generated points (orange), the generator's manifold and its gradient arrows, each
 * layer switched by a toggle that changes what the worker is asked for; for glyph images, an
 * 8×8 grid of generated glyphs. Plain canvas 2D, redrawn once per snapshot.
 */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import type { GanRequest, GanView as GanSnapshot } from '../../../../preload/labs/gan-view';
import type { LabViewProps } from '../lab-def';
import { hiDpiContext } from '../picture/canvas';
import { Toggle } from '../picture/Toggle';
import { viewHash } from '../hash';
import { drawGlyphs, drawPlane, makeLayers, updateRealLayer, type Layers } from './draw';
import { legendText, requestFlags, toggled, type GanToggle } from './request';
import './gan.css';

const TOGGLES: { key: GanToggle; label: string; title: string }[] = [
  {
    key: 'heatmap',
    label: 'D belief',
    title: "The discriminator's answer over the plane: green = “real”, violet = “generated”",
  },
  {
    key: 'manifold',
    label: 'Manifold',
    title: 'Where the generator sends a grid of noise: its map of the latent plane',
  },
  {
    key: 'gradients',
    label: 'Gradients',
    title: 'Which way the generator’s loss pushes each generated point',
  },
];

export function GanView({
  view,
  data,
  request,
  setRequest,
  size,
}: LabViewProps<GanSnapshot, GanRequest>): ReactElement {
  const canvasRef = useRef<HTMLCanvasElement | null>(null);
  const layersRef = useRef<Layers | null>(null);
  const images = data.dim > 2;
  const flags = requestFlags(request);
  const { heatmap, manifold, gradients } = flags;
  const hash = useMemo(() => (view ? viewHash(view.samples) : ''), [view]);

  useEffect(() => {
    const fit = hiDpiContext(canvasRef.current, size);
    if (!fit) return;
    const { ctx, dpr } = fit;
    layersRef.current ??= makeLayers();
    const layers = layersRef.current;
    if (images) {
      drawGlyphs(ctx, layers, view, size);
      return;
    }
    updateRealLayer(layers, data.points, size, dpr);
    drawPlane(ctx, layers, view, size, { heatmap, manifold, gradients });
  }, [view, data, size, images, heatmap, manifold, gradients]);

  return (
    <div className="gan-view" style={{ width: size }}>
      <canvas
        ref={canvasRef}
        className={images ? 'gan-canvas gan-canvas-images' : 'gan-canvas'}
        data-testid="lab-picture"
        data-hash={hash}
        data-samples={view?.count ?? 0}
        style={{ width: size, height: size }}
        aria-label={images ? 'Generated glyphs' : 'Real and generated points on the plane'}
      />
      {!images && (
        <div className="gan-toggles" role="group" aria-label="Layers">
          {TOGGLES.map((t) => (
            <Toggle
              key={t.key}
              testId={`gan-toggle-${t.key}`}
              title={t.title}
              className="gan-toggle"
              checked={flags[t.key]}
              onChange={() => setRequest(toggled(request, t.key))}
            >
              {t.label}
            </Toggle>
          ))}
        </div>
      )}
      <p className="gan-legend muted" data-testid="gan-legend">
        {legendText(view, images)}
      </p>
    </div>
  );
}
