/**
 * The browser transport's edges: the token leaves the address bar (and stays for reloads of the
 * tab), a tab without it says how to get the address, and a socket the host closes with a reason
 * fails every pending call with that reason.
 */
import { describe, expect, it } from 'vitest';
import { AtelierError } from '../../../preload/contract';
import { createSocketApi, NO_TOKEN_MESSAGE, takePageToken, TOKEN_KEY, type SocketLike } from './client';

function page(href: string, stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  const replaced: string[] = [];
  return {
    replaced,
    store,
    location: { href } as Location,
    history: {
      state: null,
      replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url),
    } as History,
    sessionStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    } as Storage,
  };
}

describe('takePageToken', () => {
  it('takes the token from the address, drops it from there and keeps it for reloads', () => {
    const p = page('http://127.0.0.1:5177/?token=abc123&view=melody#roll');
    expect(takePageToken(p)).toBe('abc123');
    expect(p.replaced).toEqual(['/?view=melody#roll']);
    expect(p.store.get(TOKEN_KEY)).toBe('abc123');
    // The reload: the address has no token any more; the tab still has it.
    expect(takePageToken(page('http://127.0.0.1:5177/?view=melody', { [TOKEN_KEY]: 'abc123' }))).toBe(
      'abc123',
    );
  });

  it('has nothing for a tab opened without it; the API says how to get the address', () => {
    const p = page('http://127.0.0.1:5177/');
    expect(takePageToken(p)).toBeNull();
    expect(p.replaced).toEqual([]);
    expect(NO_TOKEN_MESSAGE).toMatch(/without its access token/);
    expect(NO_TOKEN_MESSAGE).toContain('Atelier is running at');
  });
});

/** A socket the test drives: opens at once, records frames, closes on demand. */
function fakeSocket() {
  const listeners = new Map<string, ((ev: { data?: unknown; code?: number; reason?: string }) => void)[]>();
  const socket: SocketLike & { emit(type: string, ev?: object): void } = {
    binaryType: '',
    readyState: 1,
    send: () => undefined,
    close: () => undefined,
    addEventListener: (type, l) => listeners.set(type, [...(listeners.get(type) ?? []), l]),
    emit: (type, ev = {}) => listeners.get(type)?.forEach((l) => l(ev)),
  };
  return socket;
}

describe('createSocketApi', () => {
  it('fails every pending call with the reason the host closed the socket with', async () => {
    const socket = fakeSocket();
    const api = createSocketApi('ws://x/ws', () => {
      queueMicrotask(() => socket.emit('open'));
      return socket;
    });
    const calls = [api.app.info(), api.models.list()];
    await new Promise((r) => setTimeout(r, 0));
    socket.emit('close', { code: 1008, reason: 'Malformed frame: it is cut short.' });
    for (const c of calls) {
      const e = await c.catch((err: unknown) => err);
      expect(e).toBeInstanceOf(AtelierError);
      expect((e as AtelierError).message).toBe(
        'The Atelier host closed the connection: Malformed frame: it is cut short. Try again.',
      );
    }
  });

  it('says how to get the current address when the socket cannot open', async () => {
    const socket = fakeSocket();
    const api = createSocketApi('ws://x/ws', () => {
      queueMicrotask(() => socket.emit('close', { code: 1006 }));
      return socket;
    });
    await expect(api.app.info()).rejects.toThrow(/Cannot reach the Atelier host.*Atelier is running at/);
  });
});
