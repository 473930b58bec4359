import type { JobProgress } from '../../../preload/contract';

/** The running (or last) job as the shell shows it. */
export interface JobStatus {
  jobId: string;
  label: string;
  fraction: number;
  stage: JobProgress['stage'];
  message: string;
  running: boolean;
}

/** 0..100, whole numbers, for aria-valuenow. */
export function progressPercent(fraction: number): number {
  if (!Number.isFinite(fraction)) return 0;
  return Math.round(Math.min(1, Math.max(0, fraction)) * 100);
}

const STAGE_TEXT: Record<JobProgress['stage'], string> = {
  queued: 'Queued',
  preparing: 'Preparing',
  inference: 'Running the model',
  encoding: 'Encoding',
  saving: 'Saving',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** The readable stage: main's message when it sent one, else a sentence for the stage. */
export function stageText(stage: JobProgress['stage'], message: string): string {
  return message.trim() !== '' ? message : STAGE_TEXT[stage];
}

/** The job after a progress event (events for other jobs leave it unchanged). */
export function applyProgress(job: JobStatus, p: JobProgress): JobStatus {
  if (p.jobId !== job.jobId) return job;
  return { ...job, fraction: Math.max(job.fraction, p.fraction), stage: p.stage, message: p.message };
}
