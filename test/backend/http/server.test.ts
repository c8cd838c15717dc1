import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from '../../../electron/backend/http/server';
import { tempDir, testBackend } from '../../helpers/tmp';
import { unpackResult, type WirePath } from '../../../shared/contract/wire';

/** Raw requests, so Host and Origin can be forged the way a hostile page or DNS rebinding would. */
function request(port: number, opts: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: opts.method ?? 'GET', path: opts.path, headers: opts.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('loopback HTTP transport (browser mode)', () => {
  const backend = testBackend();
  const rendererDir = tempDir();
  let server: LoopbackServer;
  const token = 'secret-token-for-tests';

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Granska</title>');
    server = await startLoopbackServer(backend, { rendererDir, token });
  });
  afterAll(() => server.close());

  const api = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    request(server.port, {
      method: 'POST',
      path: `/api/${name}`,
      headers: { host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-granska-token': token, ...headers },
      body: JSON.stringify(body),
    });

  it('listens on 127.0.0.1 only, on a random port', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(1023);
  });

  it('answers a contract call with the right token', async () => {
    const r = await api('units.create', { name: 'Miljö- och byggförvaltningen', kind: 'administration' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, result: { name: 'Miljö- och byggförvaltningen' } });
  });

  it('sends lists as tables to the client that asks for them, and as records to anyone else', async () => {
    for (let i = 0; i < 10; i++) await api('units.create', { name: `Förvaltning ${i}`, kind: 'administration' });
    const plain = JSON.parse((await api('units.list', {})).body) as { result: { name: string }[]; tables?: unknown };
    expect(plain.tables).toBeUndefined();
    expect(plain.result.map((u) => u.name)).toContain('Förvaltning 9');
    const wire = JSON.parse((await api('units.list', {}, { 'x-granska-wire': 'tables' })).body) as { result: unknown; tables: WirePath[] };
    expect(wire.tables).toEqual([[]]);
    expect(unpackResult(wire.result, wire.tables)).toEqual(plain.result);
  });

  it('rejects a missing or wrong token', async () => {
    expect((await api('units.list', {}, { 'x-granska-token': 'guess' })).status).toBe(401);
    const noToken = await request(server.port, { method: 'POST', path: '/api/units.list', headers: { host: `127.0.0.1:${server.port}` }, body: '{}' });
    expect(noToken.status).toBe(401);
  });

  it('rejects a foreign Host (DNS rebinding) even with the token', async () => {
    const r = await api('units.list', {}, { host: `evil.example:${server.port}` });
    expect(r.status).toBe(421);
  });

  it('rejects a foreign Origin even with the token', async () => {
    const r = await api('units.list', {}, { origin: 'http://evil.example' });
    expect(r.status).toBe(403);
  });

  it('sends errors as {code, params} without stack traces or SQL', async () => {
    const r = await api('units.create', { name: '', kind: 'x' });
    const body = JSON.parse(r.body) as { ok: boolean; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('invalid_input');
    expect(r.body).not.toMatch(/at \w+ \(|SQLITE|stack/i);
  });

  it('serves the app with a strict Content-Security-Policy and never a file outside its folder', async () => {
    const page = await request(server.port, { path: '/', headers: { host: `127.0.0.1:${server.port}` } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("object-src 'none'");
    const escape = await request(server.port, { path: '/../../../../etc/passwd', headers: { host: `127.0.0.1:${server.port}` } });
    expect(escape.body).not.toContain('root:');
    const encoded = await request(server.port, { path: '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', headers: { host: `127.0.0.1:${server.port}` } });
    expect(encoded.body).not.toContain('root:');
  });
});

describe('loopback HTTP transport refuses malformed and oversized requests with an answer', () => {
  const backend = testBackend();
  const rendererDir = tempDir();
  let server: LoopbackServer;
  const token = 'secret-token-for-tests';
  const limit = 64 * 1024;

  beforeAll(async () => {
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Granska</title>');
    server = await startLoopbackServer(backend, { rendererDir, token, maxBody: limit });
  });
  afterAll(() => server.close());
  const headers = () => ({ host: `127.0.0.1:${server.port}`, 'content-type': 'application/json', 'x-granska-token': token });

  it('answers malformed %-encoding with 400 invalid_input/bad_url, for calls and pages alike', async () => {
    for (const [method, p] of [['POST', '/api/units.list%E0%A4%A'], ['GET', '/%E0%A4%A'], ['GET', '/assets/%zz.js']] as const) {
      const r = await request(server.port, { method, path: p, headers: headers(), body: method === 'POST' ? '{}' : '' });
      expect(r.status, p).toBe(400);
      expect(JSON.parse(r.body)).toEqual({ ok: false, error: { code: 'invalid_input', params: { reason: 'bad_url' } } });
    }
  });

  it('answers a body over the limit with 413 file_too_large, whether declared or streamed, and saves nothing', async () => {
    const units = (await backend.call('units.list', {})) as unknown[];
    const big = JSON.stringify({ name: 'x'.repeat(limit * 3), kind: 'unit' });
    const declared = await request(server.port, { method: 'POST', path: '/api/units.create', headers: headers(), body: big });
    expect(declared.status).toBe(413);
    expect(JSON.parse(declared.body)).toMatchObject({ ok: false, error: { code: 'file_too_large', params: { reason: 'request', limit } } });

    // Chunked: no Content-Length, so the limit is found while reading.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/api/units.create', headers: { ...headers(), 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write(big.slice(i * 24 * 1024, (i + 1) * 24 * 1024));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toMatchObject({ error: { code: 'file_too_large' } });
    expect(await backend.call('units.list', {})).toEqual(units);
  });

  it('still answers ordinary calls afterwards', async () => {
    const r = await request(server.port, { method: 'POST', path: '/api/units.list', headers: headers(), body: '{}' });
    expect(r.status).toBe(200);
  });
});

describe('a hand-given token', () => {
  it.each(['', 'short'])('is refused when shorter than 16 characters (%j), before anything listens', async (token) => {
    const backend = testBackend();
    await expect(startLoopbackServer(backend, { rendererDir: tempDir(), token })).rejects.toMatchObject({
      code: 'invalid_input',
      params: { reason: 'token_too_short', min: 16 },
    });
  });
});
