/**
 * The palette: five large swatches side by side, each with its hex (type to edit), the native
 * colour picker (click the colour) and a lock. Text on a swatch is dark on light colours.
 */
import { useState, type ReactElement } from 'react';
import { isLightColor, normalizeHex } from '../../../preload/palette';
import type { PaletteState } from './editor';

interface Props {
  palette: PaletteState;
  onToggleLock: (k: number) => void;
  onColor: (k: number, hex: string) => void;
}

export function SwatchRow({ palette, onToggleLock, onColor }: Props): ReactElement {
  return (
    <div className="palette-swatches" role="list" aria-label="Palette">
      {palette.colors.map((color, k) => (
        <Swatch
          key={k}
          index={k}
          color={color}
          locked={palette.locks[k] ?? false}
          onToggleLock={onToggleLock}
          onColor={onColor}
        />
      ))}
    </div>
  );
}

function LockGlyph({ closed }: { closed: boolean }): ReactElement {
  return (
    <svg
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      aria-hidden="true"
    >
      <path d="M6 11h12v9H6z" />
      <path d={closed ? 'M8.5 11V8a3.5 3.5 0 0 1 7 0v3' : 'M8.5 11V8a3.5 3.5 0 0 1 6.8-1.2'} />
    </svg>
  );
}

function Swatch({
  index,
  color,
  locked,
  onToggleLock,
  onColor,
}: {
  index: number;
  color: string;
  locked: boolean;
  onToggleLock: (k: number) => void;
  onColor: (k: number, hex: string) => void;
}): ReactElement {
  // The hex field shows what is typed while it has the focus, the colour otherwise.
  const [draft, setDraft] = useState<string | null>(null);
  const light = isLightColor(color);
  const label = `Colour ${index + 1}`;
  const invalid = draft !== null && normalizeHex(draft) === null;
  return (
    <div
      role="listitem"
      className={`palette-swatch${light ? ' is-light' : ''}${locked ? ' is-locked' : ''}`}
      style={{ backgroundColor: color }}
      data-testid="palette-swatch"
      data-index={index}
      data-color={color}
      data-locked={locked}
    >
      <label className="palette-picker" title={`${label}: pick a colour`}>
        <span className="visually-hidden">{label}: pick a colour</span>
        <input
          type="color"
          data-testid="palette-picker"
          value={color}
          onChange={(e) => onColor(index, e.target.value)}
        />
      </label>
      <div className="palette-swatch-bar">
        <input
          type="text"
          className="palette-hex"
          data-testid="palette-hex"
          aria-label={`${label} as #rrggbb`}
          aria-invalid={invalid || undefined}
          spellCheck={false}
          autoComplete="off"
          maxLength={7}
          value={draft ?? color.toUpperCase()}
          onFocus={(e) => {
            setDraft(color.toUpperCase());
            e.target.select();
          }}
          onChange={(e) => {
            const v = e.target.value;
            setDraft(v);
            if (normalizeHex(v) !== null && v.replace('#', '').length === 6) onColor(index, v);
          }}
          onBlur={() => {
            // "#abc" or a colour typed without "#" counts once the field is left.
            if (draft !== null && normalizeHex(draft) !== null) onColor(index, draft);
            setDraft(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' || e.key === 'Escape') (e.target as HTMLInputElement).blur();
          }}
        />
        <button
          type="button"
          className="palette-lock"
          data-testid="palette-lock"
          aria-pressed={locked}
          aria-label={`${locked ? 'Unlock' : 'Lock'} ${label.toLowerCase()}`}
          title={
            locked
              ? 'Locked: Generate keeps this colour (click to unlock)'
              : 'Lock: Generate keeps this colour'
          }
          onClick={() => onToggleLock(index)}
        >
          <LockGlyph closed={locked} />
          <span>{locked ? 'Locked' : 'Lock'}</span>
        </button>
      </div>
    </div>
  );
}
