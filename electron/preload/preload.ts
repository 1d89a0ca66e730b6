/**
 * Sandboxed preload: exposes only `window.saban` = { invoke, onChange, platform }.
 * No Node, no ipcRenderer object leaks to the page (contextIsolation).
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_CHANGE, IPC_INVOKE, type PreloadBridge } from '../../shared/api/client';
import type { ChangeEvent } from '../../shared/api/contract';

const bridge: PreloadBridge = {
  invoke: (op, input) => ipcRenderer.invoke(IPC_INVOKE, op, input),
  onChange(listener) {
    const wrapped = (_e: IpcRendererEvent, event: ChangeEvent) => listener(event);
    ipcRenderer.on(IPC_CHANGE, wrapped);
    return () => ipcRenderer.removeListener(IPC_CHANGE, wrapped);
  },
  platform: process.platform,
};

contextBridge.exposeInMainWorld('saban', bridge);

// The briefing's "In / Xuất PDF" (h9): main prints the page with webContents.printToPDF into a
// file the user picks. A separate global so `window.saban` keeps exactly the API bridge.
contextBridge.exposeInMainWorld('sabanPrint', {
  toPDF: (suggestedName: string): Promise<{ ok: boolean; path?: string; canceled?: boolean; error?: string }> =>
    ipcRenderer.invoke('saban:print-pdf', suggestedName),
});
