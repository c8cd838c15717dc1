import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportRevision, SigningIdentity } from '../../../shared/domain/reports';
import { caller, tempDir, testBackend } from '../../helpers/tmp';
import { PASSPHRASE, reportFixture } from '../reports/fixture';
import { externalTool, run } from '../signing/helpers';
import { cameraPhoto, jpegMetadata, leakedMarks } from './photos';

const pdfimages = externalTool('pdfimages', 'poppler-utils', true);
const PHOTOS = 50;
const DISTINCT = 5;

describe('a report with fifty phone photos', () => {
  const backend = testBackend();
  const call = caller(backend);

  it.skipIf(pdfimages.skip)(
    'stays under 10 MB, signed, with every photo in it and no metadata',
    async () => {
      expect(pdfimages.path, 'pdfimages (poppler-utils) is required in CI').toBeTruthy();
      const fx = await reportFixture(call, { findings: PHOTOS, photos: 0 });
      // Five camera-size photos (4000 × 3000, about 5 MB each as phones write them), each stored
      // ten times under its own key as a database from before import stripping holds them: the
      // report prepares and embeds fifty images. (Import itself is tested in images.test.ts.)
      const bases: Buffer[] = [];
      for (let s = 0; s < DISTINCT; s++) bases.push(await cameraPhoto(s + 1));
      const now = new Date().toISOString();
      const blob = backend.database.prepare('INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?,?,?,?,?)');
      const link = backend.database.prepare("INSERT INTO attachments (id, sha256, owner_type, owner_id, file_name, created_at) VALUES (?, ?, 'finding', ?, ?, ?)");
      let original = 0;
      fx.findings.forEach((f, i) => {
        const data = bases[i % DISTINCT]!;
        original += data.length;
        blob.run(`camera-${i}`, data, data.length, 'image/jpeg', now);
        link.run(`camera-att-${i}`, `camera-${i}`, f.id, `IMG_${1000 + i}.jpg`, now);
      });

      const identity = await call<SigningIdentity>('identities.create', {
        name: 'Karin Lindqvist', email: fx.lead.email, organisation: 'Sjöviks kommunkoncern', passphrase: PASSPHRASE, // the audit's lead signs
      });
      const started = performance.now();
      const issued = await call<ReportRevision>('reports.issue', {
        auditId: fx.audit.id, revision: fx.audit.revision, lang: 'sv', identityId: identity.id, passphrase: PASSPHRASE,
      });
      const seconds = (performance.now() - started) / 1000;
      console.log(
        `[images] ${PHOTOS} photos of ${(original / PHOTOS / 1e6).toFixed(1)} MB (${(original / 1e6).toFixed(0)} MB embedded as they were before): ` +
          `signed report ${(issued.size / 1e6).toFixed(1)} MB, ${issued.summary.pages} pages, ${seconds.toFixed(1)} s`,
      );
      expect(issued.size).toBeLessThan(10 * 1024 * 1024);

      const dir = tempDir('granska-size-');
      const file = path.join(dir, 'rapport.pdf');
      fs.writeFileSync(file, Buffer.from((await call<{ base64: string }>('reports.content', { id: issued.id })).base64, 'base64'));
      const r = run(pdfimages.path as string, ['-j', file, path.join(dir, 'img')]);
      expect(r.status, r.stderr).toBe(0);
      const images = fs.readdirSync(dir).filter((f) => f.startsWith('img'));
      expect(images).toHaveLength(PHOTOS);
      for (const name of images) {
        const data = fs.readFileSync(path.join(dir, name));
        expect(jpegMetadata(data).metadataSegments, name).toEqual([]);
        expect(leakedMarks(data), name).toEqual([]);
      }
    },
    600_000,
  );
});
