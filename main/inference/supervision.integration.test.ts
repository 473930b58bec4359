/**
 * Supervision, for real: the inference process is SIGKILLed mid-job; the job fails with a clear
 * error, the process respawns, the next job succeeds and the library is intact.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { realAtelier } from '../testing/atelier';

let env: Awaited<ReturnType<typeof realAtelier>>;
beforeAll(async () => {
  env = await realAtelier();
});
afterAll(async () => env.cleanup());

it('a SIGKILLed inference process fails the in-flight job clearly, respawns, and the next job succeeds', async () => {
  const { atelier } = env;
  const style = atelier.registry.status().find((m) => m.texture)!.texture!.styles[0]!.id;
  const first = await atelier.router.call('texture.generate', {
    jobId: 'job-before-crash',
    params: { seed: 1, size: 256, style },
  });
  expect(first.ok).toBe(true);
  const pidBefore = atelier.inference.pid;
  expect(pidBefore).toBeGreaterThan(0);

  const statuses: string[] = [];
  const off = atelier.events.on('inference.status', (s) => statuses.push(s.state));
  const inInference = new Promise<void>((resolve) => {
    const stop = atelier.events.on('job.progress', (p) => {
      if (p.jobId === 'job-crash' && p.stage === 'inference') {
        stop();
        resolve();
      }
    });
  });
  const pending = atelier.router.call('texture.generate', {
    jobId: 'job-crash',
    params: { seed: 2, size: 2048, style },
  });
  await inInference;
  atelier.inference.kill('SIGKILL');
  const crashed = await pending;
  expect(crashed.ok).toBe(false);
  if (!crashed.ok) {
    expect(crashed.error.code).toBe('inference-crashed');
    expect(crashed.error.message).toMatch(/inference process was killed \(SIGKILL\).*not saved.*restarted/);
  }

  const next = await atelier.router.call('texture.generate', {
    jobId: 'job-after-crash',
    params: { seed: 3, size: 256, style },
  });
  expect(next.ok).toBe(true);
  expect(atelier.inference.pid).not.toBe(pidBefore);
  expect(atelier.inference.status.restarts).toBe(1);
  expect(statuses).toContain('restarting');
  expect(statuses.at(-1)).toBe('ready');
  off();

  // The library holds exactly the two acknowledged generations and is consistent.
  expect(
    atelier.library
      .list()
      .map((g) => g.seed)
      .sort(),
  ).toEqual([1, 3]);
  expect(atelier.library.integrityCheck()).toBe('ok');
});

it('the echo path round-trips binary buffers intact', async () => {
  const buf = new Uint8Array(1024 * 1024 * 4).map((_, i) => i % 251);
  const back = new Uint8Array(await env.atelier.inference.echo(buf.buffer));
  expect(back.length).toBe(buf.length);
  expect(Buffer.from(back).equals(Buffer.from(buf))).toBe(true);
});
