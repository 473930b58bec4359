/**
 * Electron's security defaults, in one place: strict CSP, no navigation, no new windows,
 * external https links to the OS browser, every permission request denied. The CSP header is also
 * set by the atelier:// protocol handler itself (protocol.ts) on every file it serves.
 */
import { app, session, shell, type WebContents } from 'electron';
import { CSP } from '../csp';

export { CSP };

export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } });
  });
}

function openExternalIfHttps(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
}

export function hardenContents(): void {
  app.on('web-contents-created', (_e, contents: WebContents) => {
    // Our own origin (atelier://app) included: the page never navigates, it is one document.
    contents.on('will-navigate', (event) => {
      event.preventDefault();
      openExternalIfHttps(event.url);
    });
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalIfHttps(url);
      return { action: 'deny' };
    });
  });
}
