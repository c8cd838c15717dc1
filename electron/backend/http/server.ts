import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import path from 'node:path';
import { API_PREFIX, ATTACHMENT_FILES_PREFIX, CONTENT_SECURITY_POLICY, MIN_TOKEN_LENGTH, TOKEN_HEADER } from '../../../shared/security';
import { AppError, toErrorPayload } from '../../../shared/errors';
import { packResult, WIRE_TABLES, WIRE_HEADER } from '../../../shared/contract/wire';
import type { Backend } from '../backend';

export interface LoopbackServer {
  url: string;
  /** The URL a person opens: carries the per-launch token once; the page keeps it in memory. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Large enough for the biggest attachment (25 MB) as base64 inside JSON. */
export const MAX_BODY = 60 * 1024 * 1024;
/** How long an over-long upload may keep sending after its 413 before the socket is cut. */
const DRAIN_MS = 10_000;

class BodyTooLarge extends Error {}

/**
 * Browser mode: the same backend behind HTTP on 127.0.0.1 only, a random port and a per-launch
 * secret. Host and Origin are checked so another web page in the same browser (DNS rebinding,
 * cross-site form posts) cannot reach the data even though it can reach the port.
 */
export async function startLoopbackServer(
  backend: Backend,
  opts: { rendererDir: string; port?: number; token?: string; maxBody?: number; keepAliveMs?: number },
): Promise<LoopbackServer> {
  // An empty token would let every request through the comparison below.
  if (opts.token !== undefined && opts.token.length < MIN_TOKEN_LENGTH) {
    throw new AppError('invalid_input', { reason: 'token_too_short', min: MIN_TOKEN_LENGTH });
  }
  const token = opts.token ?? crypto.randomBytes(24).toString('base64url');
  const maxBody = opts.maxBody ?? MAX_BODY;
  const server = http.createServer();
  if (opts.keepAliveMs !== undefined) server.keepAliveTimeout = opts.keepAliveMs;
  server.on('timeout', closeIfStillIdle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  const port = address.port;
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...allowedHosts].map((h) => `http://${h}`));

  server.on('request', (req, res) => {
    void handle(req, res).catch(() => send(res, 500, { ok: false, error: { code: 'internal', params: {} } }));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (!req.headers.host || !allowedHosts.has(req.headers.host)) return send(res, 421, { ok: false, error: { code: 'forbidden', params: {} } });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return send(res, 403, { ok: false, error: { code: 'forbidden', params: {} } });
    let url: URL;
    let pathname: string;
    try {
      url = new URL(req.url ?? '/', `http://${req.headers.host}`);
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // Malformed %-escapes are the client's mistake, not a failure of ours.
      return send(res, 400, { ok: false, error: { code: 'invalid_input', params: { reason: 'bad_url' } } });
    }

    const authorised = () => {
      const given = req.headers[TOKEN_HEADER];
      return typeof given === 'string' && safeEqual(given, token);
    };
    if (url.pathname.startsWith(ATTACHMENT_FILES_PREFIX)) {
      if (!authorised()) return send(res, 401, { ok: false, error: { code: 'forbidden', params: {} } });
      if (req.method === 'GET') return sendAttachment(backend, pathname.slice(ATTACHMENT_FILES_PREFIX.length), res);
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'forbidden', params: {} } });
      return receiveAttachment(backend, url.searchParams, req, res);
    }
    if (url.pathname.startsWith(API_PREFIX)) {
      if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'forbidden', params: {} } });
      if (!authorised()) return send(res, 401, { ok: false, error: { code: 'forbidden', params: {} } });
      const name = pathname.slice(API_PREFIX.length);
      let input: unknown;
      try {
        const body = await readBody(req, maxBody);
        input = body.length ? (JSON.parse(body.toString('utf8')) as unknown) : {};
      } catch (err) {
        if (err instanceof BodyTooLarge) return refuseTooLarge(req, res, maxBody);
        return send(res, 400, { ok: false, error: toErrorPayload(err instanceof AppError ? err : new AppError('invalid_input', {})) });
      }
      try {
        const result = (await backend.call(name, input)) ?? null;
        // Our own client asks for lists as tables (a third fewer bytes to write, read and parse);
        // anything else (curl, a script) gets the records as they are.
        const packed = req.headers[WIRE_HEADER] === WIRE_TABLES ? packResult(result) : null;
        return send(res, 200, packed?.tables.length ? { ok: true, result: packed.result, tables: packed.tables } : { ok: true, result });
      } catch (err) {
        if (!(err instanceof AppError)) console.error(`[granska] ${name} failed:`, err);
        return send(res, 200, { ok: false, error: toErrorPayload(err) });
      }
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false, error: { code: 'forbidden', params: {} } });
    serveStatic(opts.rendererDir, pathname, res);
  }

  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/`,
    launchUrl: `http://127.0.0.1:${port}/?token=${token}`,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/**
 * A kept-alive connection's idle time is up: closed unless a request arrived meanwhile. After a long
 * synchronous step (an automatic backup's integrity check of a large database takes seconds), the
 * event loop runs its timers before it reads what came in while it was busy, so Node's own handling
 * would cut a connection whose next request is already waiting, and the browser would see a reset
 * (ECONNRESET) instead of its page. The decision waits until this turn's reads are done (setImmediate
 * runs after them): a socket that read nothing is really idle.
 *
 * With a 'timeout' listener, Node leaves the closing to us. The server sets no other socket timeout
 * (server.timeout is 0); headersTimeout and requestTimeout take another path.
 */
function closeIfStillIdle(socket: net.Socket): void {
  const read = socket.bytesRead;
  setImmediate(() => {
    if (socket.bytesRead === read) socket.destroy();
  });
}

/**
 * An attachment's bytes, a chunk at a time with backpressure: the server never holds the file as
 * one buffer or string. Sent as a download that cannot run as a page (sandboxed, no sniffing).
 */
async function sendAttachment(backend: Backend, id: string, res: http.ServerResponse): Promise<void> {
  let file: ReturnType<Backend['attachmentDownload']>;
  try {
    file = backend.attachmentDownload(id);
  } catch (err) {
    return send(res, err instanceof AppError && err.code === 'not_found' ? 404 : 400, { ok: false, error: toErrorPayload(err) });
  }
  res.writeHead(200, {
    'content-type': file.attachment.mime,
    'content-length': file.size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'content-security-policy': "sandbox; default-src 'none'",
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  for (const chunk of file.chunks()) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drained(res);
  }
  res.end();
}

/**
 * An upload as it arrives: the backend writes it to a file while hashing and counting, never
 * holding the whole body. A refusal (before or part-way through the bytes) is answered at once and
 * the rest of the body dropped, as for an over-long request; a client that went away gets nothing.
 */
async function receiveAttachment(backend: Backend, p: URLSearchParams, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const length = req.headers['content-length'];
  const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : null;
  try {
    // Not destroyed when the backend stops reading early: the refusal must still reach the client.
    const body = req.iterator({ destroyOnReturn: false }) as AsyncIterable<Uint8Array>;
    const result = await backend.attachmentUploadStream({ ownerType: p.get('ownerType'), ownerId: p.get('ownerId'), fileName: p.get('fileName') }, body, declared);
    return send(res, 200, { ok: true, result });
  } catch (err) {
    if (res.destroyed || (req.destroyed && !req.complete)) return; // the connection broke off; the upload left nothing behind
    if (!(err instanceof AppError)) console.error('[granska] attachment upload failed:', err);
    const status = err instanceof AppError && err.code === 'file_too_large' ? 413 : 200;
    if (req.complete) return send(res, status, { ok: false, error: toErrorPayload(err) });
    return answerAndDrop(req, res, status, { ok: false, error: toErrorPayload(err) });
  }
}

/** Waits until the client has taken what was written (or went away), leaving no listener behind. */
function drained(res: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** Reads the body, refusing by the declared length before reading and by the counted length while reading. */
function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.off('data', onData);
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    };
    req.on('data', onData);
    // One copy at the end, of exactly the counted size (not a growing list of copies).
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

/**
 * 413 with a readable error instead of a reset: the answer goes out at once, the rest of the upload
 * is read and dropped (no memory kept) so the client sees the answer, and a sender that will not
 * stop is cut off after a while.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number): void {
  answerAndDrop(req, res, 413, { ok: false, error: { code: 'file_too_large', params: { reason: 'request', limit, limitMb: Math.floor(limit / (1024 * 1024)) } } });
}

/** Answers before the body was read to its end, then reads and drops the rest (for a while). */
function answerAndDrop(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown): void {
  res.setHeader('connection', 'close');
  send(res, status, body);
  const timer = setTimeout(() => req.destroy(), DRAIN_MS);
  timer.unref();
  req.on('end', () => clearTimeout(timer));
  req.on('close', () => clearTimeout(timer));
  req.resume();
}

/** The JSON written as the string it is: encoded once, straight into the socket, behind its headers. */
function send(res: http.ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
}

function serveStatic(root: string, pathname: string, res: http.ServerResponse): void {
  const rel = path.normalize(pathname).replace(/^(\.\.[/\\])+/, '');
  let file = path.join(root, rel);
  if (!file.startsWith(path.resolve(root)) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    file = path.join(root, 'index.html'); // the hash router needs every page to be the app
  }
  if (!fs.existsSync(file)) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('Granska: the renderer is not built. Run `npm run build`.');
    return;
  }
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  fs.createReadStream(file).pipe(res);
}
