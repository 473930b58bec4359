import { describe, expect, it } from 'vitest';
import {
  AtelierError,
  type AtelierApi,
  type Generation,
  type JobProgress,
} from '../../../../preload/contract';
import { exportTexture } from './exportTexture';
import { cancelJob, generateTexture } from './generateTexture';

const gen: Generation = {
  id: 'abcdef12',
  kind: 'texture',
  createdAt: 0,
  modelId: 'texture',
  modelSha256: '',
  provider: 'cpu',
  seed: 1,
  params: { style: 'bark', size: 256 },
  parentId: null,
  durationMs: 5,
  width: 256,
  height: 256,
  title: 'Bark',
};

/** A fake API: `generate` emits progress for two jobs, then resolves or rejects. */
function fakeApi(outcome: 'ok' | 'cancelled', calls: string[] = []) {
  const listeners = new Set<(p: JobProgress) => void>();
  const api = {
    on: (_event: string, l: (p: JobProgress) => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    texture: {
      generate: async ({ jobId }: { jobId: string }) => {
        for (const l of [...listeners]) {
          l({ jobId: 'someone-else', fraction: 0.9, stage: 'inference', message: '' });
          l({ jobId, fraction: 0.5, stage: 'inference', message: 'half' });
        }
        if (outcome === 'cancelled') throw new AtelierError({ code: 'cancelled', message: 'Cancelled.' });
        return gen;
      },
    },
    jobs: {
      cancel: async ({ jobId }: { jobId: string }) => {
        calls.push(`cancel:${jobId}`);
        return { cancelled: true };
      },
    },
    app: { info: async () => ({ capabilities: { saveDialog: true } }) },
    library: {
      export: async ({ id }: { id: string }) => {
        calls.push(`export:${id}`);
        return { savedTo: id === gen.id ? '/home/me/bark.png' : null };
      },
    },
  };
  return { api: api as unknown as AtelierApi, listeners };
}

describe('generateTexture', () => {
  it('reports only its own job progress and unsubscribes when done', async () => {
    const { api, listeners } = fakeApi('ok');
    const seen: JobProgress[] = [];
    const result = await generateTexture(api, 'job-12345678', { seed: 1, size: 256, style: 'bark' }, (p) =>
      seen.push(p),
    );
    expect(result).toBe(gen);
    expect(seen).toEqual([{ jobId: 'job-12345678', fraction: 0.5, stage: 'inference', message: 'half' }]);
    expect(listeners.size).toBe(0);
  });

  it('rejects with the cancelled code and still unsubscribes', async () => {
    const { api, listeners } = fakeApi('cancelled');
    await expect(
      generateTexture(api, 'job-12345678', { seed: 1, size: 256, style: 'bark' }, () => undefined),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(listeners.size).toBe(0);
  });

  it('cancelJob asks main to cancel that job', async () => {
    const calls: string[] = [];
    const { api } = fakeApi('ok', calls);
    expect(await cancelJob(api, 'job-12345678')).toBe(true);
    expect(calls).toEqual(['cancel:job-12345678']);
  });
});

describe('exportTexture', () => {
  it('uses the host save dialog when the host has one', async () => {
    const calls: string[] = [];
    const { api } = fakeApi('ok', calls);
    expect(await exportTexture(api, gen)).toEqual({ kind: 'saved', path: '/home/me/bark.png' });
    expect(calls).toEqual(['export:abcdef12']);
    expect(await exportTexture(api, { ...gen, id: 'other123' })).toEqual({ kind: 'dismissed' });
  });
});
