import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import type { ZodType } from 'zod';
import {
  isSha256,
  LIMITS,
  parseCursor,
  PROTOCOL_PREFIX,
  pushSchema,
  SERVER_ERRORS,
  signInSchema,
  START_CURSOR,
  type ServerErrorCode,
} from '../protocol';
import { Accounts, type User } from './accounts';
import { migrate } from './migrations';
import { ChangeStore, Refused } from './store';

export interface TeamServerOptions {
  pg: string;
  port?: number;
  host?: string;
  tls?: { cert: Buffer; key: Buffer };
  /** Where one line per refused or failed request goes (never a token or a password). */
  log?: (line: string) => void;
}

export interface RunningTeamServer {
  url: string;
  port: number;
  pool: Pool;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly code: ServerErrorCode,
    readonly params: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

/**
 * The team server: only the sync endpoints, JSON over HTTP(S), every request but sign-in carrying
 * a bearer token. Who may see what is decided here, never by the laptop.
 *
 *   POST /v1/sign-in            {name, password} → {token, user}
 *   POST /v1/sign-out           revokes the token it is called with
 *   GET  /v1/me                 the signed-in user and the server's instance id
 *   POST /v1/push               {changes} → {accepted, duplicates}; one transaction
 *   GET  /v1/pull?cursor=&limit= → {changes, cursor, more}
 *   PUT  /v1/blobs/<sha256>?audit=  raw bytes, refused unless they hash to the name
 *   GET  /v1/blobs/<sha256>     raw bytes
 *   HEAD /v1/blobs/<sha256>     200 when the server has them
 */
export async function startTeamServer(opts: TeamServerOptions): Promise<RunningTeamServer> {
  const pool = new Pool({ connectionString: opts.pg, max: 10 });
  // An idle connection that dies (PostgreSQL restarted) must not crash the server; the next query reconnects.
  pool.on('error', (err) => opts.log?.(`postgresql: ${err.message}`));
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  const accounts = new Accounts(pool);
  const store = new ChangeStore(pool);
  const throttle = new SignInThrottle();

  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    void route(req, res, accounts, store, throttle).catch((err: unknown) => {
      const e = err instanceof HttpError ? err : err instanceof Refused ? new HttpError(err.code, err.params) : null;
      if (!e) opts.log?.(`${req.method} ${req.url?.split('?')[0]}: ${err instanceof Error ? err.message : String(err)}`);
      const { code, params } = e ?? { code: 'internal' as const, params: {} };
      if (!res.headersSent) sendJson(res, SERVER_ERRORS[code], { error: { code, params } });
      else res.destroy();
    });
  };
  const server = opts.tls ? https.createServer({ cert: opts.tls.cert, key: opts.tls.key }, handler) : http.createServer(handler);
  server.requestTimeout = 120_000;
  server.headersTimeout = 20_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  const shownHost = address.includes(':') ? `[${address}]` : address;
  return {
    url: `${opts.tls ? 'https' : 'http'}://${shownHost}:${port}`,
    port,
    pool,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await pool.end();
    },
  };
}

/**
 * Password guessing: after 10 wrong passwords for one name within 15 minutes, that name waits
 * until the oldest of them is 15 minutes old. Kept by name, not address: behind a reverse proxy
 * every laptop has the proxy's address.
 */
class SignInThrottle {
  private readonly failures = new Map<string, number[]>();
  static readonly WINDOW_MS = 15 * 60_000;
  static readonly MAX = 10;

  constructor(private readonly now: () => number = Date.now) {}

  private recent(name: string): number[] {
    const key = name.toLowerCase();
    const list = (this.failures.get(key) ?? []).filter((t) => this.now() - t < SignInThrottle.WINDOW_MS);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  waitSeconds(name: string): number {
    const list = this.recent(name);
    if (list.length < SignInThrottle.MAX) return 0;
    return Math.ceil((list[0]! + SignInThrottle.WINDOW_MS - this.now()) / 1000);
  }

  failed(name: string): void {
    this.failures.set(name.toLowerCase(), [...this.recent(name), this.now()]);
  }

  succeeded(name: string): void {
    this.failures.delete(name.toLowerCase());
  }
}

async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  accounts: Accounts,
  store: ChangeStore,
  throttle: SignInThrottle,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://server');
  if (!url.pathname.startsWith(`${PROTOCOL_PREFIX}/`)) throw new HttpError('not_found');
  const path = url.pathname.slice(PROTOCOL_PREFIX.length);
  const method = req.method ?? 'GET';

  if (path === '/sign-in') {
    allow(method, 'POST');
    const input = parse(signInSchema, await readJson(req, LIMITS.smallBytes));
    const wait = throttle.waitSeconds(input.name);
    if (wait > 0) throw new HttpError('too_many_attempts', { retryAfter: wait });
    const result = await accounts.signIn(input.name, input.password);
    if (!result) {
      throttle.failed(input.name);
      throw new HttpError('unauthorized', { reason: 'sign_in' });
    }
    throttle.succeeded(input.name);
    const { token, user } = result;
    return sendJson(res, 200, { token, user: { name: user.name, role: user.role, personId: user.personId } });
  }

  const token = bearer(req);
  const user = await accounts.authenticate(token);
  if (!user) throw new HttpError('unauthorized', { reason: 'token' });

  if (path === '/me') {
    allow(method, 'GET');
    return sendJson(res, 200, { name: user.name, role: user.role, personId: user.personId, instance: await store.instanceId() });
  }
  if (path === '/sign-out') {
    allow(method, 'POST');
    await accounts.revokeToken(token);
    return sendJson(res, 200, { signedOut: true });
  }
  if (path === '/push') {
    allow(method, 'POST');
    const input = parse(pushSchema, await readJson(req, LIMITS.pushBytes));
    return sendJson(res, 200, await store.push(user, input.changes));
  }
  if (path === '/pull') {
    allow(method, 'GET');
    const cursor = parseCursor(url.searchParams.get('cursor') ?? START_CURSOR);
    const limit = Number(url.searchParams.get('limit') ?? 1000);
    if (!cursor || !Number.isInteger(limit) || limit < 1) throw new HttpError('invalid_input', { reason: 'cursor' });
    return sendJson(res, 200, await store.pull(user, cursor, limit));
  }
  const blob = /^\/blobs\/([^/]+)$/.exec(path);
  if (blob?.[1]) return blobRoute(req, res, method, blob[1], url, user, store);
  throw new HttpError('not_found');
}

async function blobRoute(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
  sha256: string,
  url: URL,
  user: User,
  store: ChangeStore,
): Promise<void> {
  if (!isSha256(sha256)) throw new HttpError('invalid_input', { reason: 'sha256' });
  if (method === 'HEAD') {
    res.writeHead((await store.hasBlob(sha256)) ? 200 : 404).end();
    return;
  }
  if (method === 'GET') {
    const blob = await store.getBlob(user, sha256);
    if (!blob) throw new HttpError('not_found');
    // never rendered by a browser that wanders here: the bytes are someone's upload
    res
      .writeHead(200, {
        'content-type': blob.mime,
        'content-length': blob.bytes.length,
        'content-disposition': 'attachment',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
      })
      .end(blob.bytes);
    return;
  }
  allow(method, 'PUT');
  const auditId = url.searchParams.get('audit') || null;
  if (auditId !== null && !(await store.maySee(user, auditId)) && !(await store.isUnknownAudit(auditId))) {
    throw new HttpError('forbidden', { reason: 'audit', audits: [auditId] });
  }
  const bytes = await readBody(req, LIMITS.blobBytes);
  const actual = crypto.createHash('sha256').update(bytes).digest('hex');
  if (actual !== sha256) throw new HttpError('hash_mismatch', { expected: sha256, actual });
  const mime = /^[\w.+-]+\/[\w.+-]+$/.exec(req.headers['content-type'] ?? '')?.[0] ?? 'application/octet-stream';
  await store.putBlob(sha256, bytes, mime, auditId);
  sendJson(res, 200, { stored: true, size: bytes.length });
}

function allow(method: string, expected: string): void {
  if (method !== expected) throw new HttpError('method_not_allowed', { allowed: expected });
}

function bearer(req: http.IncomingMessage): string {
  const m = /^Bearer ([\w-]{20,200})$/.exec(req.headers.authorization ?? '');
  if (!m?.[1]) throw new HttpError('unauthorized', { reason: 'token' });
  return m[1];
}

function parse<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw new HttpError('invalid_input', { issues: r.error.issues.slice(0, 10).map((i) => ({ path: i.path.join('.'), message: i.message })) });
  }
  return r.data;
}

async function readJson(req: http.IncomingMessage, limit: number): Promise<unknown> {
  if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) throw new HttpError('unsupported_media_type');
  const body = await readBody(req, limit);
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new HttpError('invalid_input', { reason: 'json' });
  }
}

/** Refuses a body over `limit` as soon as it is announced or reached, without reading the rest. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limit) return Promise.reject(new HttpError('payload_too_large', { limit }));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError('payload_too_large', { limit }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
