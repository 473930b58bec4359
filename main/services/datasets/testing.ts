/**
 * Test helpers for the Datasets services: a tiny ImageFolder written with pngjs and jpeg-js into
 * a temp dir, a folder's file hashes, a real Atelier (real models, real inference process, real
 * SQLite) shared by a test file's tests with typed router calls, and a refusal caught.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { AtelierError, type ErrorInfo } from '../../../preload/contract';
import { Rng } from '../../../preload/rng';
import type { Rgba } from '../../inference/image';
import { classicMethod } from './method';
import { augmentImageFolder } from './run';
import type { realAtelier } from '../../testing/atelier';

/** A w×h opaque picture of smooth colour ramps plus seeded noise: distinct per seed. */
export function picture(w: number, h: number, seed: number): Rgba {
  const rng = new Rng(seed);
  const data = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 4;
      data[i] = (x * 255) / w;
      data[i + 1] = (y * 255) / h;
      data[i + 2] = rng.nextU32() & 0xff;
      data[i + 3] = 255;
    }
  return { width: w, height: h, data };
}

export function pngBytes(img: Rgba): Buffer {
  const png = new PNG({ width: img.width, height: img.height });
  png.data = Buffer.from(img.data);
  return PNG.sync.write(png);
}

export const jpegBytes = (img: Rgba): Buffer => jpeg.encode({ ...img, data: Buffer.from(img.data) }, 90).data;

export function put(root: string, rel: string, bytes: Uint8Array | string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), bytes);
}

export const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'atelier-datasets-'));

/** A maker of temp roots, each removed after the test that made it. Call at a file's top level. */
export function tempRoots(): () => string {
  const made: string[] = [];
  afterEach(() => made.splice(0).forEach((r) => rmSync(r, { recursive: true, force: true })));
  return () => {
    const root = tempRoot();
    made.push(root);
    return root;
  };
}

/**
 * train/{cat,dog}/ with 2 PNGs and a JPEG each, a test split, a hidden file, a text file and
 * a truncated PNG. Returns the input root.
 */
export function tinyImageFolder(root: string): string {
  const input = join(root, 'input');
  let seed = 1;
  for (const label of ['cat', 'dog']) {
    put(input, `train/${label}/a.png`, pngBytes(picture(12, 10, seed++)));
    put(input, `train/${label}/b.png`, pngBytes(picture(10, 12, seed++)));
    put(input, `train/${label}/c.jpg`, jpegBytes(picture(16, 16, seed++)));
    put(input, `test/${label}/t.png`, pngBytes(picture(12, 12, seed++)));
  }
  put(input, 'train/cat/.DS_Store', 'x');
  put(input, 'train/dog/notes.txt', 'not an image');
  put(input, 'train/dog/broken.png', pngBytes(picture(12, 12, 99)).subarray(0, 60));
  return input;
}

/** Every file under `dir`: relative path → sha256. */
export function tree(dir: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const path = rel ? `${rel}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(out, tree(dir, path));
    else
      out[path] = createHash('sha256')
        .update(readFileSync(join(dir, path)))
        .digest('hex');
  }
  return out;
}

/**
 * `tinyImageFolder` in `root` augmented by classic transforms into `root/out`, and `root/data`
 * (not made) for the app's data folder.
 */
export async function augmentedTiny(
  root: string,
  k: number,
  seed: number,
): Promise<{ root: string; out: string; data: string }> {
  const out = join(root, 'out');
  await augmentImageFolder({ input: tinyImageFolder(root), out, method: classicMethod, k, seed });
  return { root, out, data: join(root, 'data') };
}

/** The AtelierError a promise rejects with; the test fails if it resolves or rejects otherwise. */
export async function rejection(p: Promise<unknown>): Promise<AtelierError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AtelierError);
  return e as AtelierError;
}

/** The AtelierError `f` throws (anything else is rethrown); a test fails if it throws none. */
export function refusalOf(f: () => unknown): AtelierError {
  try {
    f();
  } catch (e) {
    if (e instanceof AtelierError) return e;
    throw e;
  }
  throw new Error('accepted');
}

export type Env = Awaited<ReturnType<typeof realAtelier>>;

export interface SharedAtelier {
  /** A real Atelier in its own temp data dir; set before the file's first test. */
  env: Env;
  /** A temp folder for the file's inputs and outputs; set before the file's first test. */
  root: string;
  /** The input folder `o.input` wrote into the root ('' without one); set with the root. */
  input: string;
  /** A router call that must succeed: its value. */
  call<T>(method: string, payload: unknown): Promise<T>;
  /** A router call that must be refused: its error. */
  refusal(method: string, payload: unknown): Promise<ErrorInfo>;
}

/**
 * A real Atelier and a temp root for every test of the file, made before them and removed
 * after (the root kept when `keepRoot`), with the input folder `input` writes there. Call at the
 * top level of a test file.
 */
export function sharedAtelier(
  o: { keepRoot?: boolean; input?: (root: string) => string } = {},
): SharedAtelier {
  const shared: SharedAtelier = {
    env: undefined as unknown as Env,
    root: '',
    input: '',
    async call<T>(method: string, payload: unknown): Promise<T> {
      const r = await shared.env.atelier.router.call(method, payload);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} (${r.error.field ?? ''})`);
      return r.value as T;
    },
    async refusal(method: string, payload: unknown): Promise<ErrorInfo> {
      const r = await shared.env.atelier.router.call(method, payload);
      if (r.ok) throw new Error(`${method} accepted the input`);
      return r.error;
    },
  };
  beforeAll(async () => {
    // Loaded here, so the unit tests that use the helpers above do not load every service.
    const { realAtelier } = await import('../../testing/atelier');
    shared.env = await realAtelier();
    shared.root = tempRoot();
    shared.input = o.input?.(shared.root) ?? '';
  });
  afterAll(async () => {
    await shared.env?.cleanup();
    if (shared.root && !o.keepRoot) rmSync(shared.root, { recursive: true, force: true });
  });
  return shared;
}
