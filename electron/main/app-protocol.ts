import fs from 'node:fs/promises';
import path from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../../shared/security';

/**
 * The renderer is served from `app://granska/` rather than file://. A custom standard, secure
 * scheme gives the pages a real origin of their own, so the CSP's 'self' means "only our bundle"
 * (under file:// it would mean every file on the disk), and a handler we own decides exactly which
 * files can be read.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'granska';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** Every URL of ours starts with this; the trailing slash stops `app://granska.evil/` passing. */
export const APP_URL_PREFIX = `${APP_ORIGIN}/`;
export const APP_ENTRY_URL = `${APP_URL_PREFIX}index.html`;

/** Must run before `app` is ready: Chromium reads scheme privileges once, at start. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** True for a URL that belongs to our own pages, and nothing else. */
export function isAppUrl(url: string | null | undefined): boolean {
  return typeof url === 'string' && url.startsWith(APP_URL_PREFIX);
}

/**
 * Maps a request URL to a file inside `rootDir`, or null when the URL is not ours or would leave
 * the folder (`..`, encoded `%2e%2e%2f`, backslashes, NUL, drive letters). A pure function, so the
 * rules that keep the rest of the disk unreachable are tested without Electron, with Windows path
 * rules (`paths = path.win32`) on any machine.
 */
export function resolveAppFile(rootDir: string, requestUrl: string, paths: typeof path = path): string | null {
  if (!isAppUrl(requestUrl)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(requestUrl).pathname);
  } catch {
    return null; // malformed URL or percent-encoding
  }
  if (pathname.includes('\0')) return null;
  // A colon is a drive (`C:`) or an NTFS alternate stream (`index.html:x`) on Windows; the bundle has none.
  if (pathname.includes(':')) return null;
  // Refuse any `..` segment outright (after decoding), whatever the separator; a real bundle never has one.
  if (pathname.split(/[\\/]/).includes('..')) return null;
  if (pathname === '' || pathname.endsWith('/')) pathname += 'index.html';
  const root = paths.resolve(rootDir);
  const file = paths.resolve(root, `.${pathname}`);
  const relative = paths.relative(root, file);
  if (relative === '' || relative.startsWith('..') || paths.isAbsolute(relative)) return null;
  return file;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every response, errors included, so no page of ours is ever shown without the CSP. */
function baseHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  };
}

function textResponse(status: number, body: string): Response {
  return new Response(body, { status, headers: { ...baseHeaders(), 'Content-Type': 'text/plain; charset=utf-8' } });
}

export type ReadFile = (file: string) => Promise<Uint8Array>;

/** Where `app://granska/files/attachments/<id>` reads from: the backend's chunked attachment reader. */
export type AttachmentSource = (id: string) => { attachment: { mime: string }; fileName: string; size: number; chunks: () => Iterator<Uint8Array> };
export const ATTACHMENT_PATH = '/files/attachments/';

/**
 * An attachment as a streamed response: Chromium pulls a chunk when it wants one, so the main
 * process never holds the file as one buffer, and no base64 crosses IPC. Only our own pages reach
 * this scheme (navigation elsewhere is denied), so no token is needed.
 */
function attachmentResponse(source: AttachmentSource, id: string, head: boolean): Response {
  let file: ReturnType<AttachmentSource>;
  try {
    file = source(id);
  } catch (err) {
    const code = (err as { code?: string }).code;
    return textResponse(code === 'not_found' ? 404 : 400, code === 'not_found' ? 'Not found' : 'Bad request');
  }
  const chunks = file.chunks();
  const body = head
    ? null
    : new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      });
  return new Response(body, {
    status: 200,
    headers: {
      ...baseHeaders(),
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Content-Type': file.attachment.mime,
      'Content-Length': String(file.size),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Where `POST app://granska/files/attachments/?ownerType=&ownerId=&fileName=` hands an upload: the
 * backend's streamed receiver (`Backend.attachmentUploadStream`), given the request body as it
 * arrives and its declared length.
 */
export type AttachmentUpload = (
  meta: { ownerType: unknown; ownerId: unknown; fileName: unknown },
  body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  declaredSize: number | null,
) => Promise<unknown>;

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...baseHeaders(), 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/**
 * An upload from the window: the file's bytes stream from Chromium through the request body to the
 * backend, which writes them to a file while checking them, so neither a base64 string over IPC
 * nor the whole file in one buffer is needed. Answered in the same envelope as every call.
 */
async function uploadResponse(upload: AttachmentUpload, request: Request): Promise<Response> {
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== APP_ORIGIN) return jsonResponse(403, { ok: false, error: { code: 'forbidden', params: {} } });
  const p = new URL(request.url).searchParams;
  const length = request.headers.get('content-length');
  const declared = length !== null && /^\d+$/.test(length) ? Number(length) : null;
  try {
    const result = await upload({ ownerType: p.get('ownerType'), ownerId: p.get('ownerId'), fileName: p.get('fileName') }, request.body ? chunksOf(request.body) : [], declared);
    return jsonResponse(200, { ok: true, result: result ?? null });
  } catch (err) {
    // Refused part-way: what is left of the body is not wanted.
    await request.body?.cancel().catch(() => undefined);
    const { code, params } = err as { code?: unknown; params?: unknown };
    if (typeof code !== 'string') console.error('Granska: attachment upload failed:', err);
    const error = typeof code === 'string' ? { code, params: params ?? {} } : { code: 'internal', params: {} };
    return jsonResponse(code === 'file_too_large' ? 413 : 200, { ok: false, error });
  }
}

/** A request body a chunk at a time, as Chromium hands it over (Electron pipes it 1 MB at most per read). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) yield next.value;
  } finally {
    reader.releaseLock();
  }
}

/**
 * The `protocol.handle('app', …)` handler: files under `rootDir` only (GET/HEAD), attachments by id,
 * and, when an `upload` receiver is given, attachment uploads (POST) — nothing else is writable.
 */
export function createAppProtocolHandler(rootDir: string, readFile: ReadFile = (f) => fs.readFile(f), attachments?: AttachmentSource, upload?: AttachmentUpload) {
  return async (request: Request): Promise<Response> => {
    const attachmentPrefix = `${APP_ORIGIN}${ATTACHMENT_PATH}`;
    if (request.method === 'POST' && upload && request.url.startsWith(`${attachmentPrefix}?`)) return uploadResponse(upload, request);
    if (request.method !== 'GET' && request.method !== 'HEAD') return textResponse(405, 'Method not allowed');
    if (attachments && request.url.startsWith(attachmentPrefix)) {
      const id = decodeURIComponent(request.url.slice(attachmentPrefix.length).split(/[?#]/)[0] ?? '');
      return attachmentResponse(attachments, id, request.method === 'HEAD');
    }
    const file = resolveAppFile(rootDir, request.url);
    if (!file) return textResponse(403, 'Forbidden');
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return textResponse(404, 'Not found');
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: { ...baseHeaders(), 'Content-Type': contentTypeFor(file) },
    });
  };
}

export function installAppProtocol(protocol: Pick<Protocol, 'handle'>, rootDir: string, attachments?: AttachmentSource, upload?: AttachmentUpload): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(rootDir, undefined, attachments, upload));
}
