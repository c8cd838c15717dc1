import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../../../electron/backend/http/server';
import { ATTACHMENT_FILES_PREFIX, TOKEN_HEADER } from '../../../shared/security';
import type { Attachment } from '../../../shared/domain/findings';
import { caller, tempDir, testBackend } from '../../helpers/tmp';
import { startDemoServer } from '../../helpers/demo-server';

describe('attachment bytes over the loopback file route (browser mode)', () => {
  const backend = testBackend();
  const call = caller(backend);
  const rendererDir = tempDir();
  const token = 'secret-token-for-file-tests';
  let server: LoopbackServer;
  let caseId: string;
  // 24 MB of text lines: a large file with no image decoding in the way.
  const big = Buffer.from('Avvikelse noterad vid egenkontroll av läkemedelsförråd.\n'.repeat(420_000));
  const sha = (b: Buffer | Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

  beforeAll(async () => {
    ({ server, caseId } = await startDemoServer(backend, rendererDir, token));
  });
  afterAll(() => server.close());

  const url = (rest: string) => `${server.url.replace(/\/$/, '')}${ATTACHMENT_FILES_PREFIX}${rest}`;
  const upload = (headers: Record<string, string>, name = 'förråd.txt') =>
    fetch(url(`?${new URLSearchParams({ ownerType: 'case', ownerId: caseId, fileName: name }).toString()}`), { method: 'POST', headers, body: big });

  it('refuses uploads and downloads without the token, and adds nothing', async () => {
    const before = (await call<Attachment[]>('attachments.list', { ownerType: 'case', ownerId: caseId })).length;
    expect((await upload({})).status).toBe(401);
    expect((await upload({ [TOKEN_HEADER]: 'wrong-token-of-right-length!' })).status).toBe(401);
    expect((await call<Attachment[]>('attachments.list', { ownerType: 'case', ownerId: caseId })).length).toBe(before);
    const existing = backend.database.prepare('SELECT id FROM attachments LIMIT 1').pluck().get() as string;
    expect((await fetch(url(existing))).status).toBe(401);
    expect((await fetch(url(existing), { headers: { [TOKEN_HEADER]: `${token}x` } })).status).toBe(401);
  });

  it('stores a 24 MB upload sent as raw bytes and streams back exactly those bytes', async () => {
    const res = await upload({ [TOKEN_HEADER]: token });
    const body = (await res.json()) as { ok: boolean; result: Attachment };
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ fileName: 'förråd.txt', mime: 'text/plain', size: big.length, sha256: sha(big) });
    const listed = await call<Attachment[]>('attachments.list', { ownerType: 'case', ownerId: caseId });
    expect(listed.map((a) => a.id)).toContain(body.result.id);

    const got = await fetch(url(body.result.id), { headers: { [TOKEN_HEADER]: token } });
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('text/plain');
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent('förråd.txt'));
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await got.arrayBuffer());
    expect(bytes.length).toBe(big.length);
    expect(sha(bytes)).toBe(sha(big));
  });

  it('answers an unknown attachment with 404 and a refused type with a readable error', async () => {
    expect((await fetch(url('no-such-attachment'), { headers: { [TOKEN_HEADER]: token } })).status).toBe(404);
    const script = await fetch(url(`?${new URLSearchParams({ ownerType: 'case', ownerId: caseId, fileName: 'run.bat' }).toString()}`), {
      method: 'POST', headers: { [TOKEN_HEADER]: token }, body: '@echo off\r\ndel *.*\r\n',
    });
    const body = (await script.json()) as { ok: boolean; error: { code: string } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('file_type_refused');
  });
});
