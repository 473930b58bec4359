import { describe, expect, it } from 'vitest';
import { decodeF32, encodeF32, fromBase64, loadTensor, saveTensor, toBase64 } from './weights';

describe('base64', () => {
  it('matches the standard encoding for every padding length', () => {
    for (const text of ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar']) {
      const bytes = new TextEncoder().encode(text);
      expect(toBase64(bytes)).toBe(btoa(text));
      expect(Array.from(fromBase64(toBase64(bytes)))).toEqual(Array.from(bytes));
    }
  });

  it('refuses what is not base64', () => {
    expect(() => fromBase64('ab$d')).toThrow(/not base64/);
    expect(() => fromBase64('abcde')).toThrow(/length/);
  });
});

describe('float32 values', () => {
  it('round-trip bit for bit, including NaN, infinities and -0', () => {
    const v = new Float32Array([0, -0, 1.5, -3.25e-30, Math.PI, Infinity, -Infinity, NaN, 3.4e38]);
    const back = decodeF32(encodeF32(v));
    expect(new Uint32Array(back.buffer)).toEqual(new Uint32Array(v.buffer));
  });

  it('loadTensor checks the shape and size', () => {
    const saved = saveTensor([2, 3], new Float32Array(6).fill(1));
    expect(Array.from(loadTensor('w', saved, [2, 3]))).toEqual([1, 1, 1, 1, 1, 1]);
    expect(() => loadTensor('w', saved, [3, 2])).toThrow('The saved weights w are 2×3, this lab needs 3×2.');
    expect(() => loadTensor('w', undefined, [3, 2])).toThrow('The saved lab has no weights for w.');
    expect(() => loadTensor('w', { shape: [2, 3], data: encodeF32(new Float32Array(5)) }, [2, 3])).toThrow(
      /hold 5 values/,
    );
  });
});
