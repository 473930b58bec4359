/**
 * How typical the palette is for the model: the percentile of its log-likelihood among the
 * training palettes', as a meter that moves while a colour is edited, and the log-likelihood.
 */
import type { ReactElement } from 'react';
import type { PaletteResult } from '../../../preload/contract';
import { formatLogLik, meterView } from './meter';

interface Props {
  result: PaletteResult | null;
  pending: boolean;
  failed: boolean;
}

export function ScoreMeter({ result, pending, failed }: Props): ReactElement {
  const view = result ? meterView(result.percentile) : null;
  return (
    <section
      className="palette-meter"
      data-testid="palette-meter"
      data-state={failed ? 'failed' : pending ? 'scoring' : 'ready'}
      data-loglik={result ? result.logLik.toFixed(4) : ''}
      data-percentile={result ? result.percentile.toFixed(2) : ''}
      aria-label="How typical the palette is"
    >
      <div className="palette-meter-head">
        <span className={`palette-meter-word band-${view?.band ?? 'none'}`}>{view?.word ?? 'Scoring…'}</span>
        <span className="palette-meter-detail muted">
          {view ? view.detail : ''}
          {result ? ` · log-likelihood ${formatLogLik(result.logLik)}` : ''}
          {failed ? ' · could not be scored' : ''}
        </span>
      </div>
      <meter
        className="palette-meter-bar"
        min={0}
        max={100}
        low={10}
        high={80}
        optimum={60}
        value={result ? Math.round(result.percentile * 10) / 10 : 0}
        aria-label="Typicality percentile"
      />
    </section>
  );
}
