/**
 * What an augment run made: written / reused / dropped / corrupt, each corrupt input with its
 * reason, Open card (the README.md card), and the sample grid of the output folder.
 */
import type { ReactElement } from 'react';
import type { AtelierApi, DatasetsAugmentResult } from '../../../preload/contract';
import { CardView } from './CardView';
import { SampleGrid } from './SampleGrid';
import { useOutput } from './useOutput';

export function AugmentResult({
  api,
  id,
  out,
  result,
  missing,
  files,
  noSamples,
}: {
  api: AtelierApi;
  id: string;
  out: string;
  result: Pick<DatasetsAugmentResult, 'written' | 'reused' | 'cardPath'> & Partial<DatasetsAugmentResult>;
  /** Characters a font lacks (the glyph sheet). */
  missing?: readonly string[];
  /** Manifest files to show instead of the default pick. */
  files?: readonly string[];
  /** No sample grid (an output of melodies has no pictures). */
  noSamples?: boolean;
}): ReactElement {
  const view = useOutput(api, noSamples ? null : out, files, out);
  const corrupt = result.corrupt ?? [];
  return (
    <section className="datasets-result" data-testid={`datasets-${id}-result`}>
      <dl className="datasets-counts">
        <div data-testid="datasets-written" data-value={result.written}>
          <dt>Written</dt>
          <dd>{result.written}</dd>
        </div>
        <div data-testid="datasets-reused" data-value={result.reused}>
          <dt>Reused</dt>
          <dd>{result.reused}</dd>
        </div>
        {result.dropped !== undefined ? (
          <div data-testid="datasets-dropped" data-value={result.dropped}>
            <dt>Dropped</dt>
            <dd>{result.dropped}</dd>
          </div>
        ) : null}
        {result.corrupt ? (
          <div data-testid="datasets-corrupt-count" data-value={corrupt.length}>
            <dt>Corrupt</dt>
            <dd>{corrupt.length}</dd>
          </div>
        ) : null}
      </dl>
      <p className="muted datasets-result-note">
        {result.reused > 0
          ? `Reused ${result.reused} items an earlier run had made intact; wrote ${result.written} more.`
          : `Wrote ${result.written} files.`}{' '}
        Card: <code>{result.cardPath}</code>
      </p>
      {corrupt.length ? (
        <div className="datasets-corrupt">
          <h3 className="section-title">Skipped inputs</h3>
          <ul className="stack-list" data-testid="datasets-corrupt">
            {corrupt.map((c) => (
              <li key={c.path} data-testid="datasets-corrupt-item">
                <code>{c.path}</code> — {c.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {missing?.length ? (
        <p data-testid="datasets-missing">
          The font has no glyph for: <code>{missing.join(' ')}</code> (left out of every sheet).
        </p>
      ) : null}
      <div className="button-row datasets-result-actions">
        <button type="button" className="button" data-testid="datasets-open-card" onClick={view.openCard}>
          Open card
        </button>
      </div>
      {view.cardError ? (
        <div className="callout callout-bad" data-testid="datasets-card-error" role="alert">
          {view.cardError.message}
        </div>
      ) : null}
      {view.card ? <CardView card={view.card} onClose={view.closeCard} /> : null}
      {noSamples ? null : (
        <>
          <h3 className="section-title">Samples: each real source, then what was made from it</h3>
          <SampleGrid groups={view.groups} error={view.samplesError} />
        </>
      )}
    </section>
  );
}
