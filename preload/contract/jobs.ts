/**
 * Long jobs (any studio's): progress events, cancel, and the host's list of them. Jobs belong to
 * the host, not to the page that started them: a reloaded or second page asks `jobs.list` for
 * what runs (and what finished lately) and hears `job.progress` / `job.finished` from then on.
 */
import { z } from 'zod';
import { JobId, method, NoInput } from './common';

export const JobStage = z.enum([
  'queued',
  'preparing',
  'inference',
  'encoding',
  'saving',
  'done',
  'failed',
  'cancelled',
]);
export type JobStage = z.infer<typeof JobStage>;

/** The stages a job ends in. */
export const FINISHED_STAGES: readonly JobStage[] = ['done', 'failed', 'cancelled'];

export const JobProgress = z.object({
  jobId: z.string(),
  /** The section that runs the job ('texture', 'image', 'text'); absent from older hosts. */
  kind: z.string().optional(),
  /** 0..1 */
  fraction: z.number(),
  stage: JobStage,
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

/** A job as the host keeps it: running or queued, or finished lately (with the records it made). */
export const JobInfo = z.object({
  jobId: z.string(),
  /** The section that runs it: 'texture', 'image', 'text'. */
  kind: z.string(),
  /** What it makes, in words (an image job's prompt, a texture's style and seed). */
  label: z.string(),
  stage: JobStage,
  /** 0..1 */
  fraction: z.number(),
  message: z.string(),
  /** The seed it draws from, when it has one (an image batch's image k uses seed + k). */
  seed: z.number().nullable(),
  /** How many records it makes when done (an image batch's size). */
  count: z.number(),
  /** Epoch ms. */
  startedAt: z.number(),
  /** Epoch ms; null while it runs or waits. */
  finishedAt: z.number().nullable(),
  /** The library records it made, in order (empty until done). */
  resultIds: z.array(z.string()),
});
export type JobInfo = z.infer<typeof JobInfo>;

export const jobs = {
  cancel: method(z.object({ jobId: JobId }).strict(), z.object({ cancelled: z.boolean() })),
  /**
   * Every studio's jobs the host runs or queues, oldest first, then the ones finished in the last
   * minutes (at most the last 20), with the records they made.
   */
  list: method(NoInput, z.array(JobInfo)),
};
