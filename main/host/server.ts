/**
 * The browser host: serves the built renderer and the contract over a WebSocket, on 127.0.0.1
 * only. Every socket must present the per-run token; Host and Origin headers are checked so a
 * web page elsewhere cannot reach the studio (DNS rebinding, cross-site sockets).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { extname, join, normalize, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallResult } from '../../preload/contract';
import { encodeFrame, MAX_CLIENT_FRAME_BYTES, TOKEN_PARAM, WS_PATH } from '../../preload/wire';
import { CSP } from '../csp';
import { toErrorInfo } from '../router/router';
import type { Atelier } from '../services/atelier';
import { readClientFrame } from './frame';

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
  /** What the host serves: the router and its events (a test may stand in its own router). */
  atelier: Pick<Atelier, 'router' | 'events' | 'logger'>;
  rendererDir: string;
  port?: number;
  token?: string;
}

function tokenMatches(expected: Buffer, given: string | null): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

/**
 * The request's URL, or null when it cannot be read. The base is fixed: the Host header is the
 * sender's to choose, and `new URL` throws on some (`a b`, `[`, `x%y`).
 */
function requestUrl(url: string | undefined): URL | null {
  try {
    return new URL(url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** A URL's path decoded, or null when it cannot be (`/%zz`, `/%`, bad UTF-8 like `/%c0%ae`). */
function decodedPath(url: URL | null): string | null {
  try {
    return url && decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
}

/** Refuses an upgrade before any WebSocket exists: a status line and the socket closed. */
function refuseUpgrade(socket: Duplex, status: string): void {
  socket.write(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const expected = Buffer.from(token);
  const log = opts.atelier.logger;
  if (!existsSync(join(opts.rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${opts.rendererDir}/index.html missing): run npm run build`);
  }
  let port = 0;
  const allowedHost = (h: string | undefined): boolean =>
    h === `127.0.0.1:${port}` || h === `localhost:${port}`;

  const serveFile = (req: IncomingMessage, res: ServerResponse): void => {
    if (!allowedHost(req.headers.host)) {
      res.writeHead(421).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let rel = decodedPath(requestUrl(req.url));
    if (rel === null) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
      return;
    }
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
    // A file that vanishes or cannot be read mid-way ends this response, not the host.
    else
      createReadStream(file)
        .on('error', () => res.destroy())
        .pipe(res);
  };

  const server: Server = createServer((req, res) => {
    try {
      serveFile(req, res);
    } catch (e) {
      log.error('browser host: a request failed', e);
      if (res.headersSent) res.destroy();
      else res.writeHead(400, { 'Content-Type': 'text/plain' }).end('Bad request');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  const sockets = new Set<WebSocket>();

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Until ws takes the socket nothing else listens for its errors (a peer that resets).
    socket.on('error', () => socket.destroy());
    try {
      const url = requestUrl(req.url);
      if (!url) {
        refuseUpgrade(socket, '400 Bad Request');
        return;
      }
      const origin = req.headers.origin;
      const originOk =
        !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
      if (
        url.pathname !== WS_PATH ||
        !allowedHost(req.headers.host) ||
        !originOk ||
        !tokenMatches(expected, url.searchParams.get(TOKEN_PARAM))
      ) {
        refuseUpgrade(socket, '401 Unauthorized');
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    } catch (e) {
      log.error('browser host: an upgrade failed', e);
      refuseUpgrade(socket, '400 Bad Request');
    }
  });

  const unsubscribe = opts.atelier.events.subscribeAll((event, payload) => {
    if (sockets.size === 0) return;
    let frame: Uint8Array;
    try {
      frame = encodeFrame({ t: 'event', event, payload });
    } catch (e) {
      log.error(`browser host: the ${event} event could not be encoded`, e);
      return;
    }
    for (const ws of sockets) if (ws.readyState === ws.OPEN) ws.send(frame);
  });

  /** Answers call `id`; an answer MessagePack cannot carry becomes a typed error, never a crash. */
  const answer = (ws: WebSocket, id: number, method: string, result: CallResult<unknown>): void => {
    if (ws.readyState !== ws.OPEN) return;
    let frame: Uint8Array;
    try {
      frame = encodeFrame(
        result.ok
          ? { t: 'result', id, ok: true, value: result.value }
          : { t: 'result', id, ok: false, error: result.error },
      );
    } catch (e) {
      const name = method.slice(0, 80);
      log.error(`browser host: the answer to ${name} could not be encoded`, e);
      const message = `Atelier could not send its answer to ${name} (${(e as Error).message.slice(0, 120)}).`;
      frame = encodeFrame({ t: 'result', id, ok: false, error: { code: 'internal', message } });
    }
    ws.send(frame);
  };

  const onMessage = (ws: WebSocket, data: Buffer, isBinary: boolean): void => {
    if (!isBinary) {
      ws.close(1003, 'Atelier reads binary MessagePack frames only.');
      return;
    }
    const read = readClientFrame(data);
    if (!read.ok) {
      // Answered under its own id when one can be read; else the caller learns why as the socket closes.
      if (read.id === null) ws.close(1008, `Malformed frame: ${read.reason}.`.slice(0, 120));
      else
        answer(ws, read.id, '', {
          ok: false,
          error: { code: 'invalid-input', message: `Malformed call: ${read.reason}.` },
        });
      return;
    }
    const { id, method, input } = read.frame;
    if (ArrayBuffer.isView(input)) {
      // Every input is a map of fields; validating bytes as one lists each byte (1.4 s for 4 MiB).
      answer(ws, id, method, {
        ok: false,
        error: { code: 'invalid-input', message: 'Invalid input: expected an object of fields, not bytes.' },
      });
      return;
    }
    opts.atelier.router.call(method, input).then(
      (result) => answer(ws, id, method, result),
      (e: unknown) => answer(ws, id, method, { ok: false, error: toErrorInfo(e) }),
    );
  };

  wss.on('connection', (ws: WebSocket) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      try {
        onMessage(ws, data as Buffer, isBinary);
      } catch (e) {
        // A throw here would escape into the socket's data handler and end the process.
        log.error('browser host: a frame could not be handled', e);
        ws.close(1011, 'Atelier could not handle this frame.');
      }
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
