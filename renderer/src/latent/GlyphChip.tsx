/**
 * One chip of the glyph set: the glyph as the model sees it, its character, remove, and what was
 * refused about it (shown beside it, so the rest of the set keeps working).
 */
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { PixelImage } from '../../../preload/contract';
import { Icon } from '../shell/icons';
import { charProblem, editedChar, type GlyphItem } from './glyphSet';
import { PixelTile } from './PixelTile';

const THUMB = 44;

/** What the chip says about its glyph: in the style, waiting, refused or missing its character. */
export type ChipState = 'ok' | 'pending' | 'needs-char' | 'error';

export function chipState(item: GlyphItem, charset: string, inStyle: boolean): ChipState {
  if (item.imageError || item.charError || charProblem(item.char, charset)) return 'error';
  if (item.char === '') return 'needs-char';
  return inStyle ? 'ok' : 'pending';
}

/** The file itself, before the model has seen it (or when it is not a picture: then a blank). */
function FileThumb({ item }: { item: GlyphItem }): ReactElement {
  const img = useRef<HTMLImageElement>(null);
  const [broken, setBroken] = useState(false);
  useEffect(() => {
    const url = URL.createObjectURL(new Blob([item.bytes]));
    if (img.current) img.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [item.bytes]);
  if (broken) return <span className="glyph-chip-blank" aria-hidden="true" />;
  return <img ref={img} alt="" onError={() => setBroken(true)} />;
}

interface Props {
  item: GlyphItem;
  /** The glyph as the model saw it, once encoded. */
  thumb: PixelImage | null;
  charset: string;
  /** The combined style counts this glyph. */
  inStyle: boolean;
  disabled: boolean;
  onChar: (char: string) => void;
  onRemove: () => void;
}

/**
 * One glyph of the set: its thumbnail as the model sees it, its character (one, editable; "which
 * letter?" until it has one), a remove button, and what the service or the page refused about it.
 */
export function GlyphChip({
  item,
  thumb,
  charset,
  inStyle,
  disabled,
  onChar,
  onRemove,
}: Props): ReactElement {
  const state = chipState(item, charset, inStyle);
  const error = item.imageError ?? item.charError ?? charProblem(item.char, charset);
  const errorId = `glyph-error-${item.id}`;
  return (
    <li
      className={`glyph-chip is-${state}`}
      data-testid="latent-glyph-chip"
      data-state={state}
      data-char={item.char}
      data-file={item.fileName}
    >
      <div className="glyph-chip-thumb" title={item.fileName}>
        {thumb && !item.imageError ? (
          <PixelTile image={thumb} label={`${item.fileName}, as the model sees it`} size={THUMB} />
        ) : (
          <FileThumb item={item} />
        )}
      </div>
      <input
        className="glyph-chip-char"
        data-testid="latent-glyph-char"
        value={item.char}
        placeholder="?"
        disabled={disabled}
        spellCheck={false}
        autoComplete="off"
        aria-label={`Character shown in ${item.fileName}`}
        aria-invalid={item.charError !== null || charProblem(item.char, charset) !== null || undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => onChar(editedChar(e.target.value))}
        onFocus={(e) => e.target.select()}
      />
      <button
        type="button"
        className="icon-button glyph-chip-remove"
        data-testid="latent-glyph-remove"
        aria-label={`Remove ${item.fileName}`}
        title="Remove"
        onClick={onRemove}
      >
        <Icon name="close" />
      </button>
      {error ? (
        <p className="glyph-chip-note is-error" id={errorId} data-testid="latent-glyph-error">
          {error}
        </p>
      ) : item.char === '' ? (
        <p className="glyph-chip-note" data-testid="latent-glyph-which">
          Which letter?
        </p>
      ) : null}
    </li>
  );
}
