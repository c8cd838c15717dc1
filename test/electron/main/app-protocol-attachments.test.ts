import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../../electron/main/app-protocol';
import { loadDemoData } from '../../../electron/backend/features/app';
import { ATTACHMENT_CHUNK } from '../../../electron/backend/features/conduct/attachments';
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
