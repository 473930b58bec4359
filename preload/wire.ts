/**
 * The browser host's wire format: the contract's calls, results and events as MessagePack
 * frames over one WebSocket. MessagePack keeps binary payloads (images, audio) as bytes instead
 * of base64 text. Shared by main/host (server) and renderer/src/api (client).
 */
import { decode, encode } from '@msgpack/msgpack';
import { LATENT_MAX_IMAGE_BYTES, type ErrorInfo } from './contract';

export type ClientFrame = { t: 'call'; id: number; method: string; input: unknown };
export type ServerFrame =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: ErrorInfo }
  | { t: 'event'; event: string; payload: unknown };

/** Largest frame a client may send: parameters, or one image dropped in to encode. */
export const MAX_CLIENT_FRAME_BYTES = LATENT_MAX_IMAGE_BYTES + (1 << 20);

/** The query parameter that carries the per-run token on the page URL and the socket URL. */
export const TOKEN_PARAM = 'token';
export const WS_PATH = '/ws';

export function encodeFrame(frame: ClientFrame | ServerFrame): Uint8Array {
  return encode(frame, { ignoreUndefined: true });
}

export function decodeFrame(data: ArrayBuffer | Uint8Array): unknown {
  return decode(data instanceof Uint8Array ? data : new Uint8Array(data));
}

/** A call: its id must be a whole number, so its answer can find the caller's promise. */
export function isClientFrame(v: unknown): v is ClientFrame {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return f.t === 'call' && Number.isSafeInteger(f.id) && typeof f.method === 'string';
}

export function isServerFrame(v: unknown): v is ServerFrame {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (f.t === 'result' && typeof f.id === 'number') || (f.t === 'event' && typeof f.event === 'string');
}
