import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopbackServer } from '../../../electron/backend/http/server';
import { removeLeftoverUploads, UPLOAD_FOLDER } from '../../../electron/backend/features/conduct/upload';
import { ATTACHMENT_FILES_PREFIX, TOKEN_HEADER } from '../../../shared/security';
import type { Attachment } from '../../../shared/domain/findings';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';
import { conductFixture, lockAudit } from '../conduct/fixture';
import { compoundFile, docx, elf, pdf, png, windowsExe, zip } from '../conduct/files';
import { plainXls, xlmMacroXls, xlsxWithMacroSheet } from '../conduct/office-files';
import { damagedPng, heicHeader, hugePng, phoneJpeg } from '../images/photos';
import { startDemoServer } from '../../helpers/demo-server';

const b64 = (b: Buffer) => b.toString('base64');
const sha = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');
const until = async (what: () => boolean, ms = 10_000) => {
  for (const end = Date.now() + ms; !what(); ) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('an attachment upload streamed to a file while it is checked (browser mode and the desktop scheme share it)', () => {
  const dataDir = tempDir('granska-upload-');
  const backend = testBackend({ dir: dataDir });
  const call = caller(backend);
  const uploads = path.join(dataDir, UPLOAD_FOLDER);
  const leftovers = () => (fs.existsSync(uploads) ? fs.readdirSync(uploads) : []);
  const count = (table: 'blobs' | 'attachments') => backend.database.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  const rendererDir = tempDir();
  const token = 'secret-token-for-upload-tests';
  let server: LoopbackServer;
  let caseId: string;

  beforeAll(async () => {
    ({ server, caseId } = await startDemoServer(backend, rendererDir, token));
  });
  afterAll(() => server.close());

  const route = (fileName: string, owner = { ownerType: 'case', ownerId: '' }) =>
    `${server.url.replace(/\/$/, '')}${ATTACHMENT_FILES_PREFIX}?${new URLSearchParams({ ...owner, ownerId: owner.ownerId || caseId, fileName }).toString()}`;
  const post = async (fileName: string, body: Uint8Array | string, owner?: { ownerType: string; ownerId: string }) => {
    const res = await fetch(route(fileName, owner), { method: 'POST', headers: { [TOKEN_HEADER]: token }, body: typeof body === 'string' ? body : new Uint8Array(body) });
    return { status: res.status, body: (await res.json()) as { ok: boolean; result: Attachment; error: { code: string; params: Record<string, unknown> } } };
  };

  it('round-trips a 24 MB file byte for byte and leaves no file behind in the uploads folder', async () => {
    const big = crypto.randomBytes(24 * 1024 * 1024);
    // random bytes are no accepted type; as base64 text the same size they are plain text
    const text = Buffer.from(big.toString('base64').slice(0, big.length));
    const { body } = await post('mätvärden.txt', text);
    expect(body.ok).toBe(true);
    expect(body.result).toMatchObject({ mime: 'text/plain', size: text.length, sha256: sha(text) });
    const got = new Uint8Array(await (await fetch(`${server.url.replace(/\/$/, '')}${ATTACHMENT_FILES_PREFIX}${body.result.id}`, { headers: { [TOKEN_HEADER]: token } })).arrayBuffer());
    expect(got.length).toBe(text.length);
    expect(sha(got)).toBe(sha(text));
    expect(leftovers()).toEqual([]);
  });

  it('refuses on the streamed path exactly what attachments.add refuses, with the same reason, storing nothing', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: items[0]!.id };
    const jpeg = await phoneJpeg({ width: 600, height: 400, noise: true });
    const polyglot = Buffer.concat([png(), Buffer.from('<html><body><script>alert(1)</script></body></html>')]);
    const files: [string, Buffer][] = [
      ['setup.exe', windowsExe()],
      ['photo.jpg', windowsExe()],
      ['tool', elf()],
      ['installer.msi', compoundFile(['Root Entry', '\u4840\u3f3f'])],
      ['makro.doc', compoundFile(['Root Entry', 'WordDocument', 'Macros'])],
      ['stickprov.xls', xlmMacroXls()],
      ['makroblad.xlsx', await xlsxWithMacroSheet()],
      ['städa.sh', Buffer.from('#!/bin/sh\nrm -rf ~\n')],
      ['rensa.bat', Buffer.from('del /q *.*\r\n')],
      ['arkiv.zip', zip({ 'a.txt': 'hej' })],
      ['data.bin', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x00, 0x10, 0x80])],
      ['tom.txt', Buffer.alloc(0)],
      ['ritning.svg', Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>\n')],
      ['sida.html', Buffer.from('<!DOCTYPE html><html><body>x</body></html>')],
      ['bild.png', polyglot],
      ['trasig.png', damagedPng()],
      ['avklippt.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6))],
      ['jätte.png', await hugePng(8000, 8000)],
      ['IMG_0001.heic', heicHeader()],
    ];
    const blobs = count('blobs');
    const links = count('attachments');
    for (const [fileName, data] of files) {
      const viaJson = await rejection(call('attachments.add', { ...owner, fileName, contentBase64: b64(data) }));
      const { body } = await post(fileName, data, owner);
      expect(body.ok, fileName).toBe(false);
      expect(body.error, fileName).toEqual({ code: viaJson.code, params: viaJson.params });
    }
    expect([count('blobs'), count('attachments')]).toEqual([blobs, links]);
    expect(leftovers()).toEqual([]);

    // and accepts what it accepts, typed alike (photos come back re-encoded, documents as they were)
    const accepted: [string, Buffer][] = [['foto.jpg', jpeg], ['foto.png', png()], ['rutin.docx', docx()], ['signering.pdf', await pdf()], ['stickprov.xls', plainXls()]];
    for (const [fileName, data] of accepted) {
      const viaJson = await call<Attachment>('attachments.add', { ...owner, fileName, contentBase64: b64(data) });
      const { body } = await post(fileName, data, owner);
      expect(body.ok, fileName).toBe(true);
      expect({ mime: body.result.mime, kind: body.result.kind, sha256: body.result.sha256 }, fileName).toEqual({ mime: viaJson.mime, kind: viaJson.kind, sha256: viaJson.sha256 });
    }
    const photo = await sharp(await (await fetch(`${server.url.replace(/\/$/, '')}${ATTACHMENT_FILES_PREFIX}${(await post('igen.jpg', jpeg, owner)).body.result.id}`, { headers: { [TOKEN_HEADER]: token } })).arrayBuffer()).metadata();
    expect([photo.format, photo.width, photo.height]).toEqual(['jpeg', 600, 400]);
    expect(leftovers()).toEqual([]);
  });

  it('refuses an upload over the limit while it arrives, with a readable 413, keeping nothing', async () => {
    await call('attachments.setLimit', { limitBytes: 1024 * 1024 });
    try {
      const blobs = count('blobs');
      const { status, body } = await post('stor.txt', Buffer.alloc(3 * 1024 * 1024, 'a'));
      expect(status).toBe(413);
      expect(body.error).toEqual({ code: 'file_too_large', params: { limit: 1024 * 1024 } });
      // Without a declared length the bytes are counted as they come and the upload stopped past the limit.
      const chunked = await new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = http.request(route('stor.txt'), { method: 'POST', headers: { [TOKEN_HEADER]: token, 'transfer-encoding': 'chunked' } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        });
        req.on('error', reject);
        for (let i = 0; i < 3; i++) req.write(Buffer.alloc(1024 * 1024, 'b'));
        req.end();
      });
      expect(chunked.status).toBe(413);
      expect(JSON.parse(chunked.text)).toMatchObject({ ok: false, error: { code: 'file_too_large' } });
      expect(count('blobs')).toBe(blobs);
      expect(leftovers()).toEqual([]);
    } finally {
      await call('attachments.setLimit', { limitBytes: 25 * 1024 * 1024 });
    }
  });

  it('refuses a locked audit or an unknown owner before reading the bytes', async () => {
    const { audit, items } = await conductFixture(backend);
    lockAudit(backend, audit.id);
    const locked = await post('anteckning.txt', 'Efter rapporten.\n', { ownerType: 'checklist_item', ownerId: items[0]!.id });
    expect(locked.body.ok).toBe(false);
    expect(locked.body.error.code).toBe((await rejection(call('attachments.add', { ownerType: 'checklist_item', ownerId: items[0]!.id, fileName: 'a.txt', contentBase64: b64(Buffer.from('x')) }))).code);
    const unknown = await post('anteckning.txt', 'Hej.\n', { ownerType: 'finding', ownerId: '01890000-0000-7000-8000-000000000000' });
    expect(unknown.body.error.code).toBe('not_found');
    expect(leftovers()).toEqual([]);
  });

  it('leaves nothing when the connection breaks off half-way, though the bytes were reaching the disk', async () => {
    const blobs = count('blobs');
    const links = count('attachments');
    const req = http.request(route('avbruten.txt'), { method: 'POST', headers: { [TOKEN_HEADER]: token, 'content-length': String(10 * 1024 * 1024) } });
    req.on('error', () => undefined); // the reset we cause
    for (let i = 0; i < 4; i++) req.write(Buffer.alloc(1024 * 1024, 'c'));
    // streamed, not buffered: the first megabytes are in a file before the rest was sent
    await until(() => leftovers().some((f) => fs.statSync(path.join(uploads, f)).size >= 1024 * 1024));
    req.destroy();
    await until(() => leftovers().length === 0);
    expect([count('blobs'), count('attachments')]).toEqual([blobs, links]);
    // and the server still answers
    expect((await post('efteråt.txt', 'Nästa fil går bra.\n')).body.ok).toBe(true);
  });

  it('clears uploads a crash left behind, but not one another Granska may still be receiving', () => {
    fs.mkdirSync(uploads, { recursive: true });
    const old = path.join(uploads, 'gammal.part');
    const recent = path.join(uploads, 'pågående.part');
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(recent, 'y');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600 * 1000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    removeLeftoverUploads(uploads);
    expect(leftovers()).toEqual(['pågående.part']);
    fs.rmSync(recent);
  });
});
