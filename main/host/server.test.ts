/**
 * The browser host: token, Host and Origin checks, static serving, and the contract over a
 * real WebSocket with the real service layer behind it.
 */
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { decodeFrame, encodeFrame, MAX_CLIENT_FRAME_BYTES, type ServerFrame } from '../../preload/wire';
import { realAtelier, tempDir } from '../testing/atelier';
import { startBrowserHost, type BrowserHost } from './server';

let env: Awaited<ReturnType<typeof realAtelier>>;
let host: BrowserHost;
const renderer = tempDir('atelier-renderer-');

beforeAll(async () => {
  writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>Atelier</title>');
  env = await realAtelier();
  host = await startBrowserHost({ atelier: env.atelier, rendererDir: renderer.path, port: 0 });
});
afterAll(async () => {
  await host.close();
  await env.cleanup();
  renderer.remove();
});

function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: host.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function connect(url: string, headers: Record<string, string> = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

function nextFrame(ws: WebSocket, match: (f: ServerFrame) => boolean): Promise<ServerFrame> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer): void => {
      const f = decodeFrame(data) as ServerFrame;
      if (match(f)) {
        ws.off('message', onMessage);
        resolve(f);
      }
    };
    ws.on('message', onMessage);
  });
}

const wsUrl = (token: string): string => `ws://127.0.0.1:${host.port}/ws?token=${token}`;

describe('browser host', () => {
  it('listens on 127.0.0.1 and prints a URL carrying its token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token.length).toBeGreaterThanOrEqual(24);
  });

  it('serves the renderer with a strict CSP, and refuses path traversal and foreign Host headers', async () => {
    const page = await get('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await get('/../package.json')).status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/package.json')).status).toBe(404);
    expect((await get('/', { Host: 'evil.example:80' })).status).toBe(421);
  });

  it('refuses sockets without the token, with a wrong token, or from another origin', async () => {
    await expect(connect(wsUrl(''))).rejects.toThrow(/401/);
    await expect(connect(wsUrl('x'.repeat(host.token.length)))).rejects.toThrow(/401/);
    await expect(connect(wsUrl(host.token), { Origin: 'https://evil.example' })).rejects.toThrow(/401/);
  });

  it('answers contract calls and typed errors, and stays up', async () => {
    const ws = await connect(wsUrl(host.token), { Origin: `http://127.0.0.1:${host.port}` });
    ws.send(encodeFrame({ t: 'call', id: 1, method: 'app.info', input: {} }));
    const info = await nextFrame(ws, (f) => f.t === 'result' && f.id === 1);
    expect(info).toMatchObject({ ok: true, value: { host: 'cli', inference: { provider: 'cpu' } } });

    ws.send(
      encodeFrame({
        t: 'call',
        id: 2,
        method: 'texture.generate',
        input: { jobId: 'job-ws-1', params: { seed: -5 } },
      }),
    );
    const bad = await nextFrame(ws, (f) => f.t === 'result' && f.id === 2);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', field: 'params.seed' } });

    const style = env.atelier.registry.status().find((m) => m.texture)!.texture!.styles[0]!.id;
    const progress = nextFrame(ws, (f) => f.t === 'event' && f.event === 'job.progress');
    ws.send(
      encodeFrame({
        t: 'call',
        id: 3,
        method: 'texture.generate',
        input: { jobId: 'job-ws-2', params: { seed: 1, size: 256, style } },
      }),
    );
    expect(await progress).toMatchObject({ t: 'event', payload: { jobId: 'job-ws-2' } });
    const gen = await nextFrame(ws, (f) => f.t === 'result' && f.id === 3);
    expect(gen).toMatchObject({ ok: true, value: { kind: 'texture', seed: 1 } });

    const id = (gen as { value: { id: string } }).value.id;
    ws.send(encodeFrame({ t: 'call', id: 4, method: 'library.asset', input: { id, role: 'image' } }));
    const asset = (await nextFrame(ws, (f) => f.t === 'result' && f.id === 4)) as {
      value: { bytes: Uint8Array; mime: string };
    };
    expect(asset.value.mime).toBe('image/png');
    expect(asset.value.bytes).toBeInstanceOf(Uint8Array);
    expect([...asset.value.bytes.slice(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    ws.close();
  });

  it('drops frames over the size limit without taking the host down', async () => {
    const ws = await connect(wsUrl(host.token));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(Buffer.alloc(MAX_CLIENT_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    const again = await connect(wsUrl(host.token));
    again.send(encodeFrame({ t: 'call', id: 9, method: 'models.list', input: {} }));
    expect(await nextFrame(again, (f) => f.t === 'result' && f.id === 9)).toMatchObject({ ok: true });
    again.close();
  });
});
