/**
 * The ipcMain adapter: one channel for calls, one for events. Every call's sender must be our
 * window's main frame; the router validates the payload.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type CallResult } from '../../preload/contract';
import type { Atelier } from '../services/atelier';

export function senderIsOurMainFrame(event: IpcMainInvokeEvent, win: BrowserWindow | null): boolean {
  if (!win || win.isDestroyed()) return false;
  return event.sender === win.webContents && event.senderFrame === win.webContents.mainFrame;
}

export function registerIpc(atelier: Atelier, getWindow: () => BrowserWindow | null): () => void {
  ipcMain.handle(IPC_CALL, async (event, method: unknown, input: unknown): Promise<CallResult<unknown>> => {
    if (!senderIsOurMainFrame(event, getWindow())) {
      return {
        ok: false,
        error: { code: 'unsupported', message: 'Calls are accepted only from the Atelier window.' },
      };
    }
    return atelier.router.call(method, input);
  });
  const off = atelier.events.subscribeAll((name, payload) => {
    const win = getWindow();
    if (win && !win.isDestroyed()) win.webContents.send(IPC_EVENT, name, payload);
  });
  return () => {
    off();
    ipcMain.removeHandler(IPC_CALL);
  };
}
