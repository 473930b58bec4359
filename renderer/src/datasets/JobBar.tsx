/**
 * A tab's Run row and its job: the Run button (disabled while a job runs), then the progress bar
 * with main's message ("12/40 items · about 8 s left") and Cancel; after a cancel or a failure,
 * the sentence and Resume (the same request again: what is done is reused). A refusal that names
 * a field is shown beside that field instead; one that does not (an unavailable method) here.
 */
import type { ReactElement } from 'react';
import type { ErrorInfo } from '../../../preload/contract';
import { progressPercent } from '../shell/job';
import type { JobPhase, JobView } from './useDatasetJob';

/** Refusals that running the same request again cannot fix. */
const FINAL = new Set(['invalid-input', 'not-found', 'unsupported', 'unknown-method']);

export function canResume(phase: JobPhase, error: ErrorInfo | null): boolean {
  return phase === 'cancelled' || (phase === 'failed' && !FINAL.has(error?.code ?? ''));
}

/** The line under the progress bar: main's message while it runs, where it stopped after. */
export function statusLine(phase: JobPhase, message: string, percent: number, stopping: boolean): string {
  if (phase === 'running') return stopping ? 'Stopping after the item in hand…' : message;
  const at = message ? ` after ${message.split(' · ')[0]}` : ` at ${percent}%`;
  if (phase === 'cancelled') return `Cancelled${at}: what was written is kept.`;
  return phase === 'failed' ? `Stopped${at}: what was written is kept.` : message;
}

export function JobBar({
  id,
  runLabel,
  job,
  fieldShown,
  problems,
  onRun,
}: {
  id: string;
  runLabel: string;
  job: JobView;
  /** The error's field is shown beside its field (so not here). */
  fieldShown: boolean;
  /** The form's problems, repeated here so they show wherever the form is scrolled. */
  problems: Record<string, string>;
  onRun: () => void;
}): ReactElement {
  const { phase, fraction, message, stopping, error } = job;
  const running = phase === 'running';
  const percent = progressPercent(fraction);
  const resumable = canResume(phase, error);
  const sentences = [...new Set(Object.values(problems))];
  return (
    <div className="datasets-job" data-testid={`datasets-${id}-job`} data-phase={phase}>
      {sentences.length ? (
        <ul className="datasets-job-problems" data-testid={`datasets-${id}-problems`}>
          {sentences.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      ) : null}
      <div className="datasets-job-buttons">
        <button
          type="button"
          className="button primary"
          data-testid={`datasets-${id}-run`}
          disabled={running}
          onClick={onRun}
        >
          {runLabel}
        </button>
        {running ? (
          <button type="button" className="button" data-testid={`datasets-${id}-cancel`} onClick={job.cancel}>
            Cancel
          </button>
        ) : null}
        {resumable ? (
          <button
            type="button"
            className="button"
            data-testid={`datasets-${id}-resume`}
            title="Run the same request again: what is already done is kept and skipped"
            onClick={job.resume}
          >
            Resume
          </button>
        ) : null}
      </div>
      {running || phase === 'cancelled' || (phase === 'failed' && resumable) ? (
        <div className="progress-block">
          <div
            className="progress"
            role="progressbar"
            data-testid={`datasets-${id}-progress`}
            aria-label={`${runLabel} progress`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={percent}
            aria-valuetext={`${percent}% · ${message}`}
            data-stage={running ? 'inference' : phase}
          >
            <div className="progress-fill" style={{ width: `${percent}%` }} />
          </div>
          <div className="progress-text" data-testid={`datasets-${id}-message`}>
            <span>{statusLine(phase, message, percent, stopping)}</span>
            <span>{`${percent}%`}</span>
          </div>
        </div>
      ) : null}
      {error && phase !== 'cancelled' && !fieldShown ? (
        <div
          className="callout callout-bad"
          role="alert"
          data-testid={`datasets-${id}-error`}
          data-code={error.code}
        >
          {error.message}
        </div>
      ) : null}
    </div>
  );
}
