/**
 * An evaluation's result: real only vs real + synthetic (mean ± sd over seeds), the difference
 * with its sign and colour, the per-seed numbers, and per-class accuracy bars sorted by how much
 * the synthetic images helped.
 */
import type { ReactElement } from 'react';
import type { DatasetsEvaluation } from '../../../preload/contract';
import { classRows, meanSd, signedPoints } from './results';

const pct = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);

function Bar({ value, kind }: { value: number | null; kind: 'real' | 'synthetic' }): ReactElement {
  return (
    <div className="datasets-bar" title={pct(value)}>
      <div
        className={`datasets-bar-fill is-${kind}`}
        style={{ width: `${Math.round((value ?? 0) * 100)}%` }}
      />
    </div>
  );
}

export function EvaluationView({ ev }: { ev: DatasetsEvaluation }): ReactElement {
  const diff = signedPoints(ev.difference.mean);
  return (
    <section className="datasets-result" data-testid="datasets-evaluation">
      <table className="datasets-table" data-testid="datasets-evaluation-table">
        <thead>
          <tr>
            <th scope="col">Training set</th>
            <th scope="col">Test accuracy (mean ± sd)</th>
            {ev.seeds.map((s) => (
              <th key={s} scope="col" className="datasets-seed-col">
                seed {s}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr data-testid="datasets-arm-real">
            <th scope="row">Real only</th>
            <td>{meanSd(ev.realOnly.accuracy)}</td>
            {ev.realOnly.perSeed.map((a, i) => (
              <td key={i}>{pct(a)}</td>
            ))}
          </tr>
          <tr data-testid="datasets-arm-synthetic">
            <th scope="row">Real + synthetic</th>
            <td>{meanSd(ev.withSynthetic.accuracy)}</td>
            {ev.withSynthetic.perSeed.map((a, i) => (
              <td key={i}>{pct(a)}</td>
            ))}
          </tr>
          <tr className="datasets-diff-row">
            <th scope="row">Difference</th>
            <td>
              <span
                className={`datasets-diff is-${diff.tone}`}
                data-testid="datasets-difference"
                data-tone={diff.tone}
                data-value={ev.difference.mean}
              >
                {diff.text}
              </span>{' '}
              <span className="muted">± {(ev.difference.sd * 100).toFixed(1)}</span>
            </td>
            {ev.difference.perSeed.map((d, i) => {
              const s = signedPoints(d);
              return (
                <td key={i} className={`datasets-diff is-${s.tone}`}>
                  {s.text}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
      <p className="muted">
        {ev.counts.train} real and {ev.counts.synthetic} synthetic training images; tested on {ev.counts.test}{' '}
        images of the held-out <code>{ev.testSplit}/</code> split
        {ev.counts.skipped ? `; ${ev.counts.skipped} unreadable images left out` : ''}. The same classifier,
        steps and seeds for both arms.
      </p>
      <h3 className="section-title">Per class, most helped first</h3>
      <table className="datasets-table datasets-classes" data-testid="datasets-classes">
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Real only</th>
            <th scope="col">Real + synthetic</th>
            <th scope="col">Difference</th>
          </tr>
        </thead>
        <tbody>
          {classRows(ev).map((r) => {
            const d = r.difference === null ? null : signedPoints(r.difference);
            return (
              <tr key={r.name} data-testid="datasets-class-row" data-class={r.name}>
                <th scope="row">
                  {r.name} <span className="muted">({r.testCount} test)</span>
                </th>
                <td>
                  <Bar value={r.real} kind="real" /> {pct(r.real)}
                </td>
                <td>
                  <Bar value={r.withSynthetic} kind="synthetic" /> {pct(r.withSynthetic)}
                </td>
                <td className={d ? `datasets-diff is-${d.tone}` : 'muted'}>{d ? d.text : 'no test items'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
