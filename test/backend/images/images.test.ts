import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, AttachmentContent } from '../../../shared/domain/findings';
import type { ReportRevision, SigningIdentity } from '../../../shared/domain/reports';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';
import { PASSPHRASE, reportFixture, type ReportFixture } from '../reports/fixture';
import { externalTool, run } from '../signing/helpers';
import { damagedPng, extractImages, heicHeader, hugePng, jpegMetadata, leakedMarks, phoneJpeg } from './photos';

const pdfimages = externalTool('pdfimages', 'poppler-utils', true);
const b64 = (b: Buffer) => b.toString('base64');
const catalogue = (lang: string) =>
  JSON.parse(fs.readFileSync(path.join(__dirname, `../../../shared/i18n/locales/${lang}/images.json`), 'utf8')) as { upload: Record<string, string> };

describe('photos and logos are decoded, checked and stripped of metadata before they are stored', () => {
  const backend = testBackend();
  const call = caller(backend);
  let fx: ReportFixture;
  const blobCount = () => backend.database.prepare('SELECT count(*) FROM blobs').pluck().get() as number;
  const attach = (fileName: string, data: Buffer, i = 0) =>
    call<Attachment>('attachments.add', { ownerType: 'finding', ownerId: fx.findings[i]!.id, fileName, contentBase64: b64(data) });
  const content = async (a: Attachment) => Buffer.from((await call<AttachmentContent>('attachments.content', { id: a.id })).base64, 'base64');

  beforeAll(async () => {
    fx = await reportFixture(call, { findings: 3, photos: 0 });
  });

  it('keeps no GPS position, device, owner, XMP or IPTC from a phone photo, and turns it upright', async () => {
    const photo = await phoneJpeg({ width: 400, height: 300, orientation: 6 });
    // the test photo does carry everything a phone writes
    expect(jpegMetadata(photo)).toMatchObject({ hasExif: true, hasGps: true, orientation: 6 });
    expect(leakedMarks(photo)).toHaveLength(4);

    const added = await attach('IMG_0412.jpg', photo);
    expect(added).toMatchObject({ fileName: 'IMG_0412.jpg', mime: 'image/jpeg', kind: 'image' });
    const stored = await content(added);
    expect(jpegMetadata(stored)).toEqual({ metadataSegments: [], hasExif: false, hasGps: false, orientation: null });
    expect(leakedMarks(stored)).toEqual([]);
    // full resolution, turned as the camera said: 400 × 300 stored sideways is 300 × 400 upright,
    // and the dark corner the sensor saw top-left is now top-right
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([300, 400, undefined]);
    const { data: red } = await sharp(stored).extractChannel(0).raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => red[y * 300 + x]!;
    expect(at(290, 10)).toBeLessThan(40);
    expect(at(10, 10)).toBeGreaterThan(150);
  });

  it('refuses a damaged, truncated, oversized or HEIC image with a reason the interface translates, storing nothing', async () => {
    const before = blobCount();
    const jpeg = await phoneJpeg({ width: 600, height: 400, noise: true });
    const cases: [string, Buffer, { code: string; params: Record<string, unknown> }][] = [
      ['trasig.png', damagedPng(), { code: 'file_unreadable', params: { reason: 'image' } }],
      ['avklippt.jpg', jpeg.subarray(0, Math.floor(jpeg.length * 0.6)), { code: 'file_unreadable', params: { reason: 'image' } }],
      ['jätte.png', await hugePng(8000, 8000), { code: 'file_too_large', params: { reason: 'pixels', width: 8000, height: 8000, megapixels: 64, limit: 40 } }],
      ['IMG_0001.heic', heicHeader(), { code: 'file_type_refused', params: { type: 'heic', reason: 'image_format' } }],
    ];
    expect(damagedPng().length).toBe(68);
    for (const [fileName, data, expected] of cases) {
      const err = await rejection(attach(fileName, data));
      expect({ code: err.code, params: err.params }, fileName).toEqual(expected);
      for (const lang of ['sv', 'en']) {
        const message = catalogue(lang).upload[String(expected.params.reason)];
        expect(message, `${lang} ${String(expected.params.reason)}`).toMatch(/\{\{name\}\}/);
      }
    }
    expect(blobCount()).toBe(before);
    expect(await call<Attachment[]>('attachments.list', { ownerType: 'finding', ownerId: fx.findings[0]!.id })).toHaveLength(1);
  });

  it('checks and strips a logo the same way', async () => {
    const before = await call<unknown>('reports.logo');
    for (const [data, code] of [
      [damagedPng(), 'file_unreadable'],
      [await hugePng(8000, 8000), 'file_too_large'],
    ] as const) {
      expect((await rejection(call('reports.setLogo', { fileName: 'logo.png', contentBase64: b64(data) }))).code).toBe(code);
    }
    expect(await call<unknown>('reports.logo')).toEqual(before);
    const logo = await call<{ base64: string; mime: string }>('reports.setLogo', {
      fileName: 'logo.jpg',
      contentBase64: b64(await phoneJpeg({ width: 300, height: 100 })),
    });
    const stored = Buffer.from(logo.base64, 'base64');
    expect(logo.mime).toBe('image/jpeg');
    expect(jpegMetadata(stored).metadataSegments).toEqual([]);
    expect(leakedMarks(stored)).toEqual([]);
  });

  it.skipIf(pdfimages.skip)(
    'issues a signed report whose images carry no GPS or other metadata, even from photos and a logo stored before stripping',
    async () => {
      expect(pdfimages.path, 'pdfimages (poppler-utils) is required in CI').toBeTruthy();
      const dir = tempDir('granska-images-');
      const report = await reportFixture(call, { findings: 3, photos: 0 });
      const add = (i: number, fileName: string, data: Buffer) =>
        call<Attachment>('attachments.add', { ownerType: 'finding', ownerId: report.findings[i]!.id, fileName, contentBase64: b64(data) });
      await add(0, 'liggande.jpg', await phoneJpeg({ width: 3000, height: 2000, noise: true, seed: 1 }));
      await add(1, 'vriden.jpg', await phoneJpeg({ width: 2400, height: 1800, noise: true, seed: 2, orientation: 6 }));
      // an old database: a photo and a logo stored as they came, GPS and all
      const now = new Date().toISOString();
      const old = await phoneJpeg({ width: 2000, height: 1500, noise: true, seed: 3 });
      const oldLogo = await phoneJpeg({ width: 600, height: 200, seed: 4 });
      backend.database.prepare('INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?,?,?,?,?)').run('old-photo', old, old.length, 'image/jpeg', now);
      backend.database.prepare('INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?,?,?,?,?)').run('old-logo', oldLogo, oldLogo.length, 'image/jpeg', now);
      backend.database
        .prepare("INSERT INTO attachments (id, sha256, owner_type, owner_id, file_name, created_at) VALUES ('old-att', 'old-photo', 'finding', ?, 'gammal.jpg', ?)")
        .run(report.findings[2]!.id, now);
      backend.database.prepare("INSERT INTO settings (key, value) VALUES ('logoSha256', 'old-logo') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();

      const identity = await call<SigningIdentity>('identities.create', {
        name: 'Karin Lindqvist', email: report.lead.email, organisation: 'Sjöviks kommunkoncern', passphrase: PASSPHRASE, // the audit's lead signs
      });
      const issued = await call<ReportRevision>('reports.issue', {
        auditId: report.audit.id, revision: report.audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE,
      });
      const pdf = Buffer.from((await call<{ base64: string }>('reports.content', { id: issued.id })).base64, 'base64');
      const file = path.join(dir, 'rapport.pdf');
      fs.writeFileSync(file, pdf);
      expect(leakedMarks(pdf)).toEqual([]);

      const images = extractImages(pdfimages.path as string, file, dir, run);
      // three photos and the logo, each embedded once
      expect(images).toHaveLength(4);
      const sizes: [number, number][] = [];
      for (const img of images) {
        expect(leakedMarks(img.data), img.file).toEqual([]);
        if (img.file.endsWith('.jpg')) expect(jpegMetadata(img.data), img.file).toEqual({ metadataSegments: [], hasExif: false, hasGps: false, orientation: null });
        const meta = await sharp(img.data).metadata();
        expect(meta.exif, img.file).toBeUndefined();
        sizes.push([meta.width!, meta.height!]);
      }
      // downscaled to 1600 px on the longest side; the sideways photo comes out upright
      expect(sizes).toEqual(expect.arrayContaining([[1600, 1067], [1200, 1600], [1600, 1200]]));
      expect(Math.max(...sizes.flat())).toBeLessThanOrEqual(1600);
    },
    120_000,
  );
});
