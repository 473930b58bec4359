/**
 * Exact float32 values in JSON: base64 of the little-endian bytes (a JSON number list would be
 * three times larger and round-trip through decimal).
 */
import type { SavedTensor } from './types';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) LOOKUP[B64.charCodeAt(i)] = i;

/** Bytes → base64 (no Node Buffer, no btoa: the same code in a worker, a page and Node). */
export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i]!;
    const b = i + 1 < bytes.length ? bytes[i + 1]! : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2]! : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63]! : '=';
    out += i + 2 < bytes.length ? B64[n & 63]! : '=';
  }
  return out;
}

/** base64 → bytes; throws a readable error on anything that is not base64. */
export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) throw new Error('is not base64 (its length is wrong)');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    const len = Math.min(4, clean.length - i);
    for (let j = 0; j < 4; j++) {
      const code = j < len ? clean.charCodeAt(i + j) : 65;
      const v = code < 128 ? LOOKUP[code]! : -1;
      if (v < 0) throw new Error('is not base64');
      n = (n << 6) | (j < len ? v : 0);
    }
    out[o++] = (n >> 16) & 255;
    if (len > 2) out[o++] = (n >> 8) & 255;
    if (len > 3) out[o++] = n & 255;
  }
  return out;
}

export function encodeF32(values: Float32Array): string {
  const le = new Float32Array(values); // a copy: its own aligned buffer
  return toBase64(new Uint8Array(le.buffer, le.byteOffset, le.byteLength));
}

export function decodeF32(text: string): Float32Array {
  const bytes = fromBase64(text);
  if (bytes.length % 4 !== 0) throw new Error('does not hold whole float32 values');
  const out = new Float32Array(bytes.length / 4);
  new Uint8Array(out.buffer).set(bytes);
  return out;
}

export function saveTensor(shape: readonly number[], values: Float32Array): SavedTensor {
  return { shape: [...shape], data: encodeF32(values) };
}

/** A saved tensor's values, checked against the shape the engine expects. */
export function loadTensor(
  name: string,
  saved: SavedTensor | undefined,
  shape: readonly number[],
): Float32Array {
  if (!saved) throw new Error(`The saved lab has no weights for ${name}.`);
  const same = saved.shape.length === shape.length && saved.shape.every((d, i) => d === shape[i]);
  if (!same) {
    throw new Error(
      `The saved weights ${name} are ${saved.shape.join('×')}, this lab needs ${shape.join('×')}.`,
    );
  }
  const values = decodeF32(saved.data);
  const size = shape.reduce((a, b) => a * b, 1);
  if (values.length !== size)
    throw new Error(`The saved weights ${name} hold ${values.length} values, not ${size}.`);
  return values;
}
