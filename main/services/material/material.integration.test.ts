/**
 * `material.maps` and `material.export` through the router with a real Atelier: a real texture
 * from the bundled texture model (the real inference process), the maps in the real worker
 * thread, a real SQLite library in a temp dir. The maps tile like the texture, 16-bit exports
 * hold 16 bits, DirectX normals are OpenGL's with green flipped, and bad sources are refused
 * naming the field with nothing written.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Generation, MaterialExport, MaterialPreviewMaps } from '../../../preload/contract';
import { encodePng } from '../../inference/image';
import { callOk, realAtelier } from '../../testing/atelier';
import { pictureSeamScore } from './seam';

let env: Awaited<ReturnType<typeof realAtelier>>;
let folder: string;
let picked: string | null = null;
beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'atelier-material-'));
  env = await realAtelier({ pickFolder: async () => picked });
});
afterAll(async () => {
  await env.cleanup();
  rmSync(folder, { recursive: true, force: true });
});

const call = <T>(method: string, input: unknown): Promise<T> => callOk<T>(env.atelier, method, input);

async function refusal(method: string, input: unknown) {
  const r = await env.atelier.router.call(method, input);
  if (r.ok) throw new Error(`${method} accepted the input`);
  return r.error;
}

const read16 = (bytes: Uint8Array) => PNG.sync.read(Buffer.from(bytes), { skipRescale: true });

describe('materials from a generated texture', () => {
  let texture: Generation;
  let textureSeam: number;
  beforeAll(async () => {
    texture = await call<Generation>('texture.generate', {
      jobId: 'material-texture-01',
      params: { seed: 7, size: 512, style: 'granite' },
    });
    const img = PNG.sync.read(Buffer.from((await env.atelier.library.readAsset(texture.id, 'image')).bytes));
    textureSeam = pictureSeamScore(img, 4, 1);
  });

  it('answers the preview’s five maps at the texture’s size, each seamless like the texture', async () => {
    const m = await call<MaterialPreviewMaps>('material.maps', { source: { generationId: texture.id } });
    expect([m.width, m.height]).toEqual([512, 512]);
    expect(m.name).toMatch(/^atelier-texture-granite/);
    for (const [label, bytes, channels] of [
      ['height', m.heightMap, 4],
      ['normal', m.normal, 4],
      ['roughness', m.roughness, 4],
      ['ao', m.ao, 4],
    ] as const) {
      const png = PNG.sync.read(Buffer.from(bytes));
      expect([png.width, png.height], label).toEqual([512, 512]);
      for (const c of label === 'normal' ? [0, 1] : [0]) {
        const score = pictureSeamScore(png, channels, c);
        expect(score, `${label} channel ${c}`).toBeLessThan(Math.max(1.5, textureSeam * 1.5));
      }
    }
  });

  it('exports 16-bit maps named by map; DirectX normals are OpenGL’s with green flipped', async () => {
    const gl = await call<MaterialExport>('material.export', {
      source: { generationId: texture.id },
      name: 'granite stone',
      bits: 16,
      normal: 'gl',
      settings: { normalStrength: 3 },
    });
    expect(gl.savedTo).toBeNull();
    expect(gl.files.map((f) => f.fileName)).toEqual([
      'granite-stone_basecolor.png',
      'granite-stone_height.png',
      'granite-stone_normal_gl.png',
      'granite-stone_roughness.png',
      'granite-stone_ao.png',
    ]);
    for (const f of gl.files.slice(1)) expect(f.bytes[24], f.fileName).toBe(16);
    const dx = await call<MaterialExport>('material.export', {
      source: { generationId: texture.id },
      name: 'granite stone',
      bits: 16,
      normal: 'dx',
      settings: { normalStrength: 3 },
    });
    const nGl = read16(gl.files[2]!.bytes);
    const nDx = read16(dx.files[2]!.bytes);
    expect(dx.files[2]!.fileName).toBe('granite-stone_normal_dx.png');
    for (const i of [0, 1000, 77777, 512 * 512 - 1]) {
      expect(nDx.data[i * 4]).toBe(nGl.data[i * 4]);
      expect(
        Math.abs((nDx.data[i * 4 + 1] as number) - (65535 - (nGl.data[i * 4 + 1] as number))),
      ).toBeLessThanOrEqual(1);
    }
    // Stronger normals lean further from straight out (blue falls).
    const weak = await call<MaterialExport>('material.export', {
      source: { generationId: texture.id },
      settings: { normalStrength: 0.5 },
    });
    const blue = (bytes: Uint8Array, max: number) => {
      const p = PNG.sync.read(Buffer.from(bytes), { skipRescale: true });
      let s = 0;
      for (let i = 0; i < p.width * p.height; i++) s += (p.data[i * 4 + 2] as number) / max;
      return s / (p.width * p.height);
    };
    expect(blue(gl.files[2]!.bytes, 65535)).toBeLessThan(blue(weak.files[2]!.bytes, 255));
  });

  it('writes the set into the folder the host picks, and refuses to write over it', async () => {
    picked = folder;
    const r = await call<MaterialExport>('material.export', {
      source: { generationId: texture.id },
      name: 'slab',
      toFolder: true,
    });
    expect(r.savedTo).toBe(folder);
    expect(readdirSync(folder).sort()).toEqual([
      'slab_ao.png',
      'slab_basecolor.png',
      'slab_height.png',
      'slab_normal_gl.png',
      'slab_roughness.png',
    ]);
    const again = await refusal('material.export', {
      source: { generationId: texture.id },
      name: 'slab',
      toFolder: true,
    });
    expect(again.field).toBe('name');
    expect(again.message).toMatch(/already has a file named slab_basecolor\.png/);
    expect(readdirSync(folder)).toHaveLength(5);
  });
});

describe('bad sources', () => {
  /** A PNG header claiming `w`×`h` (the rest of the file missing). */
  function header(w: number, h: number): Uint8Array {
    const png = encodePng({ width: 1, height: 1, data: new Uint8Array([10, 20, 30, 255]) });
    const view = new DataView(png.buffer, png.byteOffset);
    view.setUint32(16, w);
    view.setUint32(20, h);
    return png;
  }

  it.each([
    ['not an image', new TextEncoder().encode('hello, not a picture'), /not a PNG or JPEG/],
    [
      'a 1×1 picture',
      encodePng({ width: 1, height: 1, data: new Uint8Array([1, 2, 3, 255]) }),
      /1×1 pixels; a material needs at least 16/,
    ],
    ['20000×20000 in the header', header(20000, 20000), /20000×20000 pixels/],
    [
      'a 4100 px wide strip',
      encodePng({ width: 4100, height: 16, data: new Uint8Array(4100 * 16 * 4).fill(200) }),
      /4100×16 pixels; a material is made from at most 4096 pixels each way/,
    ],
  ])('refuses %s naming source.image, writing nothing', async (_label, bytes, message) => {
    picked = mkdtempSync(join(tmpdir(), 'atelier-material-bad-'));
    try {
      for (const method of ['material.maps', 'material.export']) {
        const input =
          method === 'material.maps'
            ? { source: { image: bytes, fileName: 'x.png' } }
            : { source: { image: bytes, fileName: 'x.png' }, toFolder: true };
        const e = await refusal(method, input);
        expect(e.code).toBe('invalid-input');
        expect(e.field).toBe('source.image');
        expect(e.message).toMatch(message);
      }
      expect(readdirSync(picked)).toEqual([]);
    } finally {
      rmSync(picked, { recursive: true, force: true });
    }
  });

  it('refuses a missing record naming source.generationId', async () => {
    const e = await refusal('material.maps', {
      source: { generationId: '0123abcd-0000-4000-8000-000000000000' },
    });
    expect(e.code).toBe('not-found');
    expect(e.field).toBe('source.generationId');
    expect(e.message).toMatch(/No generation 0123abcd/);
  });

  it('refuses settings out of range naming the setting', async () => {
    const e = await refusal('material.export', {
      source: { image: new Uint8Array(8), fileName: 'x.png' },
      settings: { roughnessMin: 0.9, roughnessMax: 0.2 },
    });
    expect(e.field).toBe('settings.roughnessMin');
  });
});
