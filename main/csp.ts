/**
 * The renderer's Content-Security-Policy, written once for every host: the Electron window's
 * response header (electron/security.ts), the browser host's header (host/server.ts), and the
 * `<meta>` the build writes into renderer/index.html (electron.vite.config.ts) for pages served
 * without our headers (the dev server). No Electron, no Node: the build config imports it too.
 *
 * `style-src 'unsafe-inline'` stays because React's `style` props and Konva set inline styles.
 */
const DIRECTIVES: readonly [string, string][] = [
  ['default-src', "'none'"],
  ['script-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' blob: data:"],
  ['media-src', "'self' blob:"],
  ['font-src', "'self'"],
  // 'self' covers the browser host's own WebSocket (same host and port) in current browsers.
  ['connect-src', "'self'"],
  ['worker-src', "'self' blob:"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

const serialize = (list: readonly [string, string][]): string => list.map(([k, v]) => `${k} ${v}`).join('; ');

/** The header both hosts send with the renderer's pages. */
export const CSP = serialize(DIRECTIVES);

/**
 * The `<meta>` form: `frame-ancestors` is ignored in a meta tag, so it is left out; the dev
 * server's hot reload also needs its WebSocket on localhost.
 */
export function cspMeta(dev: boolean): string {
  return serialize(
    DIRECTIVES.filter(([k]) => k !== 'frame-ancestors').map(([k, v]) =>
      k === 'connect-src' && dev ? [k, `${v} ws://localhost:* ws://127.0.0.1:*`] : [k, v],
    ),
  );
}
