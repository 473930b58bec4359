/**
 * The renderer is served from our own origin, `atelier://app/…`, not `file://`: a standard,
 * secure scheme gives the page a real origin (so the CSP's 'self', ES modules and storage work
 * as on the web) and confines it to the built renderer folder. Every response carries the CSP
 * header from main/csp.ts; a path that leaves the folder is refused.
 */
import { stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { CSP } from '../csp';
import { APP_HOST, APP_SCHEME } from './origin';

export { APP_HOST, APP_ORIGIN, APP_SCHEME, APP_URL } from './origin';

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // corsEnabled stays unset: no other origin may read our files.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/**
 * The file under `rootDir` that `url` names, or null when it names none: another scheme or host,
 * a path that leaves the folder once decoded (`..`, `%2e%2e`, `%2f`, backslashes), or a NUL byte.
 * `atelier://app/` is index.html.
 */
export function appFileFor(rootDir: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let path: string;
  try {
    path = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0')) return null;
  if (path === '/' || path === '') path = '/index.html';
  const root = resolve(rootDir);
  const file = resolve(join(root, path.replace(/\\/g, '/')));
  const rel = relative(root, file);
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return null;
  return file;
}

/** Content types for what the renderer build holds, where the file loader gives none. */
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};

/** Fetches a file: URL (Electron's `net.fetch`, or a stand-in in tests). */
export type FetchFile = (fileUrl: string) => Promise<Response>;

const withCsp = (status: number, body: string): Response =>
  new Response(body, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Security-Policy': CSP },
  });

/** The handler for `protocol.handle(APP_SCHEME, …)`: files of `rootDir`, each with the CSP header. */
export function createAppProtocolHandler(rootDir: string, fetchFile: FetchFile) {
  return async (request: Request): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return withCsp(405, 'Method not allowed');
    const file = appFileFor(rootDir, request.url);
    if (!file) return withCsp(403, 'Forbidden');
    try {
      if (!(await stat(file)).isFile()) return withCsp(404, 'Not found');
    } catch {
      return withCsp(404, 'Not found');
    }
    const res = await fetchFile(pathToFileURL(file).href);
    const headers = new Headers(res.headers);
    const type = TYPES[extname(file).toLowerCase()];
    if (type && !headers.get('Content-Type')) headers.set('Content-Type', type);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(request.method === 'HEAD' ? null : res.body, {
      status: res.status,
      statusText: res.statusText,
      headers,
    });
  };
}

/** Serves `rootDir` (the built renderer) as atelier://app/ on the default session. */
export function serveApp(rootDir: string): void {
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler(rootDir, (url) => net.fetch(url)),
  );
}
