/**
 * The renderer's one way to reach main. Under Electron the preload has put the API on
 * `window.atelier`; in a browser the same API is built here over the browser host's WebSocket.
 * Either way the rest of the renderer sees an `AtelierApi` and never a transport.
 */
import {
  AtelierError,
  contract,
  type AtelierApi,
  type BridgeApi,
  type CallResult,
  type EventName,
  type EventPayload,
} from '../../../preload/contract';
import {
  decodeFrame,
  encodeFrame,
  isServerFrame,
  TOKEN_PARAM,
  WS_PATH,
  type ServerFrame,
} from '../../../preload/wire';

declare global {
  interface Window {
    atelier?: BridgeApi;
  }
}

type Listener = (payload: unknown) => void;

/** Builds the API object from the contract around one `call` function (shared by both transports). */
export function apiFromCall(
  call: (method: string, input: unknown) => Promise<unknown>,
  on: (event: string, listener: Listener) => () => void,
): AtelierApi {
  const api: Record<string, unknown> = {
    on: (event: EventName, listener: (p: EventPayload<EventName>) => void) => on(event, listener as Listener),
  };
  for (const [ns, methods] of Object.entries(contract)) {
    const group: Record<string, (input?: unknown) => Promise<unknown>> = {};
    for (const m of Object.keys(methods)) group[m] = (input?: unknown) => call(`${ns}.${m}`, input);
    api[ns] = Object.freeze(group);
  }
  return Object.freeze(api) as unknown as AtelierApi;
}

export interface SocketLike {
  binaryType: string;
  readyState: number;
  send(data: Uint8Array): void;
  close(): void;
  addEventListener(
    type: 'open' | 'close' | 'error' | 'message',
    l: (ev: { data?: unknown; code?: number; reason?: string }) => void,
  ): void;
}

/** A socket refused or dropped: the host is down, or restarted with a new token. */
const CANNOT_REACH =
  'Cannot reach the Atelier host. Is it still running? If it was restarted, open the new address ' +
  'it printed ("Atelier is running at http://127.0.0.1:…").';

/**
 * The WebSocket transport. Calls made before the socket opens wait for it; if the socket drops,
 * pending calls fail with a readable error and the next call reconnects.
 */
export function createSocketApi(url: string, makeSocket: (url: string) => SocketLike): AtelierApi {
  let opened: Promise<SocketLike> | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, Set<Listener>>();

  const failPending = (message: string): void => {
    for (const p of pending.values()) p.reject(new AtelierError({ code: 'internal', message }));
    pending.clear();
  };

  const connect = (): Promise<SocketLike> => {
    if (opened) return opened;
    opened = new Promise<SocketLike>((resolve, reject) => {
      const ws = makeSocket(url);
      ws.binaryType = 'arraybuffer';
      let isOpen = false;
      ws.addEventListener('open', () => {
        isOpen = true;
        resolve(ws);
      });
      ws.addEventListener('message', (ev) => {
        let frame: unknown;
        try {
          frame = decodeFrame(ev.data as ArrayBuffer);
        } catch {
          return;
        }
        if (isServerFrame(frame)) onFrame(frame);
      });
      const onDown = (ev: { reason?: string }): void => {
        opened = null;
        if (!isOpen) reject(new AtelierError({ code: 'internal', message: CANNOT_REACH }));
        // The host closes with a reason when it cannot read a frame: no answer will come.
        failPending(
          ev.reason
            ? `The Atelier host closed the connection: ${ev.reason} Try again.`
            : 'The connection to the Atelier host was lost. Try again.',
        );
      };
      ws.addEventListener('close', onDown);
      ws.addEventListener('error', onDown);
    });
    return opened;
  };

  const onFrame = (frame: ServerFrame): void => {
    if (frame.t === 'event') {
      for (const l of listeners.get(frame.event) ?? []) l(frame.payload);
      return;
    }
    const p = pending.get(frame.id);
    if (!p) return;
    pending.delete(frame.id);
    if (frame.ok) p.resolve(frame.value);
    else p.reject(new AtelierError(frame.error));
  };

  const call = async (method: string, input: unknown): Promise<unknown> => {
    const ws = await connect();
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      ws.send(encodeFrame({ t: 'call', id, method, input }));
    });
  };

  const on = (event: string, listener: Listener): (() => void) => {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    void connect().catch(() => undefined);
    return () => {
      set.delete(listener);
    };
  };

  return apiFromCall(call, on);
}

/** The Electron transport: the preload's named methods answer envelopes; failures become AtelierError. */
export function createBridgeApi(bridge: BridgeApi): AtelierApi {
  const groups = bridge as unknown as Record<
    string,
    Record<string, (input: unknown) => Promise<CallResult<unknown>>>
  >;
  return apiFromCall(
    async (method, input) => {
      const [ns, m] = method.split('.') as [string, string];
      const r = await groups[ns]![m]!(input);
      if (r.ok) return r.value;
      throw new AtelierError(r.error);
    },
    (event, listener) => bridge.on(event as EventName, listener),
  );
}

/** Where a tab keeps its token once it is out of the address bar (a reload still connects). */
export const TOKEN_KEY = 'atelier.token';

export const NO_TOKEN_MESSAGE =
  'This page was opened without its access token, so it cannot reach Atelier. Open the address ' +
  'Atelier printed in its terminal: the line "Atelier is running at http://127.0.0.1:…/?token=…".';

/**
 * The page's token. Taken from the address, then dropped from it (replaceState) so it is not left
 * in the address bar, history or a shared screenshot; kept in this tab's sessionStorage.
 */
export function takePageToken(page: Pick<Window, 'location' | 'history' | 'sessionStorage'>): string | null {
  const url = new URL(page.location.href);
  const given = url.searchParams.get(TOKEN_PARAM);
  if (!given) {
    try {
      return page.sessionStorage.getItem(TOKEN_KEY);
    } catch {
      return null; // storage turned off
    }
  }
  try {
    page.sessionStorage.setItem(TOKEN_KEY, given);
  } catch {
    // Storage turned off: this load connects; a reload will ask for the address again.
  }
  url.searchParams.delete(TOKEN_PARAM);
  page.history.replaceState(page.history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return given;
}

/** An API whose every call fails with `message` (nothing to connect with). */
function unreachableApi(message: string): AtelierApi {
  return apiFromCall(
    () => Promise.reject(new AtelierError({ code: 'internal', message })),
    () => () => undefined,
  );
}

let cached: AtelierApi | null = null;

/** The API for this page: Electron's bridge when present, else the browser host's socket. */
export function getApi(): AtelierApi {
  if (cached) return cached;
  if (window.atelier) return (cached = createBridgeApi(window.atelier));
  const token = takePageToken(window);
  if (!token) return (cached = unreachableApi(NO_TOKEN_MESSAGE));
  const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = `${proto}//${window.location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
  cached = createSocketApi(url, (u) => new WebSocket(u) as unknown as SocketLike);
  return cached;
}
