import { v7 as uuidv7 } from 'uuid';
import type { WireChange } from '../../../electron/backend/sync/protocol';

let counter = 0;

/** A change as a laptop's journal would send it. */
export function change(over: Partial<WireChange> & { node?: string } = {}): WireChange {
  counter += 1;
  const id = uuidv7();
  return {
    changeId: uuidv7(),
    hlc: `${new Date(Date.UTC(2026, 11, 4, 5, 0, 0, counter)).toISOString()}-0000-${over.node ?? '0123456789abcdef'}`,
    node: '0123456789abcdef',
    table: 'findings',
    rowId: id,
    op: 'upsert',
    fields: { id, statement: `Finding ${counter}` },
    auditId: null,
    ...over,
  };
}

/** The audit_team row that puts a person on an audit's team. */
export function teamChange(auditId: string, personId: string, op: 'upsert' | 'delete' = 'upsert'): WireChange {
  return change({
    table: 'audit_team',
    rowId: `${auditId}|${personId}`,
    op,
    fields: op === 'upsert' ? { audit_id: auditId, person_id: personId, role: 'auditor' } : {},
    auditId,
  });
}

/** A tiny client for the server's endpoints, returning status and parsed body. */
export function client(base: string, token?: string) {
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { authorization: `Bearer ${token}` } : {}), ...extra });
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/v1${path}`, {
      method,
      headers: headers(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read whatever the server answered
    return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
  };
  return {
    signIn: (name: string, password: string) => call('POST', '/sign-in', { name, password }),
    push: (changes: WireChange[]) => call('POST', '/push', { changes }),
    pull: (cursor = '0.0', limit = 1000) => call('GET', `/pull?cursor=${cursor}&limit=${limit}`),
    me: () => call('GET', '/me'),
    signOut: () => call('POST', '/sign-out'),
    raw: call,
    putBlob: (sha: string, bytes: Buffer, audit?: string) =>
      fetch(`${base}/v1/blobs/${sha}${audit ? `?audit=${audit}` : ''}`, { method: 'PUT', headers: headers({ 'content-type': 'application/octet-stream' }), body: new Uint8Array(bytes) }),
    getBlob: (sha: string) => fetch(`${base}/v1/blobs/${sha}`, { headers: headers() }),
  };
}
