/**
 * The browser host: serves the built renderer and the contract over a WebSocket, on 127.0.0.1
 * only. Every socket must present the per-run token; Host and Origin headers are checked so a
 * web page elsewhere cannot reach the studio (DNS rebinding, cross-site sockets).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  decodeFrame,
  encodeFrame,
  isClientFrame,
  MAX_CLIENT_FRAME_BYTES,
  TOKEN_PARAM,
  WS_PATH,
} from '../../preload/wire';
import { CSP } from '../csp';
import type { Atelier } from '../services/atelier';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

export interface BrowserHost {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

export interface BrowserHostOptions {
  atelier: Atelier;
  rendererDir: string;
  port?: number;
  token?: string;
}

function tokenMatches(expected: Buffer, given: string | null): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${opts.rendererDir}/index.html missing): run npm run build`);
  }
  let port = 0;
  const allowedHost = (h: string | undefined): boolean =>
    h === `127.0.0.1:${port}` || h === `localhost:${port}`;

  const server: Server = createServer((req, res) => {
    if (!allowedHost(req.headers.host)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || rel === '') rel = '/index.html';
    const file = normalize(join(opts.rendererDir, rel));
    if (
      !file.startsWith(normalize(opts.rendererDir) + sep) ||
      !existsSync(file) ||
      !statSync(file).isFile()
    ) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': rel === '/index.html' ? 'no-store' : 'max-age=3600',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const origin = req.headers.origin;
    const originOk =
      !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (
      url.pathname !== WS_PATH ||
      !allowedHost(req.headers.host) ||
      !originOk ||
      !tokenMatches(expected, url.searchParams.get(TOKEN_PARAM))
    ) {
      socket.write('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
  });

  const unsubscribe = opts.atelier.events.subscribeAll((event, payload) => {
    if (sockets.size === 0) return;
    const frame = encodeFrame({ t: 'event', event, payload });
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      let frame: unknown;
      try {
        if (!isBinary) throw new Error('text frame');
        frame = decodeFrame(data as Buffer);
      } catch {
        ws.send(
          encodeFrame({
            t: 'result',
            id: -1,
            ok: false,
            error: { code: 'invalid-input', message: 'Malformed frame.' },
          }),
        );
        return;
      }
      if (!isClientFrame(frame)) {
        ws.send(
          encodeFrame({
            t: 'result',
            id: -1,
            ok: false,
            error: { code: 'invalid-input', message: 'Malformed call.' },
          }),
        );
        return;
      }
      void opts.atelier.router.call(frame.method, frame.input).then((result) => {
        if (ws.readyState !== ws.OPEN) return;
        ws.send(
          encodeFrame(
            result.ok
              ? { t: 'result', id: frame.id, ok: true, value: result.value }
              : { t: 'result', id: frame.id, ok: false, error: result.error },
          ),
        );
      });
    });
  });

  const listen = (p: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const onError = (e: Error): void => reject(e);
      server.once('error', onError);
      server.listen(p, '127.0.0.1', () => {
        server.off('error', onError);
        resolve();
      });
    });
  try {
    await listen(opts.port ?? 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !opts.port) throw e;
    await listen(0); // the preferred port is taken: any free one will do
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    async close() {
      unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
