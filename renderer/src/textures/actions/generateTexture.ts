import type { AtelierApi, Generation, JobProgress, TextureParamsInput } from '../../../../preload/contract';

/**
 * Runs one texture generation: listens to this job's progress (and only this job's) for as long as
 * the call runs. Rejects with AtelierError; code 'cancelled' when the job was cancelled.
 */
export async function generateTexture(
  api: AtelierApi,
  jobId: string,
  params: TextureParamsInput,
  onProgress: (p: JobProgress) => void,
): Promise<Generation> {
  const off = api.on('job.progress', (p) => {
    if (p.jobId === jobId) onProgress(p);
  });
  try {
    return await api.texture.generate({ jobId, params });
  } finally {
    off();
  }
}

/** Asks main to stop a job; the pending generate call then rejects with code 'cancelled'. */
export async function cancelJob(api: AtelierApi, jobId: string): Promise<boolean> {
  const { cancelled } = await api.jobs.cancel({ jobId });
  return cancelled;
}
