/**
 * A small seeded run of the contract fuzzer (./fuzzing.ts; `npm run fuzz` runs thousands) against
 * the real browser host: every method, broken and hostile payloads, every frame answered under its
 * id with a typed error or a valid result, or closed with a reason; nothing unhandled.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realAtelier, tempDir } from '../testing/atelier';
import { runFuzz } from './fuzzing';
import { startBrowserHost, type BrowserHost } from './server';

let env: Awaited<ReturnType<typeof realAtelier>>;
let host: BrowserHost;
const renderer = tempDir('atelier-renderer-');
const rejections: unknown[] = [];
const onRejection = (e: unknown): void => void rejections.push(e);

beforeAll(async () => {
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Atelier</title>');
  env = await realAtelier();
  host = await startBrowserHost({ atelier: env.atelier, rendererDir: renderer.path });
  process.on('unhandledRejection', onRejection);
});
afterAll(async () => {
  process.off('unhandledRejection', onRejection);
  await host.close();
  await env.cleanup();
  renderer.remove();
});

describe('contract fuzz over the real WebSocket', () => {
  it('answers 1,500 seeded hostile calls to every method with typed errors or valid results', async () => {
    const report = await runFuzz({
      url: `ws://127.0.0.1:${host.port}/ws?token=${host.token}`,
      seed: 20_240_601,
      count: 1500,
      maxBytes: 64 * 1024,
      timeoutMs: 15_000,
    });
    expect(report.problems).toEqual([]);
    expect(report.unanswered).toBe(0);
    expect(report.calls).toBeGreaterThan(1300);
    expect(report.byCode['invalid-input']).toBeGreaterThan(800);
    expect(report.byCode['closed 1008']).toBeGreaterThan(0);
    // Hostile input is refused as such: "internal" would mean a frame reached code that crashed on it.
    expect(report.byCode.internal ?? 0).toBe(0);
    expect(rejections).toEqual([]);
  });
});
