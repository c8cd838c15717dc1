import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it, vi } from 'vitest';
import { BRIDGE_KEY, CALL_NAMES, IPC_CHANNEL } from '../../../shared/contract';

const h = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  ipcRenderer: {
    invoke: vi.fn(async (_channel: string, name: string) => ({ ok: true, result: `answer to ${name}` })),
    send: vi.fn(),
    sendSync: vi.fn(),
    on: vi.fn(),
  },
}));
vi.mock('electron', () => ({ contextBridge: { exposeInMainWorld: h.exposeInMainWorld }, ipcRenderer: h.ipcRenderer }));

await import('../../../electron/preload/preload');

function exposed(): [string, Record<string, unknown>] {
  expect(h.exposeInMainWorld).toHaveBeenCalledOnce();
  return h.exposeInMainWorld.mock.calls[0] as [string, Record<string, unknown>];
}

describe('preload', () => {
  it('exposes exactly one function per contract call, as window.granska', () => {
    const [key, bridge] = exposed();
    expect(key).toBe(BRIDGE_KEY);
    expect(Object.keys(bridge).sort()).toEqual([...CALL_NAMES].sort());
    for (const name of CALL_NAMES) expect(typeof bridge[name]).toBe('function');
  });

  it('never exposes ipcRenderer or any of its methods', () => {
    const [, bridge] = exposed();
    const values = Object.values(bridge);
    expect(values).not.toContain(h.ipcRenderer);
    for (const fn of Object.values(h.ipcRenderer)) expect(values).not.toContain(fn);
    expect(Object.keys(bridge)).not.toEqual(expect.arrayContaining(['ipcRenderer']));
    expect(Object.keys(bridge).filter((k) => ['invoke', 'send', 'sendSync', 'on'].includes(k))).toEqual([]);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('sends each call as (name, input) on the one channel and returns its envelope', async () => {
    const [, bridge] = exposed();
    const first = CALL_NAMES[0]!;
    const result = await (bridge[first] as (input: unknown) => Promise<unknown>)({ any: 'input' });
    expect(h.ipcRenderer.invoke).toHaveBeenLastCalledWith(IPC_CHANNEL, first, { any: 'input' });
    expect(result).toEqual({ ok: true, result: `answer to ${first}` });
  });

  it('bundles into one CommonJS file whose only require is electron (a sandboxed preload can load nothing else)', async () => {
    const root = fileURLToPath(new URL('../../..', import.meta.url));
    const out = await build({
      entryPoints: [path.join(root, 'electron/preload/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'chrome130',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = out.outputFiles[0]!.text;
    const requires = [...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
  });
});
