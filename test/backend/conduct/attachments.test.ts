import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { encodePng } from '../../../electron/backend/features/app/demo/png';
import type { Attachment, AttachmentContent, AttachmentLimit, ChecklistEntry, Finding } from '../../../shared/domain/findings';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';
import { conductFixture, lockAudit } from './fixture';
import { compoundFile, docx, elf, pdf, png, windowsExe, xlsx, zip } from './files';

const b64 = (b: Buffer) => b.toString('base64');

describe('attachments against a real database', () => {
  const backend = testBackend();
  const call = caller(backend);
  const blobCount = () => (backend.database.prepare('SELECT count(*) FROM blobs').pluck().get() as number);

  it('accepts images, PDF, Office documents and text, typed by their content', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const cases: [string, Buffer, string, string][] = [
      ['foto.png', png(), 'image/png', 'image'],
      ['signeringslista.pdf', await pdf(), 'application/pdf', 'pdf'],
      ['stickprov.xlsx', await xlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'office'],
      ['rutin.docx', docx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'office'],
      ['gammal rutin.doc', compoundFile(['Root Entry', 'WordDocument', '1Table']), 'application/msword', 'office'],
      ['anteckningar.txt', Buffer.from('Intervju med enhetschef – läkemedelsgenomgång, åtgärder.\n'), 'text/plain', 'text'],
      ['lista.csv', Buffer.from('akt;resultat\n1;ok\n'), 'text/csv', 'text'],
      // A photo whose name says PDF is still a photo: the content decides.
      ['kvitto.pdf', png(), 'image/png', 'image'],
    ];
    for (const [fileName, data, mime, kind] of cases) {
      const added = await call<Attachment>('attachments.add', { ...owner, fileName, contentBase64: b64(data) });
      // images are stored re-encoded without metadata (see images.test.ts); other files byte for byte
      expect(added, fileName).toMatchObject({ fileName, mime, kind, ...(kind === 'image' ? {} : { size: data.length }) });
    }
    const listed = await call<Attachment[]>('attachments.list', owner);
    expect(listed.map((a) => a.fileName)).toEqual(cases.map((c) => c[0]));
    expect((await call<ChecklistEntry[]>('checklist.list', { auditId: (items[0] as ChecklistEntry).auditId }))[0]?.attachmentCount).toBe(
      cases.length,
    );
  });

  it('refuses programs, renamed programs, scripts, archives and unknown content with the type it found, storing nothing', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const before = blobCount();
    const cases: [string, Buffer, string][] = [
      ['setup.exe', windowsExe(), 'exe'],
      ['photo.jpg', windowsExe(), 'exe'],
      ['tool', elf(), 'elf'],
      ['installer.msi', compoundFile(['Root Entry', '\u4840\u3f3f']), 'cfb'],
      ['makro.doc', compoundFile(['Root Entry', 'WordDocument', 'Macros']), 'macro'],
      ['städa.sh', Buffer.from('#!/bin/sh\nrm -rf ~\n'), 'script'],
      ['rensa.bat', Buffer.from('del /q *.*\r\n'), 'script'],
      ['arkiv.zip', zip({ 'a.txt': 'hej' }), 'zip'],
      ['data.bin', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x00, 0x10, 0x80]), 'unknown'],
      ['tom.txt', Buffer.alloc(0), 'empty'],
    ];
    for (const [fileName, data, type] of cases) {
      const err = await rejection(call('attachments.add', { ...owner, fileName, contentBase64: b64(data) }));
      expect({ code: err.code, params: err.params }, fileName).toEqual({ code: 'file_type_refused', params: { type } });
    }
    expect(blobCount()).toBe(before);
    expect(await call<Attachment[]>('attachments.list', owner)).toEqual([]);
  });

  it('keeps one copy of the same file however often it is attached, and deletes it with its last link', async () => {
    const { audit, items } = await conductFixture(backend);
    const item = items[0] as ChecklistEntry;
    const finding = await call<Finding>('findings.create', {
      auditId: audit.id, checklistItemId: item.id, fields: { type: 'observation', statement: 'Oläst anslag.' },
    });
    const photo = uniquePng(7);
    const before = blobCount();
    const onItem = await call<Attachment>('attachments.add', { ownerType: 'checklist_item', ownerId: item.id, fileName: 'anslag.png', contentBase64: b64(photo) });
    const onFinding = await call<Attachment>('attachments.add', { ownerType: 'finding', ownerId: finding.id, fileName: 'anslag.png', contentBase64: b64(photo) });
    expect(onItem.sha256).toBe(onFinding.sha256);
    expect(blobCount()).toBe(before + 1);
    expect((await call<Finding>('findings.get', { id: finding.id })).attachmentCount).toBe(1);

    const content = await call<AttachmentContent>('attachments.content', { id: onFinding.id });
    expect(content).toMatchObject({ fileName: 'anslag.png', mime: 'image/png' });
    // the stored copy is re-encoded, pixel for pixel the same picture
    const pixels = (png: Buffer) => sharp(png).raw().toBuffer();
    expect((await pixels(Buffer.from(content.base64, 'base64'))).equals(await pixels(photo))).toBe(true);

    await call('attachments.remove', { id: onItem.id });
    expect(blobCount()).toBe(before + 1);
    await call('findings.delete', { id: finding.id, revision: finding.revision });
    expect(blobCount()).toBe(before);
    expect((await rejection(call('attachments.content', { id: onFinding.id }))).code).toBe('not_found');
  });

  it('keeps the organisation logo when a photo identical to it is removed', async () => {
    const { items } = await conductFixture(backend);
    const logo = uniquePng(11);
    const set = await call<{ sha256: string; base64: string }>('reports.setLogo', { fileName: 'logo.png', contentBase64: b64(logo) });
    const photo = await call<Attachment>('attachments.add', {
      ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id, fileName: 'same.png', contentBase64: b64(logo),
    });
    expect(photo.sha256).toBe(set.sha256);
    await call('attachments.remove', { id: photo.id });
    expect(await call<{ base64: string } | null>('reports.logo')).toMatchObject({ base64: set.base64 });
  });

  it('refuses files over the limit, which is 25 MB unless changed in settings', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    expect((await call<AttachmentLimit>('attachments.limit')).limitBytes).toBe(25 * 1024 * 1024);
    await call('attachments.setLimit', { limitBytes: 1024 * 1024 });
    const big = Buffer.alloc(1024 * 1024 + 1, 'a');
    const tooLarge = await rejection(call('attachments.add', { ...owner, fileName: 'stor.txt', contentBase64: b64(big) }));
    expect({ code: tooLarge.code, params: tooLarge.params }).toEqual({ code: 'file_too_large', params: { limit: 1024 * 1024 } });
    const fits = Buffer.alloc(1024 * 1024, 'a');
    expect((await call<Attachment>('attachments.add', { ...owner, fileName: 'lagom.txt', contentBase64: b64(fits) })).size).toBe(1024 * 1024);
    expect((await rejection(call('attachments.setLimit', { limitBytes: 500 }))).code).toBe('invalid_input');
    await call('attachments.setLimit', { limitBytes: 25 * 1024 * 1024 });
    expect((await call<AttachmentLimit>('attachments.limit')).limitBytes).toBe(25 * 1024 * 1024);
  });

  it('refuses adding and removing files once the report is issued', async () => {
    const { audit, items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const kept = await call<Attachment>('attachments.add', { ...owner, fileName: 'foto.png', contentBase64: b64(png()) });
    lockAudit(backend, audit.id);
    expect((await rejection(call('attachments.add', { ...owner, fileName: 'sen.png', contentBase64: b64(png()) }))).code).toBe('locked');
    expect((await rejection(call('attachments.remove', { id: kept.id }))).code).toBe('locked');
    expect(await call<Attachment[]>('attachments.list', owner)).toHaveLength(1);
  });

  it('opens a file only through the desktop host, under a name that ends in what the content is', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const sneaky = await call<Attachment>('attachments.add', { ...owner, fileName: 'semester.exe', contentBase64: b64(png()) });
    expect(await rejection(call('attachments.open', { id: sneaky.id }))).toMatchObject({ code: 'forbidden' });

    const opened: { name: string; size: number }[] = [];
    const dir = tempDir();
    const desktop = new Backend({
      dataDir: dir, transport: 'electron', version: 'test',
      host: {
        chooseDatabaseFile: () => Promise.resolve(null),
        openAttachment: (name, data) => {
          opened.push({ name, size: data.length });
          return Promise.resolve();
        },
      },
    });
    desktop.open(backend.databasePath ?? path.join(dir, 'x.sqlite'));
    afterAll(() => desktop.close());
    expect(await desktop.call('attachments.open', { id: sneaky.id })).toEqual({ opened: true });
    expect(opened).toEqual([{ name: 'semester.png', size: sneaky.size }]);
  });
});

/** A PNG no other test attaches, so blob counts are this test's own. */
function uniquePng(seed: number): Buffer {
  return encodePng(16, 16, (x, y) => [(x * seed) % 256, (y * 7 + seed) % 256, 200]);
}
