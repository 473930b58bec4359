import { useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { AtelierApi, LatentView, PixelImage } from '../../../preload/contract';
import type { Pca } from '../../../preload/latent';
import { CharSelect } from './CharSelect';
import { formatSd } from './explorer';
import { gridFrame, gridLayout, PAPER } from './frames';
import { cellAt, cellRect, GRID_SIZE, GRID_STEPS, gridPoints, type CellLayout } from './grid';
import { PixelStage, type PixelStageHandle } from './PixelStage';
import { useSettledDecode, type SettledRequest } from './useLatentDecode';

interface Props {
  api: AtelierApi;
  model: string;
  pca: Pca;
  point: readonly number[];
  axisX: number;
  axisY: number;
  step: number;
  onStep: (step: number) => void;
  /** What each cell draws (glyph models: one character). Null: nothing to decode. */
  view: LatentView | null;
  /** Glyph models: the characters to choose the cell's from, and the chosen one. */
  charset: string | null;
  char: string;
  onChar: (c: string) => void;
  disabled: boolean;
  ink: boolean;
  onPick: (point: number[]) => void;
  onError: (err: unknown) => void;
}

/** 5×5 decodes around the point along the pad's directions; click a cell to go there. */
export function NeighbourhoodGrid(props: Props): ReactElement {
  const { api, model, pca, point, axisX, axisY, step, view, disabled } = props;
  const stage = useRef<PixelStageHandle>(null);
  // The points whose decodes are on screen: a click picks among these, not the newer ones.
  const shown = useRef<{ points: number[][]; layout: CellLayout } | null>(null);
  const [centre, setCentre] = useState<ReturnType<typeof cellRect> | null>(null);

  // Another model (or an unusable one): its cells must not show the last model's.
  useEffect(() => {
    stage.current?.clear();
    shown.current = null;
  }, [model, disabled]);

  const points = useMemo(
    () => (point.length === pca.mean.length ? gridPoints(pca, point, axisX, axisY, step, GRID_SIZE) : null),
    [pca, point, axisX, axisY, step],
  );
  const request: SettledRequest | null =
    !disabled && points && view ? { model, points, view, lane: 'grid' } : null;

  useSettledDecode(
    api,
    request,
    (images: PixelImage[], req) => {
      const layout = gridLayout(images, GRID_SIZE);
      if (!layout || !stage.current) return;
      stage.current.paint(gridFrame(images, layout, '#2a2a32', props.ink ? PAPER : undefined));
      shown.current = { points: req.points, layout };
      const c = cellRect(layout, Math.floor((GRID_SIZE * GRID_SIZE) / 2));
      setCentre((prev) => (prev && prev.x === c.x && prev.y === c.y && prev.width === c.width ? prev : c));
    },
    props.onError,
  );

  const pick = (x: number, y: number): void => {
    const s = shown.current;
    if (!s || disabled) return;
    const i = cellAt(s.layout, x, y);
    const p = i === null ? undefined : s.points[i];
    if (p) props.onPick(p);
  };

  return (
    <div className="latent-grid-block">
      <div className="latent-grid-controls">
        <label className="inline-field">
          <span>Step</span>
          <select
            value={String(step)}
            disabled={disabled}
            onChange={(e) => props.onStep(Number(e.target.value))}
            aria-label="Grid step in standard deviations"
          >
            {GRID_STEPS.map((s) => (
              <option key={s} value={String(s)}>
                {s} SD
              </option>
            ))}
          </select>
        </label>
        {props.charset ? (
          <CharSelect
            label="Glyph"
            charset={props.charset}
            value={props.char}
            disabled={disabled}
            onChange={props.onChar}
            ariaLabel="Character the grid shows"
          />
        ) : null}
      </div>
      <PixelStage
        ref={stage}
        testId="latent-grid"
        className="latent-grid"
        label={`Neighbourhood: 5 × 5 decodes ${formatSd(-2 * step)}…${formatSd(2 * step)} SD around the point. Click a cell to go there.`}
        maxScale={2}
        padding={0}
        outline={centre}
        onPick={pick}
      />
    </div>
  );
}
