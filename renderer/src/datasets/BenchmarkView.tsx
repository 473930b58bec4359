/**
 * The benchmark as a paper's table: one row per k (fonts per character), columns none / classic
 * / VAE-posterior as mean ± sd over seeds, the best of each row in bold, and the protocol under it.
 */
import type { ReactElement } from 'react';
import { BENCHMARK_ARMS, type DatasetsBenchmark } from '../../../preload/contract';
import { ARM_LABELS, bestArms, meanSd } from './results';

export function BenchmarkView({ b }: { b: DatasetsBenchmark }): ReactElement {
  return (
    <section className="datasets-result" data-testid="datasets-benchmark">
      <table className="datasets-table datasets-paper" data-testid="datasets-benchmark-table">
        <caption>
          Few-shot glyph classification, test accuracy (mean ± sd over {b.seeds.length} seeds, {b.steps}{' '}
          steps, {b.augmentK} synthetic per real image)
        </caption>
        <thead>
          <tr>
            <th scope="col">k</th>
            {BENCHMARK_ARMS.map((a) => (
              <th key={a} scope="col">
                {ARM_LABELS[a]}
              </th>
            ))}
            <th scope="col">Train / test</th>
          </tr>
        </thead>
        <tbody>
          {b.rows.map((r) => {
            const best = bestArms(r);
            return (
              <tr key={r.k} data-testid="datasets-benchmark-row" data-k={r.k}>
                <th scope="row">{r.k}</th>
                {BENCHMARK_ARMS.map((a) => (
                  <td key={a} data-arm={a} data-best={best.includes(a)}>
                    {best.includes(a) ? <strong>{meanSd(r.arms[a])}</strong> : meanSd(r.arms[a])}
                  </td>
                ))}
                <td className="muted">
                  {r.counts.train} / {r.counts.test}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="datasets-protocol" data-testid="datasets-protocol">
        {b.protocol}
      </p>
    </section>
  );
}
