/**
 * Downloads that do not go straight through, against the stand-in hub and the real install path:
 * resume after the stand-in cut the connection (no byte fetched twice), retries on their own, a
 * stalled connection given up on, pause mid-file, a paused download kept across a restart, a
 * corrupted file refused by its sha256 with nothing installed, cancel deleting what was fetched.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HubDownload, ModelStatus } from '../../../preload/contract';
import { standinFile } from '../../testing/hub-standin';
import { downloadsRoot } from './store';
import { GPT2, hubTestbed } from './testing';

const bed = hubTestbed();

/**
 * Downloads the tiny GPT-2 through `s` while the stand-in cuts (`drop`) or holds open (`stall`)
 * each connection after `bytes`, until one of `until`: that state.
 */
async function underFault(
  fault: 'drop' | 'stall',
  bytes: number,
  s: Parameters<typeof bed.download>[0],
  until: HubDownload['state'][],
): Promise<HubDownload> {
  const set = (n: number | null) =>
    fault === 'drop' ? bed.hub.dropAfterBytes(n) : bed.hub.stallAfterBytes(n);
  set(bytes);
  try {
    return (await bed.download(s, { repo: 'atelier-test/tiny-gpt2' }, until)).end;
  } finally {
    set(null);
  }
}

describe('hub downloads that stop and go on (stand-in hub)', () => {
  it('resumes a file from where the cut connection left it, fetching no byte twice', async () => {
    const s = bed.service({ retries: 0 }).section;
    const size = (await standinFile(GPT2, 'model.onnx')).size;
    bed.hub.requests.length = 0;
    const paused = await underFault('drop', 60_000, s, ['paused', 'failed']);
    expect(paused.state).toBe('paused');
    expect(paused.error).toMatch(/connection to the hub was lost while fetching/);
    expect(paused.bytesDone).toBe(60_000);
    const done = bed.reach(() => paused.downloadId, ['done', 'failed']);
    await s.resume({ downloadId: paused.downloadId });
    const end = await done;
    expect(end.state).toBe('done');
    expect(bed.rangesOf('model.onnx')).toEqual(['whole', 'bytes=60000-']);
    expect(end.bytesDone).toBe(end.bytesTotal);
    expect(size).toBeGreaterThan(60_000);
  });

  it('retries a lost connection on its own, each try from where the last stopped', async () => {
    const s = bed.service({ retries: 5 }).section;
    bed.hub.requests.length = 0;
    expect((await underFault('drop', 60_000, s, ['done', 'failed', 'paused'])).state).toBe('done');
    expect(bed.rangesOf('model.onnx')).toEqual(['whole', 'bytes=60000-', 'bytes=120000-', 'bytes=180000-']);
  });

  it('pauses mid-file, keeping the .part, and resumes from its bytes', async () => {
    const s = bed.service().section;
    bed.hub.requests.length = 0;
    bed.hub.stallAfterBytes(50_000);
    let id = '';
    try {
      const started = await s.download({ repo: 'atelier-test/tiny-gpt2', revision: 'main' });
      id = started.downloadId;
      // The stand-in has sent 50,000 bytes and holds the connection open.
      while ((await s.downloads({})).find((d) => d.downloadId === id)?.bytesDone !== 50_000)
        await new Promise((r) => setTimeout(r, 10));
      const paused = await s.pause({ downloadId: id });
      expect(paused).toMatchObject({ state: 'paused', bytesDone: 50_000, bytesPerSecond: 0 });
      expect(paused.error).toBeUndefined();
    } finally {
      bed.hub.stallAfterBytes(null);
    }
    const part = join(downloadsRoot(bed.env.dataDir), id, 'repo', 'tiny-gpt2', 'model.onnx.part');
    expect(statSync(part).size).toBe(50_000);
    const done = bed.reach(() => id, ['done', 'failed']);
    await s.resume({ downloadId: id });
    expect((await done).state).toBe('done');
    expect(bed.rangesOf('model.onnx')).toEqual(['whole', 'bytes=50000-']);
  });

  it('gives up on a stalled connection and tries again from where it stopped', async () => {
    const s = bed.service({ stallMs: 300, retries: 4 }).section;
    bed.hub.requests.length = 0;
    expect((await underFault('stall', 80_000, s, ['done', 'failed', 'paused'])).state).toBe('done');
    expect(bed.rangesOf('model.onnx')).toEqual(['whole', 'bytes=80000-', 'bytes=160000-']);
  });

  it('keeps a paused download across a restart and resumes it from its .part bytes', async () => {
    const first = bed.service({ retries: 0 });
    const paused = await underFault('drop', 60_000, first.section, ['paused', 'failed']);
    await first.close();
    const again = bed.service();
    const listed = (await again.section.downloads({})).find((d) => d.downloadId === paused.downloadId);
    expect(listed).toMatchObject({
      state: 'paused',
      bytesDone: paused.bytesDone,
      repo: 'atelier-test/tiny-gpt2',
    });
    bed.hub.requests.length = 0;
    const done = bed.reach(() => paused.downloadId, ['done', 'failed']);
    await again.section.resume({ downloadId: paused.downloadId });
    expect((await done).state).toBe('done');
    expect(bed.rangesOf('model.onnx')).toEqual([`bytes=${paused.bytesDone}-`]);
  });

  it('refuses a file whose sha256 does not match the hub and installs nothing', async () => {
    const before = (await bed.call<ModelStatus[]>('models.list', {})).length;
    const { end } = await bed.download(null, { repo: 'atelier-test/broken-gpt2' }, ['done', 'failed']);
    expect(end.state).toBe('failed');
    expect(end.error).toMatch(/model\.onnx: its sha256 does not match the hub's/);
    expect((await bed.call<ModelStatus[]>('models.list', {})).length).toBe(before);
    const dir = join(downloadsRoot(bed.env.dataDir), end.downloadId);
    expect(readdirSync(dir)).toEqual(['state.json']);
  });

  it('cancels a paused download and deletes what it fetched', async () => {
    const s = bed.service({ retries: 0 }).section;
    const paused = await underFault('drop', 60_000, s, ['paused', 'failed']);
    const dir = join(downloadsRoot(bed.env.dataDir), paused.downloadId);
    expect(existsSync(dir)).toBe(true);
    expect(await s.cancel({ downloadId: paused.downloadId })).toEqual({ cancelled: true });
    expect(existsSync(dir)).toBe(false);
    expect((await s.downloads({})).find((d) => d.downloadId === paused.downloadId)?.state).toBe('cancelled');
    expect(await s.cancel({ downloadId: paused.downloadId })).toEqual({ cancelled: false });
    mkdirSync(dir, { recursive: true }); // an empty leftover folder is not a download
    const fresh = await bed.service().section.downloads({});
    expect(fresh.some((d) => d.downloadId === paused.downloadId)).toBe(false);
  });
});
