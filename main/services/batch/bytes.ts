/**
 * Bytes in a queued call. A job's payload is JSON in Redis, which has no bytes, so a contract
 * field that takes bytes (`datasets.generate`'s source PNG) travels as `{"$bytes": base64}`:
 * `jsonBytes` writes that form, `reviveBytes` reads it back before the call is checked. A
 * revived buffer where the contract takes none is still refused by the router's check.
 */

/** A value as JSON can carry it: every Uint8Array becomes {"$bytes": base64}. */
export const jsonBytes = (v: unknown): unknown =>
  JSON.parse(
    JSON.stringify(v, (_k, x: unknown) =>
      x instanceof Uint8Array ? { $bytes: Buffer.from(x).toString('base64') } : x,
    ),
  ) as unknown;

const isBytesForm = (v: unknown): v is { $bytes: string } => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === '$bytes' && typeof (v as { $bytes: unknown }).$bytes === 'string';
};

/** The value with every {"$bytes": base64} turned back into a Uint8Array (at most 8 levels deep). */
export function reviveBytes(v: unknown, depth = 0): unknown {
  if (isBytesForm(v)) return new Uint8Array(Buffer.from(v.$bytes, 'base64'));
  if (depth >= 8 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => reviveBytes(x, depth + 1));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reviveBytes(x, depth + 1)]));
}
