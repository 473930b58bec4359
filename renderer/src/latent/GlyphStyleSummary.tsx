/**
 * The combined style of a glyph set in words and up close: how much the letters narrowed it, a
 * close-up of the pad's plane around the combined point (each glyph's mark, the ellipse, the
 * current point), and "Use this style", which moves the explorer's point to the combined mean.
 */
import type { ReactElement } from 'react';
import type { Pca } from '../../../preload/latent';
import { pointAttr } from './explorer';
import { GlyphPadOverlay } from './GlyphPadOverlay';
import { closeUp, narrowing, padCoords, padEllipse } from './glyphStyle';
import type { Axes } from './pad';
import type { GlyphSet, GlyphStyle } from './useGlyphSet';

interface Props {
  set: Pick<GlyphSet, 'marks' | 'busy' | 'useStyle'>;
  style: GlyphStyle;
  pca: Pca;
  axes: Axes;
  point: readonly number[];
  disabled: boolean;
}

export function GlyphStyleSummary({ set, style, pca, axes, point, disabled }: Props): ReactElement {
  const narrowed = narrowing(
    set.marks.map((g) => g.std),
    style.combined.std,
  );
  const view = closeUp(
    padCoords(pca, style.combined.mean, axes),
    set.marks.map((g) => padCoords(pca, g.mean, axes)),
    padEllipse(pca, style.combined.std, axes),
  );
  return (
    <div className="glyph-set-summary">
      <div className="glyph-closeup">
        <div className="glyph-closeup-box">
          <GlyphPadOverlay
            pca={pca}
            axes={axes}
            glyphs={set.marks}
            combined={style.combined}
            busy={set.busy}
            view={view}
            point={point}
            scale={2}
            testId="latent-glyph-closeup"
          />
        </div>
        <div className="glyph-closeup-text">
          <p
            className="glyph-set-narrowing"
            data-testid="latent-glyphs-narrowing"
            data-percent={narrowed.percent}
            data-glyphs={set.marks.length}
          >
            {narrowed.sentence}
            {set.busy ? <span className="muted"> Updating…</span> : null}
          </p>
          <span className="muted">The pad up close: ±{view.range} SD around the combined style.</span>
          <span className="glyph-legend" aria-hidden="true">
            <span>
              <i className="glyph-legend-swatch is-combined" />
              combined, ±1σ
            </span>
            <span>
              <i className="glyph-legend-swatch" />
              each glyph
            </span>
            <span>
              <i className="glyph-legend-swatch is-point" />
              current point
            </span>
          </span>
        </div>
      </div>
      <button
        type="button"
        className="button primary"
        data-testid="latent-glyphs-use"
        data-point={pointAttr(style.combined.mean)}
        disabled={disabled}
        onClick={set.useStyle}
      >
        Use this style
      </button>
    </div>
  );
}
