/**
 * The wire-tensor helpers of the prompt conditioning: rows repeated per image of a batch in the
 * UNet's order ([uncond × B, cond × B]), for any element type, and ids written as int32 or int64.
 */
import { describe, expect, it } from 'vitest';
import { f32, ints, repeatRows } from './prompt';

describe('prompt conditioning tensors', () => {
  it('repeats each row in place, keeping the other dimensions', () => {
    const t = repeatRows(f32(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]), 3);
    expect(t.dims).toEqual([6, 3]);
    expect(Array.from(new Float32Array(t.data))).toEqual([
      ...[1, 2, 3, 1, 2, 3, 1, 2, 3],
      ...[4, 5, 6, 4, 5, 6, 4, 5, 6],
    ]);
    const words = repeatRows(ints([7, 8, 9, 10], [2, 2], 'int64'), 2);
    expect([words.dtype, words.dims]).toEqual(['int64', [4, 2]]);
    expect(Array.from(new BigInt64Array(words.data), Number)).toEqual([7, 8, 7, 8, 9, 10, 9, 10]);
    const once = repeatRows(f32(Float32Array.from([1, 2]), [1, 2]), 1);
    expect(Array.from(new Float32Array(once.data))).toEqual([1, 2]);
  });

  it('writes ids in the type the model asks for, and copies float data', () => {
    expect(Array.from(new Int32Array(ints([49406, 320], [1, 2], 'int32').data))).toEqual([49406, 320]);
    expect(ints([1], [1], 'int64').data.byteLength).toBe(8);
    const src = Float32Array.from([0.5, -1]);
    const t = f32(src, [2]);
    src[0] = 9;
    expect(Array.from(new Float32Array(t.data))).toEqual([0.5, -1]);
  });
});
