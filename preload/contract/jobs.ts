/** Long jobs (any studio's): progress events and cancel. */
import { z } from 'zod';
import { JobId, method } from './common';

export const JobProgress = z.object({
  jobId: z.string(),
  /** 0..1 */
  fraction: z.number(),
  stage: z.enum(['queued', 'preparing', 'inference', 'encoding', 'saving', 'done', 'failed', 'cancelled']),
  message: z.string(),
});
export type JobProgress = z.infer<typeof JobProgress>;

export const jobs = {
  cancel: method(z.object({ jobId: JobId }).strict(), z.object({ cancelled: z.boolean() })),
};
