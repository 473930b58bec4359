/** The strip of Datasets jobs this page did not start: progress and Cancel, then how each ended. */
import type { ReactElement } from 'react';
import { progressPercent, stageText } from '../shell/job';
import type { Followed } from './useFollowedJobs';

const ENDED: Record<string, string> = {
  done: 'Finished. Run the same request again to see its result: what it made is reused.',
  failed: 'Failed. Run the same request again to go on from where it stopped.',
  cancelled: 'Cancelled. Run the same request again to go on from where it stopped.',
};

export function FollowedJobs({
  jobs,
  onCancel,
  onDismiss,
}: {
  jobs: readonly Followed[];
  onCancel: (jobId: string) => void;
  onDismiss: (jobId: string) => void;
}): ReactElement | null {
  if (jobs.length === 0) return null;
  return (
    <div className="datasets-followed" data-testid="datasets-followed">
      {jobs.map((j) => {
        const ended = ENDED[j.stage];
        const percent = progressPercent(j.fraction);
        return (
          <div
            key={j.jobId}
            className="datasets-followed-job"
            data-testid="datasets-followed-job"
            data-stage={j.stage}
          >
            <strong>{j.label}</strong>
            {ended ? (
              <span className="muted">{ended}</span>
            ) : (
              <>
                <div className="progress" role="progressbar" aria-label={j.label} aria-valuenow={percent}>
                  <div className="progress-fill" style={{ width: `${percent}%` }} />
                </div>
                <span className="muted">{stageText(j.stage, j.message)}</span>
              </>
            )}
            {ended ? (
              <button type="button" className="button small ghost" onClick={() => onDismiss(j.jobId)}>
                Dismiss
              </button>
            ) : (
              <button
                type="button"
                className="button small"
                data-testid="datasets-followed-cancel"
                onClick={() => onCancel(j.jobId)}
              >
                Cancel
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
