/**
 * The Electron adapters with 'electron' MOCKED: no Electron binary can be installed on these
 * machines, so these tests check our wiring (sender checks, denied navigation, windows and
 * permissions) against a stand-in module. e2e/electron runs the real thing where it exists.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (...args: unknown[]) => unknown;
const state = vi.hoisted(() => ({
  handlers: new Map<string, Handler>(),
  appListeners: new Map<string, Handler>(),
  opened: [] as string[],
  permissionHandler: null as null | Handler,
  checkHandler: null as null | Handler,
  headersHandler: null as null | Handler,
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (ch: string, fn: Handler) => state.handlers.set(ch, fn),
    removeHandler: (ch: string) => state.handlers.delete(ch),
  },
  app: { on: (ev: string, fn: Handler) => state.appListeners.set(ev, fn) },
  shell: { openExternal: async (url: string) => void state.opened.push(url) },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (fn: Handler) => (state.permissionHandler = fn),
      setPermissionCheckHandler: (fn: Handler) => (state.checkHandler = fn),
      webRequest: { onHeadersReceived: (fn: Handler) => (state.headersHandler = fn) },
    },
  },
}));

const { registerIpc } = await import('./ipc');
const { CSP, hardenContents, hardenSession } = await import('./security');
const { IPC_CALL } = await import('../../preload/contract');
const { EventBus } = await import('../services/events');

function fakeWindow() {
  const mainFrame = { id: 'main' };
  const webContents = { mainFrame, send: vi.fn() };
  return { webContents, isDestroyed: () => false };
}

describe('ipc adapter (electron mocked)', () => {
  beforeEach(() => state.handlers.clear());

  it('routes calls from our main frame and refuses other senders and subframes', async () => {
    const win = fakeWindow();
    const router = { call: vi.fn(async () => ({ ok: true, value: 'routed' })) };
    const events = new EventBus();
    registerIpc({ router, events } as never, () => win as never);
    const handle = state.handlers.get(IPC_CALL)!;

    expect(
      await handle({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, 'app.info', {}),
    ).toEqual({
      ok: true,
      value: 'routed',
    });
    const strangers = [
      { sender: { mainFrame: {} }, senderFrame: {} },
      { sender: win.webContents, senderFrame: { id: 'iframe' } },
    ];
    for (const event of strangers) {
      expect(await handle(event, 'app.info', {})).toMatchObject({
        ok: false,
        error: { code: 'unsupported' },
      });
    }
    expect(router.call).toHaveBeenCalledTimes(1);
  });

  it('forwards service events to the window', () => {
    const win = fakeWindow();
    const events = new EventBus();
    const off = registerIpc({ router: { call: vi.fn() }, events } as never, () => win as never);
    events.emit('library.changed', { id: 'x', change: 'added' });
    expect(win.webContents.send).toHaveBeenCalledWith('atelier:event', 'library.changed', {
      id: 'x',
      change: 'added',
    });
    off();
    events.emit('library.changed', { id: 'y', change: 'added' });
    expect(win.webContents.send).toHaveBeenCalledTimes(1);
  });
});

describe('security defaults (electron mocked)', () => {
  it('denies every permission request and check, and sets the strict CSP header', () => {
    hardenSession();
    const cb = vi.fn();
    state.permissionHandler!({}, 'media', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(state.checkHandler!()).toBe(false);
    const headers = vi.fn();
    state.headersHandler!({ responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CSP] } });
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).not.toContain('unsafe-eval');
  });

  it('denies navigation and window.open, opening only https links in the OS browser', () => {
    hardenContents();
    const listeners = new Map<string, Handler>();
    let openHandler: Handler = () => undefined;
    const contents = {
      on: (ev: string, fn: Handler) => listeners.set(ev, fn),
      setWindowOpenHandler: (fn: Handler) => (openHandler = fn),
    };
    state.appListeners.get('web-contents-created')!({}, contents);
    state.opened.length = 0;

    const nav = { preventDefault: vi.fn(), url: 'https://example.com/docs' };
    listeners.get('will-navigate')!(nav);
    expect(nav.preventDefault).toHaveBeenCalled();
    // Our own origin (atelier://app) is one document too: navigating within it is refused.
    const own = { preventDefault: vi.fn(), url: 'atelier://app/index.html?elsewhere' };
    listeners.get('will-navigate')!(own);
    expect(own.preventDefault).toHaveBeenCalled();
    expect(openHandler({ url: 'atelier://app/index.html' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'http://insecure.example' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'https://example.com/help' })).toEqual({ action: 'deny' });
    expect(state.opened).toEqual(['https://example.com/docs', 'https://example.com/help']);
    const webview = { preventDefault: vi.fn() };
    listeners.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });
});
