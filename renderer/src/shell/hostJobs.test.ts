import { describe, expect, it } from 'vitest';
import type { JobInfo, JobProgress } from '../../../preload/contract';
import { JobFollower, PendingJobs, type FollowHandlers } from './hostJobs';
import { memoryStore, type Store } from './storage';

const job = (jobId: string, over: Partial<JobInfo> = {}): JobInfo => ({
  jobId,
  kind: 'image',
  label: 'a fox',
  stage: 'inference',
  fraction: 0.3,
  message: '',
  seed: 4,
  count: 2,
  startedAt: 1,
  finishedAt: null,
  resultIds: [],
  ...over,
});
const done = (jobId: string, ids: string[], over: Partial<JobInfo> = {}): JobInfo =>
  job(jobId, { stage: 'done', fraction: 1, finishedAt: 2, resultIds: ids, ...over });
const tick = (jobId: string, over: Partial<JobProgress> = {}): JobProgress => ({
  jobId,
  kind: 'image',
  stage: 'inference',
  fraction: 0.5,
  message: '',
  ...over,
});

function setup(store: Store = memoryStore()) {
  const calls: string[] = [];
  const handlers: FollowHandlers = {
    attach: (j) => calls.push(`attach ${j.jobId}`),
    progress: (p) => calls.push(`progress ${p.jobId} ${p.fraction}`),
    finish: (j) => calls.push(`finish ${j.jobId} ${j.stage} [${j.resultIds.join(',')}]`),
  };
  const pending = new PendingJobs(store, 'image');
  return { f: new JobFollower('image', pending), pending, handlers, calls, store };
}

describe('JobFollower', () => {
  it('attaches running and queued jobs of its kind from the list, passes their progress on, finishes them', () => {
    const { f, handlers, calls } = setup();
    f.listed(
      [
        job('job-a'),
        job('job-b', { stage: 'queued' }),
        job('job-t', { kind: 'texture' }),
        done('job-old', ['r0']),
      ],
      handlers,
    );
    expect(calls).toEqual(['attach job-a', 'attach job-b']);
    f.progress(tick('job-a'), handlers);
    f.progress(tick('job-t', { kind: 'texture' }), handlers);
    f.finished(done('job-a', ['r1', 'r2']), handlers);
    f.finished(done('job-a', ['r1', 'r2']), handlers);
    expect(calls.slice(2)).toEqual(['progress job-a 0.5', 'finish job-a done [r1,r2]']);
    // A list answered late does not attach an ended job again.
    f.listed([done('job-a', ['r1', 'r2']), job('job-b')], handlers);
    expect(calls).toHaveLength(4);
  });

  it('leaves the jobs this page starts to the page, but remembers them across a reload', () => {
    const store = memoryStore();
    const first = setup(store);
    first.f.started('job-mine');
    first.f.progress(tick('job-mine'), first.handlers);
    first.f.listed([job('job-mine')], first.handlers);
    first.f.finished(done('job-mine', ['r1']), first.handlers);
    expect(first.calls).toEqual([]);
    expect(first.pending.ids()).toEqual(['job-mine']);

    // The page reloads while the job runs: the new page follows it and gets its results.
    const second = setup(store);
    second.f.listed([job('job-mine')], second.handlers);
    second.f.finished(done('job-mine', ['r1']), second.handlers);
    expect(second.calls).toEqual(['attach job-mine', 'finish job-mine done [r1]']);
    expect(second.pending.ids()).toEqual([]);
  });

  it('a job started before a reload that ended meanwhile is finished from the list; an answered one is not', () => {
    const store = memoryStore();
    const first = setup(store);
    first.f.started('job-ended');
    first.f.started('job-answered');
    first.f.settled('job-answered');
    first.f.started('job-gone');
    const second = setup(store);
    second.f.listed([done('job-ended', ['r1']), done('job-answered', ['r2'])], second.handlers);
    expect(second.calls).toEqual(['finish job-ended done [r1]']);
    // An id the host no longer lists is forgotten.
    expect(second.pending.ids()).toEqual([]);
  });

  it('a finished event before the list answers still reaches a job started before the reload', () => {
    const store = memoryStore();
    setup(store).f.started('job-x');
    const second = setup(store);
    second.f.finished(done('job-x', ['r9']), second.handlers);
    second.f.listed([done('job-x', ['r9'])], second.handlers);
    expect(second.calls).toEqual(['finish job-x done [r9]']);
  });

  it('asks for the list again when a job it does not know reports progress; ignores ended ones', () => {
    const { f, handlers, calls } = setup();
    expect(f.progress(tick('job-new'), handlers)).toBe('relist');
    expect(f.progress(tick('job-new', { stage: 'cancelled' }), handlers)).toBeNull();
    expect(f.progress(tick('job-t', { kind: 'texture' }), handlers)).toBeNull();
    f.finished(done('job-unseen', ['r1']), handlers);
    expect(calls).toEqual([]);
  });

  it('keeps the pending ids in the store as JSON, per kind, and reads junk as none', () => {
    const store = memoryStore();
    const p = new PendingJobs(store, 'texture');
    p.add('job-1');
    p.add('job-2');
    p.add('job-1');
    expect(JSON.parse(store.getItem('atelier.jobs.pending.texture')!)).toEqual(['job-2', 'job-1']);
    p.remove('job-2');
    p.remove('job-1');
    expect(store.getItem('atelier.jobs.pending.texture')).toBeNull();
    store.setItem('atelier.jobs.pending.texture', '{"no":1}');
    expect(p.ids()).toEqual([]);
  });
});
