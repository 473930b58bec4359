/** The host's jobs: progress, cancel, and the list a reloaded or second page reads. */
import { describe, expect, it } from 'vitest';
import { AtelierError, type JobInfo, type JobProgress } from '../../preload/contract';
import { JobManager } from './jobs';

function setup(opts: { keepFinished?: number; keepMs?: number } = {}) {
  let now = 1_000;
  const progress: JobProgress[] = [];
  const finished: JobInfo[] = [];
  const jobs = new JobManager((p) => progress.push(p), {
    ...opts,
    onFinished: (j) => finished.push(j),
    now: () => now,
  });
  return { jobs, progress, finished, tick: (ms: number) => (now += ms) };
}

/** A job that waits until `release` is called. */
function gate<T>(value: T): { promise: Promise<T>; release: () => void } {
  let release = (): void => {};
  const promise = new Promise<T>((r) => {
    release = () => r(value);
  });
  return { promise, release };
}

describe('JobManager', () => {
  it('lists a running job with its kind, label, stage and start, then its result ids when done', async () => {
    const { jobs, progress, finished, tick } = setup();
    const g = gate({ ids: ['a1', 'a2'] });
    const run = jobs.run(
      'job-one-1',
      async (ctx) => {
        ctx.progress('inference', 0.5, 'Step 2 of 4');
        return g.promise;
      },
      { kind: 'image', label: 'a red fox', seed: 7, count: 2, results: (r) => r.ids },
    );
    await Promise.resolve();
    expect(jobs.list()).toEqual([
      {
        jobId: 'job-one-1',
        kind: 'image',
        label: 'a red fox',
        stage: 'inference',
        fraction: 0.5,
        message: 'Step 2 of 4',
        seed: 7,
        count: 2,
        startedAt: 1_000,
        finishedAt: null,
        resultIds: [],
      },
    ]);
    expect(progress.map((p) => [p.kind, p.stage])).toEqual([
      ['image', 'queued'],
      ['image', 'inference'],
    ]);

    tick(500);
    g.release();
    await run;
    const done = jobs.list();
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ stage: 'done', fraction: 1, finishedAt: 1_500, resultIds: ['a1', 'a2'] });
    expect(finished).toEqual(done);
    expect(progress.at(-1)).toEqual({
      jobId: 'job-one-1',
      kind: 'image',
      stage: 'done',
      fraction: 1,
      message: 'Done',
    });
    expect(jobs.active).toBe(0);
  });

  it('a cancelled or failed job is listed as such, with no results, and announced', async () => {
    const { jobs, finished } = setup();
    const g = gate(null);
    const cancelled = jobs.run(
      'job-cancel-1',
      async (ctx) => {
        await g.promise;
        ctx.checkpoint();
        return 'never';
      },
      { kind: 'texture', label: 't', results: () => ['x'] },
    );
    expect(jobs.cancel('job-cancel-1')).toBe(true);
    g.release();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    await expect(
      jobs.run('job-fail-01', () => Promise.reject(new AtelierError({ code: 'internal', message: 'boom' })), {
        kind: 'texture',
        label: 't',
      }),
    ).rejects.toMatchObject({ code: 'internal' });
    expect(finished.map((j) => [j.jobId, j.stage, j.resultIds])).toEqual([
      ['job-cancel-1', 'cancelled', []],
      ['job-fail-01', 'failed', []],
    ]);
    expect(jobs.cancel('job-cancel-1')).toBe(false);
  });

  it('keeps finished jobs for a while and at most the last few; running ones always', async () => {
    const { jobs, tick } = setup({ keepFinished: 2, keepMs: 60_000 });
    const meta = { kind: 'texture', label: 't' };
    for (const id of ['job-old-01', 'job-old-02', 'job-old-03']) {
      await jobs.run(id, async () => 1, meta);
      tick(10);
    }
    expect(jobs.list().map((j) => j.jobId)).toEqual(['job-old-02', 'job-old-03']);
    const g = gate(1);
    const running = jobs.run('job-long-1', () => g.promise, meta);
    tick(60_000);
    expect(jobs.list().map((j) => [j.jobId, j.stage])).toEqual([['job-long-1', 'queued']]);
    g.release();
    await running;
  });

  it('a section without a kind of its own lists its jobs under the defaults it was given', async () => {
    const { jobs } = setup();
    const writer = jobs.withDefaults({ kind: 'text', label: 'Writer' });
    const g = gate('words');
    const run = writer.run('job-text-01', async (ctx) => {
      const words = await g.promise;
      ctx.checkpoint();
      return words;
    });
    expect(jobs.list()[0]).toMatchObject({ jobId: 'job-text-01', kind: 'text', label: 'Writer' });
    // One table: the manager cancels the view's job, and the view refuses a duplicate id.
    await expect(jobs.run('job-text-01', async () => 1)).rejects.toMatchObject({ field: 'jobId' });
    expect(jobs.cancel('job-text-01')).toBe(true);
    g.release();
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(writer.list()[0]).toMatchObject({ kind: 'text', stage: 'cancelled' });
  });

  it('ignores progress a job reports after it ended', async () => {
    const { jobs, progress } = setup();
    let late: ((stage: JobProgress['stage']) => void) | null = null;
    await jobs.run(
      'job-late-01',
      async (ctx) => {
        late = (s) => ctx.progress(s, 0.5, 'late');
        return 1;
      },
      { kind: 'texture', label: 't' },
    );
    const n = progress.length;
    late!('inference');
    expect(progress).toHaveLength(n);
    expect(jobs.list()[0]!.stage).toBe('done');
  });
});
