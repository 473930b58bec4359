/**
 * Where the lab's data comes from: a preset, points drawn with the brush on the picture, a CSV
 * of x,y points, or (labs with an image mode) 16×16 glyphs from the system's fonts.
 */
import { useEffect, useId, useRef, type ReactElement } from 'react';
import { PRESET_LABELS, PRESETS, type PresetName } from '../../../preload/labs/data';
import type { Dataset } from '../../../preload/labs/types';
import { GLYPH_SETS, type GlyphSet } from './glyphs';
import { FileButton } from './FileButton';
import { dataLine } from './labData';
import type { LabPrefs } from './prefs';
import { MIN_DRAWN, type LabDataActions } from './useLabData';

interface Props {
  prefs: LabPrefs;
  /** The data the run trains on (null while it starts). */
  data: Dataset | null;
  /** The lab has an image mode. */
  images: boolean;
  actions: LabDataActions;
  disabled: boolean;
}

const presetLabel = (name: string): string => PRESET_LABELS[name as PresetName] ?? name;

export function DataPanel({ prefs, data, images, actions, disabled }: Props): ReactElement {
  const id = useId();
  const current = prefs.images ? 'images' : prefs.data.kind === 'preset' ? prefs.data.name : prefs.data.kind;
  const drawnCount = prefs.data.kind === 'drawn' ? prefs.data.points.length / 2 : 0;
  return (
    <div className="labs-data">
      <div className="field">
        <label className="field-label" htmlFor={`${id}-preset`}>
          Data
        </label>
        <select
          id={`${id}-preset`}
          data-testid="lab-preset"
          value={current}
          disabled={disabled}
          onChange={(e) => actions.setPreset(e.target.value as PresetName)}
        >
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
          {current === 'drawn' ? (
            <option value="drawn" disabled>
              Drawn by hand
            </option>
          ) : null}
          {current === 'csv' && prefs.data.kind === 'csv' ? (
            <option value="csv" disabled>
              {prefs.data.name}
            </option>
          ) : null}
          {current === 'images' ? (
            <option value="images" disabled>
              Glyph images
            </option>
          ) : null}
        </select>
        {data ? (
          <div className="field-hint" data-testid="lab-data-line">
            {dataLine(data, presetLabel)}
          </div>
        ) : null}
      </div>
      <div className="button-row wrap">
        <button
          type="button"
          className="button small"
          data-testid="lab-draw"
          aria-pressed={actions.drawing}
          disabled={disabled}
          title="Draw your own data: press and drag on the picture"
          onClick={() => actions.setDrawing(!actions.drawing)}
        >
          {actions.drawing ? 'Drawing… (done)' : 'Draw points'}
        </button>
        <button
          type="button"
          className="button small"
          data-testid="lab-draw-clear"
          disabled={disabled || drawnCount === 0}
          onClick={actions.clearDrawing}
        >
          Clear drawing
        </button>
        <FileButton
          testId="lab-csv"
          accept=".csv,.txt,.tsv,text/csv,text/plain"
          disabled={disabled}
          onFile={(f) => void actions.openCsv(f)}
        >
          Open CSV…
        </FileButton>
      </div>
      {actions.drawing ? (
        <div className="field-hint" data-testid="lab-draw-hint">
          {drawnCount < MIN_DRAWN
            ? `Press and drag on the picture to spray points (${drawnCount} so far; the lab trains on them from ${MIN_DRAWN}).`
            : `${drawnCount} points drawn: the model is learning them. Keep drawing to add more.`}
        </div>
      ) : (
        <div className="field-hint">A CSV holds one x,y point per line; it is scaled to fit the plane.</div>
      )}
      {images ? (
        <>
          <label className="check">
            <input
              type="checkbox"
              data-testid="lab-images"
              checked={prefs.images}
              disabled={disabled}
              onChange={(e) => actions.setImages(e.target.checked)}
            />
            Images: 16×16 glyphs
          </label>
          {prefs.images ? (
            <>
              <select
                data-testid="lab-glyphs"
                aria-label="Glyphs"
                value={prefs.glyphs}
                disabled={disabled}
                onChange={(e) => actions.setGlyphs(e.target.value as GlyphSet)}
              >
                {(Object.keys(GLYPH_SETS) as GlyphSet[]).map((k) => (
                  <option key={k} value={k}>
                    {GLYPH_SETS[k].label}
                  </option>
                ))}
              </select>
              {data && data.side ? <GlyphStrip data={data} /> : null}
            </>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

/**
 * Which images the strip shows: each character in turn, each in another font (the glyph sets are
 * ordered font × character × shift), so the strip shows the variety, not one font's first few.
 */
function stripRows(data: Dataset, count: number): number[] {
  const n = data.points.length / data.dim;
  const src = data.source;
  const chars = src.kind === 'glyphs' ? [...src.chars].length : 0;
  const fonts = src.kind === 'glyphs' ? src.fonts.length : 0;
  const shifts = chars > 0 && fonts > 0 ? n / (chars * fonts) : 0;
  if (!Number.isInteger(shifts) || shifts < 1)
    return Array.from({ length: count }, (_, k) => Math.floor((k * n) / count));
  return Array.from({ length: count }, (_, k) => ((k % fonts) * chars + (k % chars)) * shifts);
}

/** A few of the training images, so the learner sees what the model is asked to make. */
function GlyphStrip({ data }: { data: Dataset }): ReactElement {
  const canvas = useRef<HTMLCanvasElement>(null);
  const side = data.side!;
  const count = Math.min(24, data.points.length / data.dim);
  useEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    const cols = 12;
    const img = ctx.createImageData(cols * side, Math.ceil(count / cols) * side);
    const rows = stripRows(data, count);
    for (let k = 0; k < count; k++) {
      const row = rows[k]!;
      const ox = (k % cols) * side;
      const oy = Math.floor(k / cols) * side;
      for (let y = 0; y < side; y++) {
        for (let x = 0; x < side; x++) {
          const v =
            255 - Math.round(255 * Math.min(1, Math.max(0, data.points[row * data.dim + y * side + x]!)));
          const o = ((oy + y) * img.width + ox + x) * 4;
          img.data[o] = v;
          img.data[o + 1] = v;
          img.data[o + 2] = v;
          img.data[o + 3] = 255;
        }
      }
    }
    ctx.putImageData(img, 0, 0);
  }, [data, side, count]);
  return (
    <canvas
      ref={canvas}
      className="labs-glyph-strip"
      data-testid="lab-glyph-strip"
      width={12 * side}
      height={Math.ceil(count / 12) * side}
      aria-label="Some of the training images"
    />
  );
}
