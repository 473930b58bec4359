/**
 * The glyph set drawn in the pad's plane: each glyph's own point (a small mark labelled with its
 * character, labels fanned out away from the combined point), the combined point and its one-sigma
 * uncertainty ellipse. Over the pad (the whole ±3 SD, marks held at the edge like the dot) and as a
 * close-up around the combined point, where the glyphs of one font usually sit too close together
 * to tell apart on the whole pad. A 100 × 100 box (both are square), transparent to the pointer.
 */
import type { ReactElement } from 'react';
import type { Pca } from '../../../preload/latent';
import {
  ellipseOnPad,
  labelPlace,
  padCoords,
  padEllipse,
  PAD_VIEW,
  toPixels,
  type PlaneView,
} from './glyphStyle';
import { sdToPad, type Axes } from './pad';

const BOX = { width: 100, height: 100 };
const round = (v: number): string => String(Math.round(v * 1000) / 1000 + 0);

interface Props {
  pca: Pca;
  axes: Axes;
  glyphs: readonly { id: string; char: string; mean: readonly number[] }[];
  combined: { mean: readonly number[]; std: readonly number[] };
  /** A newer set is being encoded: the marks are the previous answer's. */
  busy: boolean;
  /** The part of the plane shown (the whole pad by default). */
  view?: PlaneView;
  /** The explorer's point, drawn in a close-up (the pad draws its own). */
  point?: readonly number[] | null;
  /** How many box units make the marks' sizes (1 on the pad; larger for a smaller drawing). */
  scale?: number;
  testId?: string;
}

export function GlyphPadOverlay({
  pca,
  axes,
  glyphs,
  combined,
  busy,
  view = PAD_VIEW,
  point = null,
  scale = 1,
  testId = 'latent-glyph',
}: Props): ReactElement {
  const onPad = view === PAD_VIEW;
  // The whole pad holds marks at its edge, as it holds the dot; a close-up fits them all.
  const place = (p: { x: number; y: number }) => (onPad ? sdToPad(p.x, p.y, BOX) : toPixels(p, BOX, view));
  const centre = padCoords(pca, combined.mean, axes);
  const e = padEllipse(pca, combined.std, axes);
  const drawn = ellipseOnPad(e, centre, BOX, view);
  const c = place(centre);
  const here = point ? toPixels(padCoords(pca, point, axes), BOX, view) : null;
  const zero = toPixels({ x: 0, y: 0 }, BOX, view);
  const d = 2.4 * scale;
  return (
    <svg
      className={`glyph-overlay${onPad ? '' : ' is-closeup'}${busy ? ' is-busy' : ''}`}
      data-testid={`${testId}-overlay`}
      data-glyph-count={glyphs.length}
      data-combined-x={round(centre.x)}
      data-combined-y={round(centre.y)}
      data-ellipse-rx={round(e.rx)}
      data-ellipse-ry={round(e.ry)}
      data-ellipse-angle={round(e.angle)}
      data-range={round(view.range)}
      viewBox={`0 0 ${BOX.width} ${BOX.height}`}
      aria-hidden="true"
    >
      {onPad ? null : (
        <>
          <line className="glyph-overlay-axis" x1={zero.px} x2={zero.px} y1={0} y2={BOX.height} />
          <line className="glyph-overlay-axis" y1={zero.py} y2={zero.py} x1={0} x2={BOX.width} />
        </>
      )}
      <ellipse
        className="glyph-overlay-ellipse"
        data-testid={`${testId}-ellipse`}
        cx={drawn.cx}
        cy={drawn.cy}
        rx={Math.max(drawn.rx, 0.5)}
        ry={Math.max(drawn.ry, 0.5)}
        strokeWidth={0.6 * scale}
        transform={`rotate(${drawn.rotate} ${drawn.cx} ${drawn.cy})`}
      />
      {glyphs.map((g) => {
        const at = place(padCoords(pca, g.mean, axes));
        const label = labelPlace(at, c, 3.4 * scale);
        return (
          <g key={g.id} className="glyph-overlay-mark" data-testid={`${testId}-mark`} data-char={g.char}>
            <line
              x1={at.px}
              y1={at.py}
              x2={c.px}
              y2={c.py}
              className="glyph-overlay-tie"
              strokeWidth={0.3 * scale}
            />
            <circle cx={at.px} cy={at.py} r={1.5 * scale} strokeWidth={0.5 * scale} />
            <text
              x={label.x}
              y={label.y}
              textAnchor={label.anchor}
              dominantBaseline="middle"
              fontSize={4.6 * scale}
              strokeWidth={1.1 * scale}
            >
              {g.char}
            </text>
          </g>
        );
      })}
      {here ? (
        <circle
          className="glyph-overlay-point"
          cx={here.px}
          cy={here.py}
          r={3.6 * scale}
          strokeWidth={0.8 * scale}
        />
      ) : null}
      {/* A thin cross, so the ellipse around it stays visible however small it is. */}
      <g
        className="glyph-overlay-combined"
        data-testid={`${testId}-combined`}
        strokeWidth={0.7 * scale}
        transform={`rotate(45 ${c.px} ${c.py})`}
      >
        <line x1={c.px - d} x2={c.px + d} y1={c.py} y2={c.py} />
        <line y1={c.py - d} y2={c.py + d} x1={c.px} x2={c.px} />
      </g>
    </svg>
  );
}
