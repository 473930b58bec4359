/**
 * Integration: jobs belong to the host. A job started through the router (as any page starts
 * it) is listed by `jobs.list` while it waits and runs, and once finished — with the records it
 * made — and `job.finished` carries the same, so a page that did not start it can show them.
 * The real bundled models in the real inference process, a real SQLite library.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, ImageOutput, JobInfo } from '../../preload/contract';
import { callOk, realAtelier } from '../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

const list = () => call<JobInfo[]>('jobs.list', {});

/** Resolves with the first `jobs.list` entry of `jobId` that `ok` accepts (polled every 5 ms). */
async function listedAs(jobId: string, ok: (j: JobInfo) => boolean): Promise<JobInfo> {
  for (;;) {
    const j = (await list()).find((x) => x.jobId === jobId);
    if (j && ok(j)) return j;
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('jobs.list and job.finished', () => {
  it('an image batch: listed while it waits and runs, then with its result ids', async () => {
    const finished: JobInfo[] = [];
    const off = env.atelier.events.on('job.finished', (j) => finished.push(j));
    const first = call<ImageOutput>('image.generate', {
      jobId: 'jobs-image-first',
      params: { model: 'emoji', prompt: 'red heart', seed: 5, steps: 20, batch: 2 },
    });
    const second = call<ImageOutput>('image.generate', {
      jobId: 'jobs-image-second',
      params: { model: 'emoji', prompt: 'smiling face', seed: 9, steps: 4, batch: 1 },
    });
    const running = await listedAs('jobs-image-first', (j) => j.stage === 'inference');
    expect(running).toMatchObject({
      kind: 'image',
      label: 'red heart',
      seed: 5,
      count: 2,
      finishedAt: null,
      resultIds: [],
    });
    expect(running.fraction).toBeGreaterThan(0);
    expect(running.startedAt).toBeLessThanOrEqual(Date.now());
    // The second waits its turn in the studio's FIFO: listed too, still queued.
    expect((await list()).find((j) => j.jobId === 'jobs-image-second')).toMatchObject({
      stage: 'queued',
      count: 1,
    });

    const [a, b] = await Promise.all([first, second]);
    off();
    const done = await list();
    const entryA = done.find((j) => j.jobId === 'jobs-image-first')!;
    expect(entryA).toMatchObject({ stage: 'done', fraction: 1, resultIds: a.results.map((g) => g.id) });
    expect(entryA.finishedAt).toBeGreaterThanOrEqual(entryA.startedAt);
    expect(done.find((j) => j.jobId === 'jobs-image-second')!.resultIds).toEqual([b.results[0]!.id]);
    expect(finished.map((j) => [j.jobId, j.resultIds])).toEqual([
      ['jobs-image-first', a.results.map((g) => g.id)],
      ['jobs-image-second', [b.results[0]!.id]],
    ]);
  });

  it('a texture: listed while it runs, then with the id of its record; a cancelled one with none', async () => {
    const finished: JobInfo[] = [];
    const off = env.atelier.events.on('job.finished', (j) => finished.push(j));
    const style = env.atelier.registry.status().find((m) => m.id === 'texture')!.texture!.styles[0]!.id;
    const pending = call<Generation>('texture.generate', {
      jobId: 'jobs-texture-one',
      params: { seed: 3, size: 512, style },
    });
    const running = await listedAs('jobs-texture-one', () => true);
    expect(running).toMatchObject({ kind: 'texture', seed: 3, count: 1, finishedAt: null });
    expect(running.label).toContain('seed 3');
    const gen = await pending;
    expect((await list()).find((j) => j.jobId === 'jobs-texture-one')).toMatchObject({
      stage: 'done',
      resultIds: [gen.id],
    });

    const cancelled = call<Generation>('texture.generate', {
      jobId: 'jobs-texture-two',
      params: { seed: 4, size: 2048, style },
    }).catch((e: Error) => e);
    await listedAs('jobs-texture-two', () => true);
    await call('jobs.cancel', { jobId: 'jobs-texture-two' });
    expect(String(await cancelled)).toMatch(/cancelled/);
    off();
    expect(finished.map((j) => [j.jobId, j.stage, j.resultIds])).toEqual([
      ['jobs-texture-one', 'done', [gen.id]],
      ['jobs-texture-two', 'cancelled', []],
    ]);
  });
});
