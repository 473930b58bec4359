import { useMemo, type ReactElement, type RefObject } from 'react';
import type { AtelierApi, LatentView } from '../../../preload/contract';
import { AlphabetSheet } from './AlphabetSheet';
import { pointAttr } from './explorer';
import { sheetText } from './glyphText';
import { PixelStage, type PixelStageHandle } from './PixelStage';

interface Props {
  api: AtelierApi;
  modelId: string;
  /** The model's name (null: no model). */
  modelName: string | null;
  /** What the main view draws (null: nothing, e.g. a glyph model without text). */
  view: LatentView | null;
  point: number[];
  /** A glyph model: its characters (the alphabet sheet is shown); null for texture models. */
  charset: string | null;
  /** A texture model: the Tile 3×3 box is shown. */
  canTile: boolean;
  /** The box is ticked. */
  tiled: boolean;
  onTiled: (tiled: boolean) => void;
  /** What keeps the model from being used, shown over the stage. */
  blocker: ReactElement | string | null;
  disabled: boolean;
  /** The stage `useMainView` paints into, and its info line. */
  stage: RefObject<PixelStageHandle | null>;
  info: RefObject<HTMLSpanElement | null>;
  onError: (err: unknown) => void;
}

/** The middle: the model's name and the decode's info, the main view, a glyph model's alphabet sheet. */
export function DecodedPoint({
  api,
  modelId,
  modelName,
  view,
  point,
  charset,
  canTile,
  tiled,
  onTiled,
  blocker,
  disabled,
  stage,
  info,
  onError,
}: Props): ReactElement {
  const conditional = Boolean(charset);
  const sheet = useMemo(() => (charset ? sheetText(charset) : ''), [charset]);

  let overlay: ReactElement | null = null;
  if (blocker) overlay = <div className="canvas-placeholder">{blocker}</div>;
  else if (!view)
    overlay = (
      <div className="canvas-placeholder">
        <p>Nothing to draw.</p>
        <p className="muted">Type some letters ({charset ? 'A–Z, a–z, 0–9' : ''}) in the text field.</p>
      </div>
    );

  return (
    <section className="studio-main latent-main" aria-label="Decoded point">
      <div className="latent-toolbar">
        <span className="latent-toolbar-title">
          {modelName ?? 'No model'}
          {view && view.kind === 'text' ? <span className="muted"> · “{view.text}”</span> : null}
        </span>
        <span className="muted latent-toolbar-info" ref={info} aria-live="off" />
        {canTile ? (
          <label className="check">
            <input
              type="checkbox"
              checked={tiled}
              disabled={disabled}
              onChange={(e) => onTiled(e.target.checked)}
            />
            Tile 3×3
          </label>
        ) : null}
      </div>
      <PixelStage
        ref={stage}
        testId="latent-canvas"
        className="latent-canvas"
        label={`The current point decoded by ${modelName ?? 'the model'}`}
        maxScale={conditional ? 4 : tiled ? 4 : 6}
        padding={24}
        data={{ point: pointAttr(point) }}
        overlay={overlay}
      />
      {conditional ? (
        <div className="latent-sheet-block">
          <div className="section-title">Alphabet · refreshes when the point settles</div>
          <AlphabetSheet
            api={api}
            model={modelId}
            point={point}
            text={sheet}
            disabled={disabled}
            onError={onError}
          />
        </div>
      ) : null}
    </section>
  );
}
