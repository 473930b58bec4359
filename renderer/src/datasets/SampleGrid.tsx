/**
 * The sample grid: one row per real source — the real image first, then what the method made
 * from it — each tile with its class and method. Small images (glyphs, icons) are drawn with
 * crisp pixels.
 */
import { useState, type ReactElement } from 'react';
import type { ErrorInfo } from '../../../preload/contract';
import { baseName } from './results';
import type { ShownGroup, ShownSample } from './useOutput';

function Tile({ s }: { s: ShownSample }): ReactElement {
  const [small, setSmall] = useState(false);
  return (
    <figure
      className="datasets-tile"
      data-testid="datasets-sample"
      data-method={s.method}
      data-label={s.label}
    >
      <img
        src={s.url}
        alt={`${s.label}, ${s.method}`}
        title={s.fileName}
        className={small ? 'pixelated' : undefined}
        onLoad={(e) => setSmall(e.currentTarget.naturalWidth < 96)}
      />
      <figcaption>
        <span className={s.method === 'real' ? 'datasets-real' : 'datasets-method'}>{s.method}</span>
      </figcaption>
    </figure>
  );
}

export function SampleGrid({
  groups,
  error,
}: {
  groups: ShownGroup[] | null;
  error: ErrorInfo | null;
}): ReactElement {
  if (error)
    return (
      <div className="callout callout-bad" data-testid="datasets-samples-error">
        {error.message}
      </div>
    );
  if (!groups) return <p className="muted">Loading samples…</p>;
  if (groups.length === 0) return <p className="muted">No PNG items to show.</p>;
  return (
    <div className="datasets-samples" data-testid="datasets-samples" data-groups={groups.length}>
      {groups.map((g) => (
        <div key={g.key} className="datasets-sample-row" data-testid="datasets-sample-row">
          <div className="datasets-sample-caption">
            <strong>{g.label}</strong>
            <span className="muted" title={g.source ?? ''}>
              {g.source ? baseName(g.source) : ''}
            </span>
          </div>
          <div className="datasets-sample-tiles">
            {g.real ? <Tile s={g.real} /> : null}
            {g.real && g.synthetic.length ? (
              <span className="datasets-arrow" aria-hidden="true">
                →
              </span>
            ) : null}
            {g.synthetic.map((s) => (
              <Tile key={s.fileName} s={s} />
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
