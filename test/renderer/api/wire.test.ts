import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, setApi } from '../../../renderer/src/api/client';
import { createCallHandler } from '../../../electron/main/ipc';
import { packResult } from '../../../shared/contract/wire';
import type { WebContents } from 'electron';
import type { Bridge } from '../../../shared/contract';
import type { FindingRegisterPage } from '../../../shared/domain/findings';

const page: FindingRegisterPage = {
  total: 1_000_000,
  offset: 200,
  years: [2025, 2024],
  rows: Array.from({ length: 200 }, (_, i) => ({
    id: `f${i}`,
    number: `H-2025-0001-${i + 1}`,
    auditId: 'a1',
    auditNumber: 'H-2025-0001',
    year: 2025,
    type: i % 2 ? 'observation' : 'minor_nc',
    clauseNumbers: ['8.5.1'],
    requirementSource: 'iso',
    statement: `Brist ${i} i läkemedelsförrådet`,
    unitId: i % 3 ? 'u1' : null,
    processId: null,
    status: i % 2 ? 'n/a' : 'open',
    createdAt: '2025-03-01T10:00:00.000Z',
  })),
};

/** The register's rows reach the page as the records the contract promises, whichever way they travelled. */
describe("the renderer's client reads packed results", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    delete window.granska;
    setApi(null);
  });

  it('in browser mode asks for tables and gives the register its rows', async () => {
    let sentHeaders: Record<string, string> = {};
    vi.stubGlobal('fetch', (_url: string, init: RequestInit) => {
      sentHeaders = init.headers as Record<string, string>;
      const packed = packResult(page);
      return Promise.resolve(new Response(JSON.stringify({ ok: true, result: packed.result, tables: packed.tables })));
    });
    setApi(null);
    expect(await api()['findings.register']({ offset: 200, limit: 200 })).toEqual(page);
    expect(sentHeaders['x-granska-wire']).toBe('tables');
  });

  it('in the desktop app gets the records the IPC handler sends as they are, after the structured clone', async () => {
    const ours = { id: 1 } as unknown as WebContents;
    const handler = createCallHandler({ backend: { call: () => Promise.resolve(page) }, mainContents: () => ours });
    const event = { sender: ours, senderFrame: { url: 'app://granska/index.html' } as never };
    let crossed: unknown = null;
    window.granska = new Proxy({}, {
      get: (_t, name: string) => async (input: unknown) => (crossed = structuredClone(await handler(event, name, input))),
    }) as unknown as Bridge;
    setApi(null);
    expect(await api()['findings.register']({ offset: 200, limit: 200 })).toEqual(page);
    expect(crossed).toEqual({ ok: true, result: page });
  });

  it('in the desktop app would unpack tables too: one envelope for both transports', async () => {
    const packed = packResult(page);
    window.granska = new Proxy({}, { get: () => () => Promise.resolve(structuredClone({ ok: true, result: packed.result, tables: packed.tables })) }) as unknown as Bridge;
    setApi(null);
    expect(await api()['findings.register']({ offset: 200, limit: 200 })).toEqual(page);
  });
});
