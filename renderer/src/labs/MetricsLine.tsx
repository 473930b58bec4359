/** The lab's measures on the live model, a few times a second: the headline comparison, then each measure. */
import type { ReactElement } from 'react';
import type { Live } from './live';
import { metricItems, verdict } from './metrics-text';
import { useThrottledValue, type Store } from './store';

const selectMetrics = (l: Live): Live['metrics'] => l.metrics;

export function MetricsLine({ store }: { store: Store<Live> }): ReactElement {
  const metrics = useThrottledValue(store, selectMetrics, 300);
  if (!metrics) {
    return (
      <div className="labs-metrics" data-testid="lab-metrics" data-ready="false">
        Measuring…
      </div>
    );
  }
  const v = verdict(metrics);
  return (
    <div
      className="labs-metrics"
      data-testid="lab-metrics"
      data-ready="true"
      data-swd={metrics.swd}
      data-swd-gaussian={metrics.swdGaussian}
    >
      {v ? (
        <div
          className={`labs-verdict${v.beats ? ' is-good' : ''}`}
          data-testid="lab-verdict"
          data-beats={v.beats}
        >
          {v.text}
        </div>
      ) : null}
      <dl className="labs-metric-list">
        {metricItems(metrics).map((m) => (
          <div key={m.key} className="labs-metric" title={m.title} data-metric={m.key}>
            <dt>{m.label}</dt>
            <dd>{m.text}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
