/**
 * The browser host under attack, end to end: requests no parser should see, frames that cannot be
 * read, answers that cannot be written, payloads built to blow up the answer. The host must answer
 * (or refuse) every one and keep serving everyone else.
 */
import { writeFileSync } from 'node:fs';
import { connect as tcp } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { CallResult } from '../../preload/contract';
import { decodeFrame, encodeFrame, type ServerFrame } from '../../preload/wire';
import { nullLogger } from '../log/logger';
import { realAtelier, tempDir } from '../testing/atelier';
import { nest } from './fuzzing';
import { startBrowserHost, type BrowserHost } from './server';

let env: Awaited<ReturnType<typeof realAtelier>>;
let host: BrowserHost;
const renderer = tempDir('atelier-renderer-');

beforeAll(async () => {
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Atelier</title>');
  env = await realAtelier();
  host = await startBrowserHost({ atelier: env.atelier, rendererDir: renderer.path });
});
afterAll(async () => {
  await host.close();
  await env.cleanup();
  renderer.remove();
});

/** Writes raw bytes to the host's port; resolves with the status line of the answer. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tcp(port, '127.0.0.1', () => socket.write(request));
    let got = '';
    socket.on('data', (c: Buffer) => (got += c.toString('latin1')));
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    socket.on('error', reject);
  });
}

const upgrade = (path: string, hostHeader: string): string =>
  `GET ${path} HTTP/1.1\r\nHost: ${hostHeader}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
  'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n';

function open(port = host.port, token = host.token): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${token}`);
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The answer to call `id` (and its size on the wire). */
function answer(ws: WebSocket, id: number): Promise<{ frame: ServerFrame; bytes: number }> {
  return new Promise((resolve) => {
    const on = (data: Buffer): void => {
      const frame = decodeFrame(data) as ServerFrame;
      if (frame.t === 'result' && frame.id === id) {
        ws.off('message', on);
        resolve({ frame, bytes: data.length });
      }
    };
    ws.on('message', on);
  });
}

const closed = (ws: WebSocket): Promise<{ code: number; reason: string }> =>
  new Promise((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

async function call(ws: WebSocket, id: number, method: string, input: unknown): Promise<ServerFrame> {
  const a = answer(ws, id);
  ws.send(encodeFrame({ t: 'call', id, method, input }));
  return (await a).frame;
}

async function stillServes(): Promise<void> {
  const ws = await open();
  expect(await call(ws, 1, 'app.info', {})).toMatchObject({ ok: true });
  ws.close();
}

describe('requests before the token check', () => {
  it('answers 400 to paths that cannot be decoded, and stays up', async () => {
    const at = `127.0.0.1:${host.port}`;
    for (const path of ['/%zz', '/%', '/%E0%A4%A', '/%c0%ae%c0%ae/x'])
      expect(await raw(host.port, `GET ${path} HTTP/1.1\r\nHost: ${at}\r\nConnection: close\r\n\r\n`)).toBe(
        'HTTP/1.1 400 Bad Request',
      );
    await stillServes();
  });

  it('refuses upgrades with a Host no URL can hold, and stays up', async () => {
    for (const h of ['a b', '[', 'x%y'])
      expect(await raw(host.port, upgrade(`/ws?token=${host.token}`, h))).toBe('HTTP/1.1 401 Unauthorized');
    expect(await raw(host.port, upgrade('/%zz', `127.0.0.1:${host.port}`))).toBe('HTTP/1.1 401 Unauthorized');
    await stillServes();
  });

  it('refuses 1,000 sockets with wrong tokens and still serves the right one', async () => {
    const wrong = 'x'.repeat(host.token.length);
    for (let batch = 0; batch < 20; batch++) {
      const lines = await Promise.all(
        Array.from({ length: 50 }, () =>
          raw(host.port, upgrade(`/ws?token=${wrong}`, `127.0.0.1:${host.port}`)),
        ),
      );
      expect(new Set(lines)).toEqual(new Set(['HTTP/1.1 401 Unauthorized']));
    }
    await stillServes();
  });
});

describe('frames', () => {
  it('answers a malformed frame under its own id when it can read one', async () => {
    const ws = await open();
    // A raw "__proto__" key (no object literal carries one), written into the bytes.
    const proto = encodeFrame({ t: 'call', id: 7, method: 'app.info', input: { __protX__: 1 } });
    proto.set(new TextEncoder().encode('__proto__'), Buffer.from(proto).indexOf('__protX__'));
    const cut = encodeFrame({ t: 'call', id: 8, method: 'melody.save', input: { clip: { notes: [] } } });
    const cases: [number, Uint8Array][] = [
      [7, proto],
      [8, cut.subarray(0, cut.length - 4)],
      [9, encodeFrame({ t: 'call', id: 9, method: 5, input: {} } as never)],
      [10, encodeFrame({ t: 'call', id: 10, method: 'app.info', input: nest(40) })],
    ];
    for (const [id, bytes] of cases) {
      const a = answer(ws, id);
      ws.send(bytes);
      expect((await a).frame).toMatchObject({ id, ok: false, error: { code: 'invalid-input' } });
    }
    expect(ws.readyState).toBe(ws.OPEN);
    expect(await call(ws, 11, 'models.list', {})).toMatchObject({ id: 11, ok: true });
    ws.close();
  });

  it('closes the socket with a reason when no id can be read', async () => {
    const frames: [string | Uint8Array, number][] = [
      ['{"t":"call","id":1}', 1003],
      [Uint8Array.from([0xc1, 0xff, 0x00]), 1008],
      [encodeFrame({ t: 'call', method: 'app.info', input: {} } as never), 1008],
      [encodeFrame({ t: 'call', id: 1.5, method: 'app.info', input: {} }), 1008],
      [Uint8Array.from([0xdd, 0x05, 0xf5, 0xe1, 0x00]), 1008], // claims 100,000,000 items
      [Uint8Array.from({ length: 1 << 20 }, () => 0x91), 1008], // nested a million deep
    ];
    for (const [data, code] of frames) {
      const ws = await open();
      const done = closed(ws);
      ws.send(data);
      const { code: got, reason } = await done;
      expect(got).toBe(code);
      expect(reason.length).toBeGreaterThan(10);
    }
    await stillServes();
  });
});

describe('answers', () => {
  it('refuses settings nested deeper than 8 levels, so the Library keeps listing', async () => {
    const ws = await open();
    const clip = { notes: [{ pitch: 60, start: 0, duration: 1 }] };
    const save = await call(ws, 1, 'melody.save', { clip, params: nest(20) });
    expect(save).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'params' } });
    expect((save as { error: { message: string } }).error.message).toMatch(
      /must be nested at most 8 levels deep/,
    );
    // 90 deep (the record that bricked the Library was ~100) is refused on the wire already.
    expect(await call(ws, 4, 'melody.save', { clip, params: nest(90) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: 'Malformed call: it is nested more than 32 levels deep.' },
    });
    const fine = await call(ws, 2, 'melody.save', { clip, params: nest(8) as Record<string, unknown> });
    expect(fine).toMatchObject({ ok: true });
    expect(await call(ws, 3, 'library.list', {})).toMatchObject({ ok: true });
    ws.close();
  });

  it('answers a typed internal error when an answer cannot be encoded (a stand-in router)', async () => {
    const standInRouter = {
      call: (method: unknown): Promise<CallResult<unknown>> =>
        Promise.resolve(
          method === 'app.info' ? { ok: true, value: nest(150) } : { ok: true, value: { fine: true } },
        ),
    };
    const other = await startBrowserHost({
      atelier: { router: standInRouter, events: env.atelier.events, logger: nullLogger },
      rendererDir: renderer.path,
    });
    try {
      const ws = await open(other.port, other.token);
      const bad = await call(ws, 1, 'app.info', {});
      expect(bad).toMatchObject({ id: 1, ok: false, error: { code: 'internal' } });
      expect((bad as { error: { message: string } }).error.message).toMatch(
        /could not send its answer to app\.info/,
      );
      expect(await call(ws, 2, 'models.list', {})).toMatchObject({ id: 2, ok: true, value: { fine: true } });
      ws.close();
    } finally {
      await other.close();
    }
  });

  it('answers 4 MiB of bytes sent as an input in under 2 KB, and keeps serving others', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const bytes = new Uint8Array(4 << 20);
    for (const [id, input] of [
      [1, bytes],
      [2, { clip: bytes }],
    ] as const) {
      const big = answer(a, id);
      a.send(encodeFrame({ t: 'call', id, method: 'melody.save', input }));
      const other = await call(b, id, 'app.info', {});
      expect(other).toMatchObject({ ok: true });
      const { frame, bytes: size } = await big;
      expect(frame).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(size).toBeLessThan(2048);
    }
    a.close();
    b.close();
  });
});
