/**
 * "Your font's style" (glyph models): open or drop a few letters of one font, each a chip with its
 * character; how much the letters together narrowed the style; "Use this style"; and the
 * designer's own text drawn in the combined style. The pad shows the points (`GlyphPadOverlay`).
 */
import { useId, useRef, type ReactElement } from 'react';
import { LATENT_MAX_GLYPHS, type AtelierApi } from '../../../preload/contract';
import type { Pca } from '../../../preload/latent';
import { Icon } from '../shell/icons';
import { GlyphChip } from './GlyphChip';
import { GlyphTextPreview } from './GlyphTextPreview';
import { GlyphStyleSummary } from './GlyphStyleSummary';
import { cleanText } from './glyphText';
import type { Axes } from './pad';
import type { GlyphSet } from './useGlyphSet';
import './latent-glyph-set.css';

interface Props {
  api: AtelierApi;
  modelId: string;
  charset: string;
  set: GlyphSet;
  pca: Pca;
  /** The pad's two directions (the close-up shows the same plane). */
  axes: Axes;
  /** The explorer's current point. */
  point: readonly number[];
  disabled: boolean;
  onError: (err: unknown) => void;
}

export function GlyphSetPanel({
  api,
  modelId,
  charset,
  set,
  pca,
  axes,
  point,
  disabled,
  onError,
}: Props): ReactElement {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const { items, style } = set;
  const live = style ? new Set(style.ids) : new Set<string>();
  const full = items.length >= LATENT_MAX_GLYPHS;
  const cleaned = cleanText(set.text, charset);

  return (
    <div
      className="controls latent-glyph-set"
      data-testid="latent-glyph-set"
      data-glyph-count={items.length}
      data-state={style ? (set.busy ? 'updating' : 'ready') : set.busy ? 'pending' : 'idle'}
    >
      <p className="field-hint">
        Drop a few letters of one font (PNG or JPEG) anywhere on the explorer, or open them. A file named
        a.png or upper-A.png says its letter; otherwise type it.
      </p>
      <div className="glyph-set-row">
        <button
          type="button"
          className="button"
          data-testid="latent-glyphs-open"
          disabled={disabled || full}
          onClick={() => input.current?.click()}
        >
          <Icon name="open" />
          Open glyphs…
        </button>
        <span className="muted glyph-set-count" data-testid="latent-glyphs-count">
          {items.length} of {LATENT_MAX_GLYPHS}
        </span>
        <input
          ref={input}
          className="visually-hidden"
          data-testid="latent-glyphs-input"
          type="file"
          multiple
          accept="image/png,image/jpeg,.png,.jpg,.jpeg"
          disabled={disabled}
          tabIndex={-1}
          aria-label="Glyph images of one font"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void set.addFiles(files);
          }}
        />
      </div>
      {set.notice ? (
        <p className="glyph-set-notice" role="status" data-testid="latent-glyphs-notice">
          {set.notice}
        </p>
      ) : null}
      {items.length > 0 ? (
        <ul className="glyph-chips" aria-label="Glyphs of your font">
          {items.map((g) => (
            <GlyphChip
              key={g.id}
              item={g}
              thumb={set.thumbs[g.id] ?? null}
              charset={charset}
              inStyle={live.has(g.id)}
              disabled={disabled}
              onChar={(c) => set.setChar(g.id, c)}
              onRemove={() => set.remove(g.id)}
            />
          ))}
        </ul>
      ) : null}
      {style ? (
        <GlyphStyleSummary set={set} style={style} pca={pca} axes={axes} point={point} disabled={disabled} />
      ) : set.busy ? (
        <p className="muted">Encoding the glyphs…</p>
      ) : null}
      <div className="field">
        <label className="field-label" htmlFor={`${id}-text`}>
          Your text
        </label>
        <input
          id={`${id}-text`}
          type="text"
          data-testid="latent-glyphs-text"
          value={set.text}
          maxLength={200}
          placeholder="Hamburgefonts"
          disabled={disabled}
          spellCheck={false}
          onChange={(e) => set.setText(e.target.value)}
        />
        {cleaned.dropped.length > 0 ? (
          <div className="field-hint">
            Not in this model, left out: {cleaned.dropped.map((c) => `“${c}”`).join(' ')}
          </div>
        ) : null}
        {!style && cleaned.text !== '' ? (
          <div className="field-hint">Add a glyph with its letter to draw the text in its style.</div>
        ) : null}
      </div>
      <GlyphTextPreview
        api={api}
        model={modelId}
        point={style?.combined.mean ?? null}
        text={cleaned.text}
        onError={onError}
      />
      <p className="field-hint">
        Each letter is one observation of the same style: their posteriors multiply (Bayesian inference), so
        every letter that agrees narrows the style. The ellipse on the pad is the combined style’s one-sigma
        uncertainty; the small marks are each letter on its own.
      </p>
    </div>
  );
}
