/** Test helpers: a real Atelier (real models, real inference process, real SQLite) in a temp dir. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnForkWorker } from '../inference/fork-transport';
import { createAtelier, type Atelier, type AtelierOptions } from '../services/atelier';
import { PNG } from 'pngjs';

export function tempDir(prefix = 'atelier-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function realAtelier(
  overrides: Partial<AtelierOptions> = {},
): Promise<{ atelier: Atelier; dataDir: string; cleanup(): Promise<void> }> {
  const dir = tempDir();
  const atelier = await createAtelier({
    dataDir: dir.path,
    host: 'cli',
    spawnWorker: spawnForkWorker,
    ...overrides,
  });
  return {
    atelier,
    dataDir: dir.path,
    async cleanup() {
      await atelier.close();
      dir.remove();
    },
  };
}

/**
 * A router call that must succeed: its value, or an Error whose message names the typed error's
 * code, message and field, carrying them as `code`, `field` and `info` for assertions.
 */
export async function callOk<T>(atelier: Atelier, method: string, input: unknown): Promise<T> {
  const r = await atelier.router.call(method, input);
  if (r.ok) return r.value as T;
  const e = r.error;
  throw Object.assign(new Error(`${e.code}: ${e.message}${e.field ? ` (${e.field})` : ''}`), {
    code: e.code,
    field: e.field,
    info: e,
  });
}

export function decode(bytes: Uint8Array): { width: number; height: number; data: Buffer } {
  const png = PNG.sync.read(Buffer.from(bytes));
  return { width: png.width, height: png.height, data: png.data };
}

/**
 * Mean absolute RGB difference across every vertical boundary between neighbouring columns:
 * index x is the boundary between column x and x+1; the last one is the wrap edge (W-1 → 0).
 */
export function columnBoundaryDiffs(img: { width: number; height: number; data: Uint8Array }): number[] {
  const { width: w, height: h, data } = img;
  const out: number[] = [];
  for (let x = 0; x < w; x++) {
    const x2 = (x + 1) % w;
    let sum = 0;
    for (let y = 0; y < h; y++) {
      for (let c = 0; c < 3; c++)
        sum += Math.abs((data[(y * w + x) * 4 + c] as number) - (data[(y * w + x2) * 4 + c] as number));
    }
    out.push(sum / (h * 3));
  }
  return out;
}

export function transpose(img: { width: number; height: number; data: Uint8Array }): {
  width: number;
  height: number;
  data: Uint8Array;
} {
  const { width: w, height: h, data } = img;
  const out = new Uint8Array(data.length);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) out.set(data.subarray((y * w + x) * 4, (y * w + x) * 4 + 4), (x * h + y) * 4);
  return { width: h, height: w, data: out };
}
