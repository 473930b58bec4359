/**
 * A client's frame read without trusting it. MessagePack decoding builds whatever the bytes
 * describe: 25 MiB of nested one-element arrays cost 12 s and 4 GB, and a 5-byte array header can
 * claim a hundred million items. So the bytes are first walked without building anything (depth,
 * how many lists and maps, counts against the bytes left, cut short), and the call's `id` is read
 * on the way: a frame that cannot be decoded is still answered under its own id.
 */
import { decode } from '@msgpack/msgpack';
import { decodeFrame, isClientFrame, type ClientFrame } from '../../preload/wire';

/** Deeper than any contract input (the frame, its input, a clip, its notes…) needs by far. */
export const MAX_FRAME_DEPTH = 32;
/** Lists and maps in one frame: the largest contract input (two 10,000-note clips) has ~20,000. */
export const MAX_FRAME_CONTAINERS = 100_000;

export type ReadFrame = { ok: true; frame: ClientFrame } | { ok: false; id: number | null; reason: string };

/** The id a call carries, when it is a whole number a promise can be found under. */
export function frameId(v: unknown): number | null {
  if (typeof v !== 'object' || v === null) return null;
  const id = (v as Record<string, unknown>).id;
  return Number.isSafeInteger(id) ? (id as number) : null;
}

/** Bytes after the head byte, and lists/maps opened, by MessagePack type (see the spec's table). */
function shape(b: Uint8Array, at: number): { skip: number; items: number; map: boolean } | null {
  const h = b[at]!;
  const n = (len: 1 | 2 | 4): number | null => {
    if (at + 1 + len > b.length) return null;
    let v = 0;
    for (let i = 1; i <= len; i++) v = v * 256 + b[at + i]!;
    return v;
  };
  const sized = (len: 1 | 2 | 4, extra = 0) => {
    const v = n(len);
    return v === null ? null : { skip: len + extra + v, items: 0, map: false };
  };
  const counted = (len: 2 | 4, map: boolean) => {
    const v = n(len);
    return v === null ? null : { skip: len, items: map ? v * 2 : v, map };
  };
  if (h <= 0x7f || h >= 0xe0 || h === 0xc0 || h === 0xc2 || h === 0xc3)
    return { skip: 0, items: 0, map: false };
  if (h <= 0x8f) return { skip: 0, items: (h & 0x0f) * 2, map: true };
  if (h <= 0x9f) return { skip: 0, items: h & 0x0f, map: false };
  if (h <= 0xbf) return { skip: h & 0x1f, items: 0, map: false };
  const fixed: Record<number, number> = {
    0xca: 4,
    0xcb: 8,
    0xcc: 1,
    0xcd: 2,
    0xce: 4,
    0xcf: 8,
    0xd0: 1,
    0xd1: 2,
    0xd2: 4,
    0xd3: 8,
    0xd4: 2,
    0xd5: 3,
    0xd6: 5,
    0xd7: 9,
    0xd8: 17,
  };
  if (h in fixed) return { skip: fixed[h]!, items: 0, map: false };
  switch (h) {
    case 0xc4:
    case 0xd9:
      return sized(1);
    case 0xc5:
    case 0xda:
      return sized(2);
    case 0xc6:
    case 0xdb:
      return sized(4);
    case 0xc7:
      return sized(1, 1); // ext: length, type, data
    case 0xc8:
      return sized(2, 1);
    case 0xc9:
      return sized(4, 1);
    case 0xdc:
      return counted(2, false);
    case 0xdd:
      return counted(4, false);
    case 0xde:
      return counted(2, true);
    case 0xdf:
      return counted(4, true);
    default:
      return null; // 0xc1: never used
  }
}

function readId(value: Uint8Array): number | null {
  try {
    return frameId({ id: decode(value) });
  } catch {
    return null; // an extension the decoder refuses: no id
  }
}

const isIdKey = (b: Uint8Array, at: number, end: number): boolean =>
  end - at === 3 && b[at] === 0xa2 && b[at + 1] === 0x69 && b[at + 2] === 0x64; // "id"

/** Walks the structure: null when it may be decoded, else why not; the top-level `id` either way. */
function scan(b: Uint8Array): { problem: string | null; id: number | null } {
  const left: number[] = []; // items still to read in each open list or map
  let rootItems = 0;
  let rootIsMap = false;
  let idNext = false;
  let id: number | null = null;
  let containers = 0;
  let pos = 0;
  const fail = (problem: string) => ({ problem, id });
  for (;;) {
    if (pos >= b.length) return fail('it is cut short');
    const start = pos;
    const s = shape(b, pos);
    if (!s) return fail(b[pos] === 0xc1 ? 'it holds an unknown type' : 'it is cut short');
    pos += 1 + s.skip;
    if (pos > b.length) return fail('it is cut short');
    const atRoot = left.length === 1 && rootIsMap;
    if (atRoot && (rootItems - left[0]!) % 2 === 0) idNext = s.items === 0 && isIdKey(b, start, pos);
    else if (atRoot && idNext && s.items === 0) id = readId(b.subarray(start, pos));
    if (s.items > 0) {
      // Every item takes at least one byte: a count beyond the bytes left is a lie.
      if (s.items > b.length - pos) return fail('it claims more items than it holds');
      if (++containers > MAX_FRAME_CONTAINERS) return fail('it holds too many lists and maps');
      if (left.length === 0) [rootItems, rootIsMap] = [s.items, s.map];
      left.push(s.items);
      if (left.length > MAX_FRAME_DEPTH) return fail(`it is nested more than ${MAX_FRAME_DEPTH} levels deep`);
      continue;
    }
    // An item ended: count it in its list or map, and close every one it completes.
    while (left.length > 0 && --left[left.length - 1]! === 0) left.pop();
    if (left.length === 0)
      return pos === b.length ? { problem: null, id } : fail('it has bytes after its end');
  }
}

/** A call from a client's bytes, or why it is not one and the id to answer it under (if any). */
export function readClientFrame(bytes: Uint8Array): ReadFrame {
  const { problem, id } = scan(bytes);
  if (problem) return { ok: false, id, reason: problem };
  let frame: unknown;
  try {
    frame = decodeFrame(bytes);
  } catch (e) {
    // Well formed but refused by the decoder (a "__proto__" key, a map key that is not text).
    return { ok: false, id, reason: (e as Error).message.slice(0, 80) };
  }
  if (isClientFrame(frame)) return { ok: true, frame };
  return { ok: false, id: frameId(frame), reason: 'it is not a call (t, id, method, input)' };
}
