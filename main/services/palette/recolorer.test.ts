/**
 * The recolour worker thread: a 1024 px picture recoloured while main's event loop keeps turning,
 * stages reported, a worker that dies failing only the requests it held, and the next request
 * starting a new one.
 */
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { recolorPixels } from '../../../preload/palette';
import { decodePng, encodePng } from '../../inference/image';
import { createRecolorer, startRecolorWorker, type StartWorker } from './recolorer';

const PALETTE = ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51'];

/** A seamless-ish 1024 px test picture (sines that wrap), opaque. */
function picture(size: number): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      const u = (2 * Math.PI * x) / size;
      const v = (2 * Math.PI * y) / size;
      data.set(
        [
          128 + 100 * Math.sin(3 * u + v),
          128 + 90 * Math.cos(5 * v),
          128 + 70 * Math.sin(u - 2 * v),
          255,
        ].map(Math.round),
        (y * size + x) * 4,
      );
    }
  return { width: size, height: size, data };
}

const recolorer = createRecolorer();
afterAll(() => recolorer.close());

describe('the recolour worker', () => {
  it('recolours a 1024 px PNG off main’s thread, stage by stage, exactly as the shared kernel does', async () => {
    const src = picture(1024);
    const png = encodePng(src);
    // Warm: the thread starts (and loads tsx from source) on the first request.
    await recolorer.recolor({ png: encodePng(picture(64)), colors: PALETTE, strength: 1, thumbnail: 32 });
    const stages: string[] = [];
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const r = await recolorer.recolor({ png, colors: PALETTE, strength: 0.8, thumbnail: 256 }, (s) =>
      stages.push(s),
    );
    const wall = performance.now() - started;
    clearInterval(timer);
    expect(stages).toEqual(['recolour', 'encode']);
    expect([r.width, r.height]).toEqual([1024, 1024]);
    const out = decodePng(r.png);
    // (Compared as bytes: a deep equal of 4 MB is slow.)
    expect(Buffer.compare(Buffer.from(out.data), Buffer.from(recolorPixels(src, PALETTE, 0.8)))).toBe(0);
    const thumb = decodePng(r.thumbnailPng);
    expect([thumb.width, thumb.height]).toEqual([256, 256]);
    // Main kept turning while the worker worked: a timer every 5 ms fired through most of it.
    expect(r.ms).toBeGreaterThan(0);
    expect(ticks).toBeGreaterThan(wall / 5 / 4);
  });

  it('fails the request a dying worker held with a sentence, and starts a new worker for the next', async () => {
    let starts = 0;
    const start: StartWorker = async () => {
      starts++;
      if (starts === 1)
        return new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));", {
          eval: true,
        });
      return startRecolorWorker();
    };
    const r = createRecolorer(start);
    try {
      const png = encodePng(picture(32));
      await expect(r.recolor({ png, colors: PALETTE, strength: 1, thumbnail: 16 })).rejects.toThrow(
        /The recolouring worker stopped \(exit code 3\); nothing was saved\. Try again\./,
      );
      const ok = await r.recolor({ png, colors: PALETTE, strength: 1, thumbnail: 16 });
      expect([ok.width, ok.height]).toEqual([32, 32]);
      expect(starts).toBe(2);
    } finally {
      await r.close();
    }
  });

  it('answers a picture it cannot read with a sentence, and keeps working', async () => {
    await expect(
      recolorer.recolor({ png: new Uint8Array([1, 2, 3, 4]), colors: PALETTE, strength: 1, thumbnail: 16 }),
    ).rejects.toThrow(/^The picture could not be recoloured \(.+\)\.$/);
    const ok = await recolorer.recolor({
      png: encodePng(picture(16)),
      colors: PALETTE,
      strength: 1,
      thumbnail: 8,
    });
    expect(ok.width).toBe(16);
  });
});
