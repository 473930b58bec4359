/** The palettes the last Generate drew: a strip each with its typicality; a click puts it on the bench. */
import type { ReactElement } from 'react';
import type { PaletteResult } from '../../../preload/contract';
import { paletteKey } from './editor';
import { formatLogLik, ordinal } from './meter';

interface Props {
  candidates: readonly PaletteResult[];
  /** The palette on the bench (its candidate is marked). */
  current: readonly string[];
  onPick: (c: PaletteResult) => void;
}

export function CandidateList({ candidates, current, onPick }: Props): ReactElement {
  const now = paletteKey(current);
  if (candidates.length === 0)
    return (
      <p className="field-hint">
        Generate (or press Space) to draw palettes; they are listed here to pick from.
      </p>
    );
  return (
    <ol className="palette-candidates" aria-label="Candidates">
      {candidates.map((c, i) => {
        const key = paletteKey(c.colors);
        return (
          <li key={`${i}:${key}`}>
            <button
              type="button"
              className={`palette-candidate${key === now ? ' is-current' : ''}`}
              data-testid="palette-candidate"
              data-colors={key}
              data-percentile={c.percentile.toFixed(2)}
              aria-current={key === now || undefined}
              title={`${c.colors.join(' ')} · log-likelihood ${formatLogLik(c.logLik)}`}
              onClick={() => onPick(c)}
            >
              <span className="palette-strip" aria-hidden="true">
                {c.colors.map((color, k) => (
                  <span key={k} style={{ backgroundColor: color }} />
                ))}
              </span>
              <span className="palette-candidate-score">{ordinal(c.percentile)}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
