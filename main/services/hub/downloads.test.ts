/**
 * The download queue's states against the stand-in hub: one download at a time in order, a queued
 * one paused never starts until resumed, a queued one cancelled leaves nothing, and an install
 * the checks refuse ends failed with the files gone. (The install itself runs for real in
 * hub.integration.test.ts; here the inference process is absent, so the checks refuse.)
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HubDownload } from '../../../preload/contract';
import { nullLogger } from '../../log/logger';
import { tempDir } from '../../testing/atelier';
import { startHubStandin, type HubStandin } from '../../testing/hub-standin';
import { EventBus } from '../events';
import { HubClient } from './client';
import { DownloadManager, type HubDeps } from './downloads';
import { downloadDir, type StoredDownload } from './store';

const dir = tempDir('hub-downloads-');
let hub: HubStandin;
let client: HubClient;
beforeAll(async () => {
  hub = await startHubStandin({
    repos: [{ id: 'acme/tiny-gpt2', dir: resolve('models/training/text/tiny/gpt2'), task: 'text' }],
  });
  client = new HubClient(hub.url, () => null);
});
afterAll(async () => {
  await hub.close();
  dir.remove();
});

function setup(): { manager: DownloadManager; seen: [string, HubDownload['state']][] } {
  const events = new EventBus();
  const seen: [string, HubDownload['state']][] = [];
  events.on('hub.download', (d) => {
    if (seen.at(-1)?.[0] !== d.downloadId || seen.at(-1)?.[1] !== d.state) seen.push([d.downloadId, d.state]);
  });
  const inference = {
    inspect: async () => Promise.reject(new Error('no inference process here')),
    status: { provider: 'cpu' },
  };
  const deps = {
    registry: { get: () => undefined },
    inference,
    events,
    logger: nullLogger,
    dataDir: dir.path,
  } as unknown as HubDeps;
  return { manager: new DownloadManager(deps, client, { retryDelayMs: 1 }), seen };
}

async function plan(id: string): Promise<StoredDownload> {
  const raw = await client.model('acme/tiny-gpt2', 'main');
  return {
    version: 1,
    downloadId: id,
    repo: 'acme/tiny-gpt2',
    commit: raw.sha,
    variant: 'fp32',
    files: raw.files.filter((f) => ['model.onnx', 'config.json', 'tokenizer.json'].includes(f.path)),
    verified: [],
    state: 'queued',
    startedAt: Date.now(),
    updatedAt: Date.now(),
  };
}

/** The download once its end has been announced (the event follows the state written to disk). */
const settled = async (
  m: DownloadManager,
  seen: [string, HubDownload['state']][],
  id: string,
  /** Only events from this index on count (an earlier pause is not this end). */
  since = 0,
): Promise<HubDownload> => {
  const ends = ['done', 'failed', 'paused', 'cancelled'];
  while (
    !seen.slice(since).some(([x, s]) => x === id && ends.includes(s)) ||
    !ends.includes(m.get(id)!.state)
  )
    await new Promise((r) => setTimeout(r, 10));
  return m.get(id)!;
};

describe('download queue (stand-in hub)', () => {
  it('runs one download at a time, in order, and a paused one waits for resume', async () => {
    const { manager, seen } = setup();
    await manager.start(await plan('first-0001'));
    expect((await manager.start(await plan('second-0001'))).state).toBe('queued');
    expect((await manager.pause('second-0001')).state).toBe('paused');
    const first = await settled(manager, seen, 'first-0001');
    expect(first.state).toBe('failed');
    expect(first.error).toBeTruthy();
    expect(existsSync(`${downloadDir(dir.path, 'first-0001')}/repo`)).toBe(false);
    expect(manager.get('second-0001')!.state).toBe('paused');
    expect(seen.filter(([id]) => id === 'first-0001').map(([, s]) => s)).toEqual([
      'queued',
      'downloading',
      'verifying',
      'installing',
      'failed',
    ]);
    const since = seen.length;
    await manager.resume('second-0001');
    await settled(manager, seen, 'second-0001', since);
    const order = seen.map(([id, s]) => `${id.split('-')[0]}:${s}`);
    expect(order.indexOf('second:downloading')).toBeGreaterThan(order.indexOf('first:failed'));
    expect(order.filter((x) => x.startsWith('second:'))).toEqual([
      'second:queued',
      'second:paused',
      'second:queued',
      'second:downloading',
      'second:verifying',
      'second:installing',
      'second:failed',
    ]);
    await manager.close();
  });

  it('cancels a queued download: it never starts and nothing is left', async () => {
    const { manager, seen } = setup();
    await manager.start(await plan('third-0001'));
    await manager.start(await plan('fourth-0001'));
    expect(await manager.cancel('fourth-0001')).toBe(true);
    await settled(manager, seen, 'third-0001');
    expect(manager.get('fourth-0001')!.state).toBe('cancelled');
    expect(seen.some(([id, s]) => id === 'fourth-0001' && s === 'downloading')).toBe(false);
    expect(existsSync(downloadDir(dir.path, 'fourth-0001'))).toBe(false);
    expect(await manager.cancel('fourth-0001')).toBe(false);
    await manager.close();
  });

  it('answers not-found for a download it does not know', async () => {
    const { manager } = setup();
    await expect(manager.pause('nobody-00001')).rejects.toMatchObject({
      code: 'not-found',
      field: 'downloadId',
    });
  });
});
