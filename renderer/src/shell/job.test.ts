import { describe, expect, it } from 'vitest';
import { applyProgress, progressPercent, stageText, type JobStatus } from './job';

describe('job progress', () => {
  it('converts fractions to 0..100', () => {
    expect(progressPercent(0)).toBe(0);
    expect(progressPercent(0.456)).toBe(46);
    expect(progressPercent(1)).toBe(100);
    expect(progressPercent(1.7)).toBe(100);
    expect(progressPercent(-1)).toBe(0);
    expect(progressPercent(Number.NaN)).toBe(0);
  });

  it('prefers the message, else names the stage', () => {
    expect(stageText('inference', 'Step 3 of 8')).toBe('Step 3 of 8');
    expect(stageText('encoding', '')).toBe('Encoding');
  });

  const job: JobStatus = {
    jobId: 'job-1',
    label: 'Texture',
    fraction: 0.5,
    stage: 'inference',
    message: '',
    running: true,
  };

  it('applies only this job’s events and never moves backwards', () => {
    expect(applyProgress(job, { jobId: 'other', fraction: 0.9, stage: 'saving', message: '' })).toBe(job);
    expect(
      applyProgress(job, { jobId: 'job-1', fraction: 0.8, stage: 'encoding', message: 'x' }),
    ).toMatchObject({
      fraction: 0.8,
      stage: 'encoding',
      message: 'x',
    });
    expect(
      applyProgress(job, { jobId: 'job-1', fraction: 0.2, stage: 'inference', message: '' }).fraction,
    ).toBe(0.5);
  });
});
