import { CALL_NAMES, IPC_CHANNEL, type Bridge, type CallName } from '../../shared/contract';

/** The one capability the preload keeps from ipcRenderer; nothing else of it reaches the page. */
export type Invoke = (channel: string, name: CallName, input: unknown) => Promise<unknown>;

/**
 * One function per contract call, each sending (name, input) over the single channel. Built from
 * CALL_NAMES so a new call appears here without touching the preload. The functions close over
 * `invoke`; the page gets plain functions, never ipcRenderer or its event objects.
 */
export function buildBridge(invoke: Invoke): Bridge {
  const bridge: Record<string, (input: unknown) => Promise<unknown>> = {};
  for (const name of CALL_NAMES) {
    bridge[name] = (input: unknown) => invoke(IPC_CHANNEL, name, input);
  }
  return Object.freeze(bridge) as unknown as Bridge;
}
