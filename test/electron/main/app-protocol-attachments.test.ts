import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/app-protocol';
import { loadDemoData } from '../../../electron/backend/features/app';
import { ATTACHMENT_CHUNK } from '../../../electron/backend/features/conduct/attachments';
import { UPLOAD_FOLDER } from '../../../electron/backend/features/conduct/upload';
import { tempDir, testBackend } from '../../helpers/tmp';

describe('attachments through the desktop app scheme', () => {
  const backend = testBackend();
  loadDemoData(backend.ctx());
  const handler = createAppProtocolHandler(tempDir('granska-protocol-files-'), undefined, (id) => backend.attachmentDownload(id));
  const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

  it('streams an attachment in chunks with exactly its stored bytes, as a sandboxed download', async () => {
    const caseId = backend.database.prepare("SELECT id FROM cases WHERE status <> 'closed' LIMIT 1").pluck().get() as string;
    const text = Buffer.from('Rad i en lång logg från kylrummet.\n'.repeat(120_000));
    const added = await backend.attachmentUpload({ ownerType: 'case', ownerId: caseId, fileName: 'kylrum.txt' }, text);
    const res = await handler(new Request(`app://granska/files/attachments/${added.id}`));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain');
    expect(res.headers.get('content-security-policy')).toContain('sandbox');
    expect(res.headers.get('content-disposition')).toContain('kylrum.txt');
    const reader = res.body!.getReader();
    const parts: Uint8Array[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) parts.push(r.value);
    expect(parts.length).toBe(Math.ceil(text.length / ATTACHMENT_CHUNK));
    expect(Math.max(...parts.map((p) => p.length))).toBeLessThanOrEqual(ATTACHMENT_CHUNK);
    const all = Buffer.concat(parts);
    expect(sha(all)).toBe(sha(text));
  });

  it('answers an unknown attachment with 404 and never serves a file by that path without a source', async () => {
    expect((await handler(new Request('app://granska/files/attachments/no-such-id'))).status).toBe(404);
    const plain = createAppProtocolHandler(tempDir('granska-protocol-files-'));
    expect((await plain(new Request('app://granska/files/attachments/no-such-id'))).status).toBe(404);
  });
});

describe('attachment uploads through the desktop app scheme (the request body streamed, no base64 over IPC)', () => {
  const dataDir = tempDir('granska-protocol-upload-');
  const backend = testBackend({ dir: dataDir });
  loadDemoData(backend.ctx());
  const caseId = backend.database.prepare("SELECT id FROM cases WHERE status <> 'closed' LIMIT 1").pluck().get() as string;
  const handler = createAppProtocolHandler(
    tempDir('granska-protocol-files-'),
    undefined,
    (id) => backend.attachmentDownload(id),
    (meta, body, size) => backend.attachmentUploadStream(meta, body, size),
  );
  const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
  const leftovers = () => (fs.existsSync(path.join(dataDir, UPLOAD_FOLDER)) ? fs.readdirSync(path.join(dataDir, UPLOAD_FOLDER)) : []);
  const count = () => backend.database.prepare('SELECT (SELECT count(*) FROM blobs) || \'/\' || (SELECT count(*) FROM attachments)').pluck().get() as string;
  const url = (fileName: string) => `app://granska/files/attachments/?${new URLSearchParams({ ownerType: 'case', ownerId: caseId, fileName }).toString()}`;

  /** The body as Electron hands it to protocol.handle: a stream read from Chromium's pipe, at most 1 MB a read. */
  function piped(data: Uint8Array, breakAfter = Infinity): ReadableStream<Uint8Array> {
    let at = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= breakAfter) return controller.error(new Error('net::ERR_ABORTED'));
        if (at >= data.length) return controller.close();
        controller.enqueue(data.slice(at, at + 1024 * 1024));
        at += 1024 * 1024;
      },
    });
  }
  const upload = (fileName: string, body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    handler(new Request(url(fileName), { method: 'POST', body, headers: { origin: 'app://granska', ...headers }, duplex: 'half' } as RequestInit));

  it('stores a 24 MB file sent as a stream and gives back exactly its bytes', async () => {
    const text = Buffer.from('Temperaturlogg kylrum 2, avläst varje kvart.\n'.repeat(560_000)).subarray(0, 24 * 1024 * 1024);
    const res = await upload('kylrum.txt', piped(text));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; result: { id: string; size: number; sha256: string } };
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ size: text.length, sha256: sha(text) });
    const back = new Uint8Array(await (await handler(new Request(`app://granska/files/attachments/${body.result.id}`))).arrayBuffer());
    expect(sha(back)).toBe(sha(text));
    expect(leftovers()).toEqual([]);
  });

  it('answers a refusal in the call envelope and keeps nothing', async () => {
    const before = count();
    const res = await upload('rensa.bat', piped(Buffer.from('del /q *.*\r\n')));
    expect(await res.json()).toEqual({ ok: false, error: { code: 'file_type_refused', params: { type: 'script' } } });
    const tooBig = await upload('stor.txt', piped(Buffer.alloc(30 * 1024 * 1024, 'a')));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('file_too_large');
    expect(count()).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  it('keeps nothing when the window goes away half-way through an upload', async () => {
    const before = count();
    const res = await upload('avbruten.txt', piped(Buffer.alloc(8 * 1024 * 1024, 'z'), 3 * 1024 * 1024));
    expect(((await res.json()) as { ok: boolean }).ok).toBe(false);
    expect(count()).toBe(before);
    expect(leftovers()).toEqual([]);
  });

  it('takes uploads only at the attachment route, only from its own pages, and only when the backend can receive them', async () => {
    expect((await handler(new Request('app://granska/index.html', { method: 'POST', body: 'x' }))).status).toBe(405);
    expect((await upload('a.txt', piped(Buffer.from('hej\n')), { origin: 'https://evil.example' })).status).toBe(403);
    const readOnly = createAppProtocolHandler(tempDir('granska-protocol-files-'), undefined, (id) => backend.attachmentDownload(id));
    expect((await readOnly(new Request(url('a.txt'), { method: 'POST', body: 'hej\n' }))).status).toBe(405);
    expect(leftovers()).toEqual([]);
  });
});
