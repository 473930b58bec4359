/**
 * The Labs worker thread's lifecycle: a worker that dies fails the request it held with a sentence
 * (never a hang), the next request starts a fresh worker, and a real worker answers checks and
 * refusals as typed errors.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { preset } from '../../../preload/labs/data';
import { trainHeadless } from '../../../preload/labs/headless';
import { createLabsThread, startLabsWorker } from './thread';

describe('the Labs worker thread', () => {
  it('fails a request whose worker dies, then starts a new one for the next', async () => {
    let starts = 0;
    const thread = createLabsThread(async () => {
      starts++;
      // The first worker dies as soon as it is asked anything; later ones are the real thing.
      if (starts === 1)
        return new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3))", {
          eval: true,
        });
      return startLabsWorker();
    });
    const { state } = await trainHeadless({
      lab: 'gan',
      data: preset('ring8', 200, 1),
      seed: 2,
      steps: 2,
      settings: { width: 8 },
    });
    try {
      await expect(thread.check(state)).rejects.toMatchObject({
        code: 'internal',
        message: 'The Labs worker stopped (exit code 3); nothing was saved. Try again.',
      });
      await expect(thread.check(state)).resolves.toMatchObject({ rows: 200, settings: { width: 8 } });
      await expect(thread.onnx(state)).rejects.toMatchObject({ code: 'invalid-input', field: 'state.lab' });
      expect(starts).toBe(2);
    } finally {
      await thread.close();
    }
  });
});
