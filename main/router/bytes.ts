/**
 * Bytes sent where the contract takes none are refused before validation. A strict object schema
 * handed a typed array lists every index as an unknown key: a few MiB cost seconds of main's
 * loop, during which every other client waits (a web page can send such a frame). This walk
 * follows the schema and the value together and stops at the first misplaced buffer.
 */
import type { z } from 'zod';

interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
  valueType?: z.ZodType;
}
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);
const MAX_DEPTH = 8;
const MAX_ITEMS = 20_000;

function unwrap(s: z.ZodType): z.ZodType {
  let cur = s;
  for (let i = 0; i < 16; i++) {
    const d = defOf(cur);
    if (WRAPPERS.has(d.type) && d.innerType) cur = d.innerType;
    else if (d.type === 'pipe' && d.in) cur = d.in;
    else break;
  }
  return cur;
}

const isBytes = (v: unknown): boolean => ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !isBytes(v);

function acceptsBytes(schema: z.ZodType): boolean {
  const d = defOf(unwrap(schema));
  if (d.type === 'custom' || d.type === 'any' || d.type === 'unknown') return true;
  if (d.type === 'union') return (d.options ?? []).some(acceptsBytes);
  return false;
}

/** The path of the first buffer the schema does not take there, or null. */
export function misplacedBytes(schema: z.ZodType, value: unknown, path: string[] = []): string[] | null {
  if (isBytes(value)) return acceptsBytes(schema) ? null : path;
  if (path.length >= MAX_DEPTH) return null;
  const s = unwrap(schema);
  const d = defOf(s);
  if (d.type === 'object' && isPlain(value)) {
    for (const [key, v] of Object.entries(value)) {
      // Own keys only: "constructor" or "toString" in a hostile frame must not find Object's.
      const child = d.shape && Object.hasOwn(d.shape, key) ? d.shape[key] : undefined;
      if (!child) {
        if (isBytes(v)) return [...path, key];
        continue;
      }
      const bad = misplacedBytes(child, v, [...path, key]);
      if (bad) return bad;
    }
    return null;
  }
  if (d.type === 'record' && isPlain(value) && d.valueType) {
    for (const [key, v] of Object.entries(value)) {
      const bad = misplacedBytes(d.valueType, v, [...path, key]);
      if (bad) return bad;
    }
    return null;
  }
  if (d.type === 'array' && Array.isArray(value) && d.element) {
    for (let i = 0; i < Math.min(value.length, MAX_ITEMS); i++) {
      const bad = misplacedBytes(d.element, value[i], [...path, String(i)]);
      if (bad) return bad;
    }
    return null;
  }
  if (d.type === 'union' && d.options) {
    let first: string[] | null = null;
    for (const option of d.options) {
      const bad = misplacedBytes(option, value, path);
      if (!bad) return null;
      first ??= bad;
    }
    return first;
  }
  return null;
}
