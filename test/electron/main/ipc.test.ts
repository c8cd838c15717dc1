import type { IpcMain, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IPC_CHANNEL } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { Backend } from '../../../electron/backend/backend';
import { createCallHandler, registerCallHandler, type CallTarget } from '../../../electron/main/ipc';
import { tempDir } from '../../helpers/tmp';

const ours = { id: 1 } as unknown as WebContents;
const another = { id: 2 } as unknown as WebContents;

function event(sender: WebContents, url: string | null) {
  return { sender, senderFrame: url === null ? null : ({ url } as never) };
}

function setup(call: CallTarget['call'] = async () => 'result') {
  const backend = { call: vi.fn(call) };
  const log = vi.fn();
  const afterCall = vi.fn();
  const handler = createCallHandler({ backend, mainContents: () => ours, log, afterCall });
  return { backend, log, afterCall, handler };
}

const FORBIDDEN = { ok: false, error: { code: 'forbidden', params: {} } };

describe('IPC sender check', () => {
  it.each([
    ['a page from another origin', event(ours, 'https://evil.example/')],
    ['a look-alike host', event(ours, 'app://granska.evil.example/index.html')],
    ['a blob: sub-frame', event(ours, 'blob:app://granska/1234')],
    ['a file:// page', event(ours, 'file:///tmp/index.html')],
    ['a destroyed frame', event(ours, null)],
    ['another web contents showing our page', event(another, 'app://granska/index.html')],
  ])('refuses %s with forbidden, without reaching the backend', async (_what, ev) => {
    const { backend, handler } = setup();
    expect(await handler(ev, 'app.info', {})).toEqual(FORBIDDEN);
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('refuses everything while there is no main window', async () => {
    const backend = { call: vi.fn() };
    const handler = createCallHandler({ backend, mainContents: () => null });
    expect(await handler(event(ours, 'app://granska/index.html'), 'app.info', {})).toEqual(FORBIDDEN);
    expect(backend.call).not.toHaveBeenCalled();
  });
});

describe('IPC calls from our window', () => {
  const right = event(ours, 'app://granska/index.html#/audits');

  it('reach the backend and come back as an ok envelope', async () => {
    const { backend, handler, afterCall } = setup(async (name, input) => ({ name, input }));
    expect(await handler(right, 'units.list', { q: 'skola' })).toEqual({
      ok: true,
      result: { name: 'units.list', input: { q: 'skola' } },
    });
    expect(backend.call).toHaveBeenCalledWith('units.list', { q: 'skola' });
    expect(afterCall).toHaveBeenCalledWith('units.list');
  });

  it('return an AppError as its code and params', async () => {
    const { handler, log } = setup(async () => {
      throw new AppError('locked', { reportId: 'r1' });
    });
    expect(await handler(right, 'audits.update', {})).toEqual({
      ok: false,
      error: { code: 'locked', params: { reportId: 'r1' } },
    });
    expect(log).not.toHaveBeenCalled();
  });

  it('turn any other error into internal, without its message, and log it', async () => {
    const { handler, log } = setup(async () => {
      throw new Error('SQLITE_CORRUPT: database disk image is malformed at /home/anna/secret.sqlite');
    });
    const envelope = await handler(right, 'audits.list', {});
    expect(envelope).toEqual({ ok: false, error: { code: 'internal', params: {} } });
    expect(JSON.stringify(envelope)).not.toContain('SQLITE');
    expect(log).toHaveBeenCalledOnce();
  });

  it('refuse a call name that is not a string', async () => {
    const { backend, handler } = setup();
    expect(await handler(right, { toString: () => 'app.info' }, {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
    expect(backend.call).not.toHaveBeenCalled();
  });

  it('work end to end with the real backend and router', async () => {
    const dir = tempDir('granska-ipc-');
    const backend = new Backend({ dataDir: dir, transport: 'electron', version: 'test' });
    backend.open(`${dir}/ipc.sqlite`);
    try {
      const handler = createCallHandler({ backend, mainContents: () => ours, log: () => {} });
      expect(await handler(right, 'app.info', {})).toMatchObject({
        ok: true,
        result: { transport: 'electron', version: 'test' },
      });
      expect(await handler(right, 'no.such.call', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await handler(right, 'app.chooseDatabase', { mode: 'delete-everything' })).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    } finally {
      backend.close();
    }
  });
});

describe('registerCallHandler', () => {
  it('listens on the one granska channel and passes (name, input) through', async () => {
    const ipcMain = { handle: vi.fn() };
    const { handler, backend } = setup();
    registerCallHandler(ipcMain as unknown as IpcMain, handler);
    expect(ipcMain.handle).toHaveBeenCalledOnce();
    const [channel, listener] = ipcMain.handle.mock.calls[0] as [string, (...args: unknown[]) => Promise<unknown>];
    expect(channel).toBe(IPC_CHANNEL);
    expect(await listener(event(ours, 'app://granska/index.html'), 'app.info', { a: 1 })).toEqual({ ok: true, result: 'result' });
    expect(backend.call).toHaveBeenCalledWith('app.info', { a: 1 });
  });
});
