/**
 * The check-yourself tasks: each verified on the live model after every metrics update; once
 * passed it stays passed until the learner resets (a task is done, even if training moves on).
 */
import type { CheckContext, CheckDef } from './lab-def';

export interface CheckResult {
  passed: boolean;
  detail: string;
}

export type CheckResults = Record<string, CheckResult>;

export function evaluateChecks(
  checks: readonly CheckDef[],
  ctx: CheckContext,
  before: CheckResults,
): CheckResults {
  const out: CheckResults = {};
  for (const c of checks) {
    const prev = before[c.id];
    if (prev?.passed) {
      out[c.id] = prev;
      continue;
    }
    try {
      out[c.id] = c.verify(ctx);
    } catch (e) {
      out[c.id] = {
        passed: false,
        detail: `Could not check yet (${e instanceof Error ? e.message : String(e)}).`,
      };
    }
  }
  return out;
}

/** Whether two result sets read the same (so an unchanged check does not redraw). */
export function sameResults(a: CheckResults, b: CheckResults): boolean {
  const ka = Object.keys(a);
  return (
    ka.length === Object.keys(b).length &&
    ka.every((k) => a[k]?.passed === b[k]?.passed && a[k]?.detail === b[k]?.detail)
  );
}
