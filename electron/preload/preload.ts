// The sandboxed preload (bundled to one CommonJS file: a sandboxed preload cannot require local
// files). It exposes `window.granska`, the contract as async functions, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_KEY } from '../../shared/contract';
import { buildBridge } from './bridge';

contextBridge.exposeInMainWorld(
  BRIDGE_KEY,
  buildBridge((channel, name, input) => ipcRenderer.invoke(channel, name, input)),
);
