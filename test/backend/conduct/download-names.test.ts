import { describe, expect, it } from 'vitest';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { Attachment, AttachmentContent, ChecklistEntry } from '../../../shared/domain/findings';
import { caller, rejection, testBackend } from '../../helpers/tmp';
import { conductFixture } from './fixture';
import { pdf, png } from './files';

const b64 = (b: Buffer) => b.toString('base64');

describe('downloaded and saved copies are named by their content', () => {
  const backend = testBackend();
  const call = caller(backend);

  it.each(['bat', 'hta', 'url', 'scf', 'iqy', 'slk', 'xhtml'])('a photo uploaded as *.%s downloads as .png', async (ext) => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const added = await call<Attachment>('attachments.add', { ...owner, fileName: `kvitto.${ext}`, contentBase64: b64(png()) });
    expect(added.fileName).toBe(`kvitto.${ext}`); // the list shows what the person called it
    const content = await call<AttachmentContent>('attachments.content', { id: added.id });
    expect(content.fileName).toBe('kvitto.png');
  });

  it('drops a right-to-left override and a NUL from the downloaded name', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const rlo = await call<Attachment>('attachments.add', { ...owner, fileName: 'kvitto\u202Egnp.bat', contentBase64: b64(png()) });
    expect(rlo.fileName).toBe('kvittognp.bat'); // the list, too, shows the name as it really reads
    expect((await call<AttachmentContent>('attachments.content', { id: rlo.id })).fileName).toBe('kvittognp.png');
    const nul = await call<Attachment>('attachments.add', { ...owner, fileName: 'photo.png\0.exe', contentBase64: b64(await pdf()) });
    expect((await call<AttachmentContent>('attachments.content', { id: nul.id })).fileName).toBe('photo.png.pdf');
  });

  it.each(['url', 'scf', 'iqy', 'slk', 'xhtml', 'hta', 'bat'])('refuses text named *.%s at upload, which Windows would act on', async (ext) => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const err = await rejection(call('attachments.add', { ...owner, fileName: `länk.${ext}`, contentBase64: b64(Buffer.from('[InternetShortcut]\r\nURL=file://server/share\r\n')) }));
    expect(err).toMatchObject({ code: 'file_type_refused', params: { type: 'script' } });
  });

  it('names every file handed out by deliverFile from its type', async () => {
    const pdfBytes = Buffer.from('%PDF-1.7');
    const delivered: DeliveredFile = await backend.deliverFile('IR-2026-008\u202Efdp.hta', 'application/pdf', pdfBytes);
    expect(delivered.fileName).toBe('IR-2026-008fdp.pdf');
    expect((await backend.deliverFile('../export.csv', 'text/csv', Buffer.from('a;b'))).fileName).toBe('export.csv');
  });
});
