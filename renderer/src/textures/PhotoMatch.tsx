/**
 * The Texture studio's "Match a photo…" section: open or drop a PNG/JPEG, see it beside the
 * closest texture the model makes with how close that is, then use the mix for Generate or keep
 * it in the library under a name.
 */
import { useId, useRef, useState, type ReactElement } from 'react';
import type { Generation } from '../../../preload/contract';
import { progressPercent } from '../shell/job';
import { mixOf, type MatchMix, type PhotoMatchState } from './usePhotoMatch';
import './photo-match.css';

export interface PhotoMatchProps {
  match: PhotoMatchState;
  /** The size "Keep as style" draws at (the form's). */
  size: number;
  disabled: boolean;
  onUse: (mix: MatchMix) => void;
  onKept: (gen: Generation) => void;
}

export function PhotoMatch({ match, size, disabled, onUse, onKept }: PhotoMatchProps): ReactElement {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [keeping, setKeeping] = useState(false);
  const { result } = match;
  const running = match.progress !== null;

  const keep = async (): Promise<void> => {
    if (!name.trim() || keeping) return;
    setKeeping(true);
    const gen = await match.keep(name.trim(), size);
    setKeeping(false);
    if (gen) onKept(gen);
  };

  return (
    <section
      className={`panel-section photo-match${match.dropping ? ' is-dropping' : ''}`}
      aria-label="Match a photo"
      data-testid="photo-match"
      {...match.dropProps}
    >
      <input
        ref={input}
        type="file"
        accept="image/png,image/jpeg"
        hidden
        data-testid="photo-match-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void match.matchFile(f);
        }}
      />
      <button
        type="button"
        className="button"
        data-testid="photo-match-open"
        disabled={disabled || running}
        title="Find the mix of this model's styles whose textures look like a photo (or drop one here)"
        onClick={() => input.current?.click()}
      >
        Match a photo…
      </button>
      {running ? (
        <div className="field-hint" role="status">
          Matching… {progressPercent(match.progress ?? 0)}%{' '}
          <button type="button" className="button" onClick={match.cancel}>
            Cancel
          </button>
        </div>
      ) : null}
      {match.photoUrl ? (
        <div className="photo-match-pair">
          <img src={match.photoUrl} alt="Your photo" width={96} height={96} />
          {match.previewUrl ? (
            <img
              src={match.previewUrl}
              alt="The closest texture"
              width={96}
              height={96}
              data-testid="photo-match-preview"
            />
          ) : null}
        </div>
      ) : null}
      {result ? (
        <>
          <p className="field-hint" data-testid="photo-match-verdict">
            <strong>{result.verdict}</strong> · distance {result.distance.toFixed(3)} (the photo’s own halves:{' '}
            {result.selfDistance.toFixed(3)}) — {result.message}
          </p>
          <p className="muted">{mixOf(result).label}</p>
          <button
            type="button"
            className="button"
            data-testid="photo-match-use"
            onClick={() => onUse(mixOf(result))}
          >
            Use this style
          </button>
          <div className="field">
            <label className="field-label" htmlFor={`${id}-name`}>
              Keep as style
            </label>
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              maxLength={80}
              data-testid="photo-match-name"
              placeholder="Name, e.g. Garden wall"
              onChange={(e) => setName(e.target.value)}
            />
            <button
              type="button"
              className="button"
              data-testid="photo-match-keep"
              disabled={!name.trim() || keeping}
              onClick={() => void keep()}
            >
              {keeping ? 'Saving…' : 'Keep'}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
