/**
 * The preload: exposes the contract as `window.atelier` (a `BridgeApi`) through contextBridge. The renderer
 * never sees ipcRenderer: only named methods derived from the contract and an `on` that
 * returns its unsubscribe.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { contract, eventNames, IPC_CALL, IPC_EVENT, type CallResult } from './contract';

const api: Record<string, unknown> = {};
for (const [ns, methods] of Object.entries(contract)) {
  const group: Record<string, (input?: unknown) => Promise<CallResult<unknown>>> = {};
  for (const m of Object.keys(methods)) {
    // Answers the envelope: contextBridge would strip a thrown error down to its message.
    group[m] = (input?: unknown) =>
      ipcRenderer.invoke(IPC_CALL, `${ns}.${m}`, input) as Promise<CallResult<unknown>>;
  }
  api[ns] = group;
}
api.on = (event: string, listener: (payload: unknown) => void): (() => void) => {
  if (!(eventNames as string[]).includes(event)) throw new Error(`Unknown event ${event}`);
  const handler = (_e: IpcRendererEvent, name: string, payload: unknown): void => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT, handler);
  return () => ipcRenderer.removeListener(IPC_EVENT, handler);
};

contextBridge.exposeInMainWorld('atelier', api);
