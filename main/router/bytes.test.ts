import { describe, expect, it } from 'vitest';
import { contract, methodDef } from '../../preload/contract';
import { misplacedBytes } from './bytes';
import { createRouter, type Handlers } from './router';

const MiB4 = new Uint8Array(4 * 1024 * 1024);
const input = (m: string) => methodDef(m)!.input;

describe('bytes where the contract takes none', () => {
  it('are found wherever they are sent, by path', () => {
    expect(misplacedBytes(input('texture.generate'), MiB4)).toEqual([]);
    expect(misplacedBytes(input('texture.generate'), { jobId: 'abcdefgh', params: MiB4 })).toEqual([
      'params',
    ]);
    expect(
      misplacedBytes(input('texture.generate'), { jobId: 'abcdefgh', params: { seed: 1, size: MiB4 } }),
    ).toEqual(['params', 'size']);
    expect(misplacedBytes(input('melody.save'), { clip: { notes: [{ pitch: MiB4 }] } })).toEqual([
      'clip',
      'notes',
      '0',
      'pitch',
    ]);
    expect(misplacedBytes(input('library.list'), { unknown: MiB4 })).toEqual(['unknown']);
  });

  it('are let through where the contract takes a file', () => {
    expect(misplacedBytes(input('latent.encode'), { model: 'glyphs', image: MiB4 })).toBeNull();
    expect(misplacedBytes(input('melody.importMidi'), { bytes: MiB4 })).toBeNull();
    expect(
      misplacedBytes(input('image.generate'), { jobId: 'abcdefgh', params: { init: { bytes: MiB4 } } }),
    ).toBeNull();
  });

  it('keys named like Object’s own properties are unknown keys, not a crash', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      const value = JSON.parse(`{"${key}": {"x": 1}, "model": "glyphs"}`) as Record<string, unknown>;
      expect(() => misplacedBytes(input('latent.encodeGlyphs'), value), key).not.toThrow();
      expect(misplacedBytes(input('library.list'), { ...value, [key]: MiB4 }), key).toEqual([key]);
    }
  });

  it('leave every ordinary call of every method alone', () => {
    for (const [ns, methods] of Object.entries(contract))
      for (const m of Object.keys(methods)) {
        expect(misplacedBytes(input(`${ns}.${m}`), {}), `${ns}.${m}`).toBeNull();
        expect(misplacedBytes(input(`${ns}.${m}`), { a: [1, 2, { b: 'x' }] }), `${ns}.${m}`).toBeNull();
      }
  });
});

describe('the router', () => {
  it('refuses misplaced bytes in a sentence naming the field, before validating anything', async () => {
    const router = createRouter({} as Handlers);
    const r = await router.call('texture.generate', { jobId: 'abcdefgh', params: { seed: 1, size: MiB4 } });
    expect(r).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Size must not be raw bytes here.', field: 'params.size' },
    });
  });
});
