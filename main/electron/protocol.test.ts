/**
 * The atelier:// protocol handler with 'electron' replaced by a STAND-IN (no Electron binary can
 * be installed on these machines): `protocol` records what is registered, and `net.fetch` is a
 * stand-in that reads file: URLs from disk. e2e/electron loads the real thing where it exists.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CSP } from '../csp';

type Handler = (request: Request) => Promise<Response>;
const standIn = vi.hoisted(() => ({
  privileged: [] as unknown[],
  handlers: new Map<string, Handler>(),
  fetched: [] as string[],
}));

vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => standIn.privileged.push(...schemes),
    handle: (scheme: string, handler: Handler) => standIn.handlers.set(scheme, handler),
  },
  net: {
    // Stand-in for Electron's net.fetch of a file: URL (which also sets no CSP).
    fetch: async (url: string) => {
      standIn.fetched.push(url);
      return new Response(await readFile(fileURLToPath(url)), { status: 200 });
    },
  },
}));

const { APP_URL, appFileFor, registerAppScheme, serveApp } = await import('./protocol');

let base: string;
let rendererDir: string;
let handler: Handler;
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'atelier-protocol-'));
  rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<div id="root"></div>');
  writeFileSync(join(rendererDir, 'assets', 'index-1.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'not for the page');
  writeFileSync(join(base, 'renderer-evil.txt'), 'a sibling folder sharing the prefix');
  serveApp(rendererDir);
  handler = standIn.handlers.get('atelier')!;
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('atelier:// protocol (electron stand-in)', () => {
  it('registers atelier as a privileged standard, secure scheme that other origins cannot read', () => {
    registerAppScheme();
    expect(standIn.privileged).toEqual([
      {
        scheme: 'atelier',
        privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
      },
    ]);
    expect(APP_URL).toBe('atelier://app/index.html');
    expect(handler).toBeTypeOf('function');
  });

  it('serves the renderer files with the CSP header and a content type', async () => {
    const page = await get('atelier://app/index.html');
    expect(page.status).toBe(200);
    expect(await page.text()).toBe('<div id="root"></div>');
    expect(page.headers.get('Content-Security-Policy')).toBe(CSP);
    expect(page.headers.get('Content-Type')).toMatch(/^text\/html/);
    const root = await get('atelier://app/');
    expect(await root.text()).toBe('<div id="root"></div>');
    const js = await get('atelier://app/assets/index-1.js');
    expect(await js.text()).toBe('console.log(1)');
    expect(js.headers.get('Content-Type')).toMatch(/^text\/javascript/);
    expect(js.headers.get('Content-Security-Policy')).toBe(CSP);
    expect(js.headers.get('X-Content-Type-Options')).toBe('nosniff');
  });

  it('refuses paths that leave the renderer folder, and other hosts, with the CSP header', async () => {
    standIn.fetched.length = 0;
    for (const url of [
      'atelier://app/..%2fsecret.txt',
      'atelier://app/assets/..%2f..%2fsecret.txt',
      'atelier://app/..%5csecret.txt',
      'atelier://app/..%2f..%2frenderer-evil.txt',
      'atelier://app/index.html%00.js',
      'atelier://app/%E0%A4%A',
      'atelier://elsewhere/index.html',
    ]) {
      const res = await get(url);
      expect(res.status, url).toBe(403);
      expect(res.headers.get('Content-Security-Policy'), url).toBe(CSP);
    }
    // Dot segments (plain or %2e) the URL parser resolves stay inside the folder: there is no renderer/secret.txt.
    for (const url of ['atelier://app/../../secret.txt', 'atelier://app/%2e%2e/secret.txt']) {
      const res = await get(url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get('Content-Security-Policy'), url).toBe(CSP);
    }
    expect(standIn.fetched).toEqual([]);
    expect(appFileFor(rendererDir, 'file:///etc/passwd')).toBeNull();
  });

  it('answers 404 for missing files and folders, 405 for writes, each with the CSP header', async () => {
    for (const [url, method, status] of [
      ['atelier://app/missing.js', 'GET', 404],
      ['atelier://app/assets', 'GET', 404],
      ['atelier://app/index.html', 'POST', 405],
    ] as const) {
      const res = await get(url, method);
      expect(res.status, url).toBe(status);
      expect(res.headers.get('Content-Security-Policy'), url).toBe(CSP);
    }
  });
});
