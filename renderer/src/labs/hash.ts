/**
 * A short fingerprint of a view snapshot (FNV-1a over its numbers, typed arrays as their bytes):
 * the picture carries it as `data-hash`, so a test can tell the picture changed, or that an opened
 * run shows the same picture. Cheap enough for every frame (a view is a few thousand numbers).
 */
export function viewHash(view: unknown): string {
  let h = 0x811c9dc5;
  const byte = (b: number): void => {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  };
  const f64 = new Float64Array(1);
  const f64bytes = new Uint8Array(f64.buffer);
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return byte(0);
    if (typeof v === 'number') {
      f64[0] = v;
      for (const b of f64bytes) byte(b);
      return;
    }
    if (typeof v === 'string' || typeof v === 'boolean') {
      for (const c of String(v)) byte(c.charCodeAt(0) & 0xff);
      return;
    }
    if (ArrayBuffer.isView(v)) {
      const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      for (let i = 0; i < bytes.length; i++) byte(bytes[i]!);
      return;
    }
    if (Array.isArray(v)) {
      byte(91);
      v.forEach(walk);
      return;
    }
    if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
        walk(k);
        walk(x);
      }
    }
  };
  walk(view);
  return h.toString(16).padStart(8, '0');
}
