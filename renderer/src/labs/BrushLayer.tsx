/**
 * Drawing data on the picture: a transparent canvas over it while the brush is on. Each stroke
 * sprays points along the pointer's path (brush.ts); the stroke's points go to the lab when the
 * pointer lifts. The points drawn so far show as rings.
 */
import { useEffect, useRef, type PointerEvent, type ReactElement } from 'react';
import { Rng } from '../../../preload/rng';
import { BRUSH, dabsAlong, spray, toPixel, toPlane } from './brush';

interface Props {
  size: number;
  /** The drawn points so far (x y pairs on the plane). */
  drawn: Float32Array;
  onStroke: (points: number[]) => void;
}

export function BrushLayer({ size, drawn, onStroke }: Props): ReactElement {
  const canvas = useRef<HTMLCanvasElement>(null);
  const stroke = useRef<{ last: [number, number]; carried: number; points: number[]; rng: Rng } | null>(null);

  const paint = (extra: readonly number[] = []): void => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    const dot = (x: number, y: number, color: string): void => {
      const [px, py] = toPixel(x, y, size);
      ctx.strokeStyle = color;
      ctx.beginPath();
      ctx.arc(px, py, 2.5, 0, 2 * Math.PI);
      ctx.stroke();
    };
    ctx.lineWidth = 1.2;
    for (let i = 0; i + 1 < drawn.length; i += 2) dot(drawn[i]!, drawn[i + 1]!, 'rgba(255, 255, 255, 0.75)');
    for (let i = 0; i + 1 < extra.length; i += 2) dot(extra[i]!, extra[i + 1]!, '#f2c14e');
  };

  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size * dpr);
    c.height = Math.round(size * dpr);
    paint();
  });

  const at = (e: PointerEvent<HTMLCanvasElement>): [number, number] => {
    const r = e.currentTarget.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  };
  const dab = (px: number, py: number): void => {
    const s = stroke.current!;
    const [x, y] = toPlane(px, py, size);
    s.points.push(...spray(s.rng, x, y));
  };

  return (
    <canvas
      ref={canvas}
      className="labs-brush"
      data-testid="lab-brush"
      style={{ width: size, height: size }}
      aria-label="Draw data points: press and drag"
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        const p = at(e);
        // The spray's stream is seeded by how many points there are: the same strokes make the same points.
        stroke.current = { last: p, carried: 0, points: [], rng: new Rng(0x5eed + drawn.length) };
        dab(p[0], p[1]);
        paint(stroke.current.points);
      }}
      onPointerMove={(e) => {
        const s = stroke.current;
        if (!s) return;
        const p = at(e);
        const { dabs, carried } = dabsAlong(s.last, p, s.carried, BRUSH.spacing);
        for (const [x, y] of dabs) dab(x, y);
        s.last = p;
        s.carried = carried;
        if (dabs.length > 0) paint(s.points);
      }}
      onPointerUp={() => {
        const s = stroke.current;
        stroke.current = null;
        if (s && s.points.length > 0) onStroke(s.points);
      }}
      onPointerCancel={() => {
        stroke.current = null;
        paint();
      }}
    />
  );
}
