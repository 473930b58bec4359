/**
 * The check-yourself tasks, verified on the live model after every metrics update (checks.ts):
 * each shows whether it passed and what was measured; a passed task stays passed until Reset.
 */
import { useCallback, useEffect, useRef, type ReactElement } from 'react';
import { evaluateChecks, sameResults, type CheckResults } from './checks';
import type { LabDef } from './lab-def';
import type { Live } from './live';
import { useStoreValue, type Store } from './store';
import type { ChecksState } from './useLabRun';
import type { SessionInfo } from './worker/protocol';

interface Props {
  def: LabDef;
  store: Store<Live>;
  session: SessionInfo | null;
  checks: Store<ChecksState>;
}

const NONE: CheckResults = {};
const selectSeq = (l: Live): number => l.metricsSeq;

export function ChecksPanel({ def, store, session, checks }: Props): ReactElement | null {
  const seq = useStoreValue(store, selectSeq);
  const results = useStoreValue(
    checks,
    useCallback((s: ChecksState) => s.byLab[def.id] ?? NONE, [def.id]),
  );

  // The run's settings and data, read when metrics land (a new run must not re-verify old metrics).
  const sessionRef = useRef(session);
  useEffect(() => {
    sessionRef.current = session;
  }, [session]);

  // Each metrics update: verify the tasks on the live model.
  useEffect(() => {
    const live = store.get();
    const session = sessionRef.current;
    if (!session || session.lab !== def.id || live.lab !== def.id || !live.metrics) return;
    const before = checks.get().byLab[def.id] ?? NONE;
    const next = evaluateChecks(
      def.checks,
      {
        metrics: live.metrics,
        settings: session.settings,
        iteration: live.iteration,
        losses: live.losses,
        data: session.data,
      },
      before,
    );
    if (!sameResults(before, next)) checks.set({ byLab: { ...checks.get().byLab, [def.id]: next } });
  }, [def, seq, checks, store]);

  if (def.checks.length === 0) return null;
  return (
    <section className="labs-checks" aria-label="Check yourself">
      <h2 className="section-title">Check yourself</h2>
      <ul className="labs-check-list">
        {def.checks.map((c) => {
          const r = results[c.id];
          const passed = r?.passed === true;
          return (
            <li
              key={c.id}
              className={`labs-check${passed ? ' is-passed' : ''}`}
              data-testid={`lab-check-${c.id}`}
              data-passed={passed}
            >
              <span className="labs-check-mark" aria-hidden="true">
                {passed ? '✓' : '○'}
              </span>
              <div className="labs-check-body">
                <div className="labs-check-title">
                  {c.title}
                  <span className="visually-hidden">{passed ? ' (done)' : ' (not yet)'}</span>
                </div>
                {r ? <div className="labs-check-detail">{r.detail}</div> : null}
                <details className="labs-check-hint">
                  <summary>Hint</summary>
                  {c.hint}
                </details>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
