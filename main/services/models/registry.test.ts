/**
 * The registry against the real bundled models, and against copies we damage: a corrupt,
 * truncated or mismatched model is reported clearly and the others still load.
 */
import { cpSync, mkdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../testing/atelier';
import { defaultModelsDir } from '../paths';
import { ModelRegistry } from './registry';

const dirs: Array<{ remove(): void }> = [];
afterEach(() => dirs.splice(0).forEach((d) => d.remove()));

/** A models dir holding the real texture model as `texture` plus a copy under `name`. */
function withCopy(name: string, edit: (dir: string) => void): string {
  const d = tempDir('atelier-models-');
  dirs.push(d);
  cpSync(join(defaultModelsDir(), 'texture'), join(d.path, 'texture'), { recursive: true });
  const copy = join(d.path, name);
  cpSync(join(defaultModelsDir(), 'texture'), copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'model.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(copy, 'model.json'), JSON.stringify({ ...manifest, id: name }));
  edit(copy);
  return d.path;
}

describe('ModelRegistry', () => {
  it('loads the bundled texture model with a verified hash', async () => {
    const reg = await ModelRegistry.open(defaultModelsDir());
    const m = reg.get('texture');
    expect(m?.error).toBeNull();
    expect(m?.sha256).toMatch(/^[a-f0-9]{64}$/);
    const status = reg.status().find((s) => s.id === 'texture');
    expect(status?.ok).toBe(true);
    expect(status?.texture?.styles.length).toBeGreaterThan(1);
    expect(reg.all().some((x) => x.id === 'training')).toBe(false);
  });

  const cases: Array<[string, (dir: string) => void, RegExp]> = [
    ['truncated', (d) => truncateSync(join(d, 'texture.onnx'), 1000), /has 1000 bytes, the manifest says \d+ \(truncated/],
    [
      'corrupt',
      (d) => {
        const f = join(d, 'texture.onnx');
        const b = readFileSync(f);
        b[b.length >> 1] = (b[b.length >> 1]! + 1) & 255;
        writeFileSync(f, b);
      },
      /does not match its sha256/,
    ],
    ['missing-file', (d) => truncateSync(join(d, 'model.json'), 0), /not valid JSON/],
    [
      'bad-manifest',
      (d) => {
        const m = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')) as { family: string };
        m.family = 'banana';
        writeFileSync(join(d, 'model.json'), JSON.stringify(m));
      },
      /invalid at family/,
    ],
    [
      'wrong-style-width',
      (d) => {
        const m = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')) as { texture: { styles: unknown[] } };
        m.texture.styles = m.texture.styles.slice(1);
        writeFileSync(join(d, 'model.json'), JSON.stringify(m));
      },
      /needs a "style" input of shape/,
    ],
  ];

  for (const [name, edit, reason] of cases) {
    it(`reports a ${name} model clearly and still loads the others`, async () => {
      const reg = await ModelRegistry.open(withCopy(name, edit));
      expect(reg.get(name)?.error).toMatch(reason);
      expect(reg.status().find((s) => s.id === name)).toMatchObject({ ok: false });
      expect(reg.get('texture')?.error).toBeNull();
    });
  }

  it('reports a folder whose manifest names another id', async () => {
    const d = tempDir('atelier-models-');
    dirs.push(d);
    mkdirSync(join(d.path, 'odd'));
    cpSync(join(defaultModelsDir(), 'texture'), join(d.path, 'odd'), { recursive: true });
    const reg = await ModelRegistry.open(d.path);
    expect(reg.get('odd')?.error).toMatch(/says id "texture" but lives in folder "odd"/);
  });

  it('is empty, not broken, for a missing models dir', async () => {
    const reg = await ModelRegistry.open('/nonexistent/atelier/models');
    expect(reg.all()).toEqual([]);
  });
});
