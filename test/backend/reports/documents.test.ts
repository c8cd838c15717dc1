import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import { encodePng } from '../../../electron/backend/features/app/demo/png';
import { passthroughPng } from '../../../electron/backend/pdf/png-passthrough';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { ReportPreview } from '../../../shared/contract/reports';
import type { Audit } from '../../../shared/domain/audits';
import type { Programme } from '../../../shared/domain/programme';
import { externalTool, run } from '../signing/helpers';
import { caller, tempDir, testBackend } from '../../helpers/tmp';

const qpdf = externalTool('qpdf', 'qpdf', true);
const pdftotext = externalTool('pdftotext', 'poppler-utils', true);
const pdfimages = externalTool('pdfimages', 'poppler-utils', true);

/** An 8-bit RGBA PNG (colour type 6): pdfkit must decode it to split off the alpha channel. */
function rgbaPng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(w, 0);
  header.writeUInt32BE(h, 4);
  header[8] = 8;
  header[9] = 6;
  const raw = Buffer.alloc((w * 4 + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w * 4 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('PNG photos embedded without decoding', () => {
  it('takes plain RGB photos as they are and declines transparency and damaged files', () => {
    const rgb = passthroughPng(encodePng(30, 20, () => [10, 20, 30]), 'GP1');
    expect(rgb).toMatchObject({ width: 30, height: 20, label: 'GP1' });
    expect(passthroughPng(rgbaPng(4, 4), 'GP2')).toBeNull();
    expect(passthroughPng(Buffer.from('inte en bild'), 'GP3')).toBeNull();
    expect(passthroughPng(encodePng(30, 20, () => [1, 2, 3]).subarray(0, 40), 'GP4')).toBeNull();
  });
});

describe('reports and the annual programme from the demo organisation', () => {
  const dir = tempDir('granska-documents-');
  const backend = testBackend({ dir });
  const call = caller(backend);
  let inProgress: Audit;

  beforeAll(() => {
    loadDemoData(backend.ctx());
  });

  it('previews the audit in progress with its photos, a damaged photo (as a placeholder) and a transparent one, as a sound PDF', async () => {
    const audits = await call<Audit[]>('audits.list', { status: 'in_progress' });
    inProgress = audits[0] as Audit;
    expect(inProgress).toBeTruthy();
    const findings = backend.database.prepare('SELECT id FROM findings WHERE audit_id = ? ORDER BY seq').pluck().all(inProgress.id) as string[];
    // a damaged photo (a PNG cut short) and a transparent one are stored directly: the upload check would refuse the first
    const now = new Date().toISOString();
    const put = (name: string, data: Buffer) => {
      const sha = `${name}-sha`;
      backend.database.prepare('INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?,?,?,?,?)').run(sha, data, data.length, 'image/png', now);
      backend.database
        .prepare("INSERT INTO attachments (id, sha256, owner_type, owner_id, file_name, created_at) VALUES (?, ?, 'finding', ?, ?, ?)")
        .run(`${name}-id`, sha, findings[0], `${name}.png`, now);
    };
    put('trasig', encodePng(60, 40, () => [200, 0, 0]).subarray(0, 60));
    put('transparent', rgbaPng(60, 40));

    const preview = await call<ReportPreview>('reports.preview', { auditId: inProgress.id, lang: 'sv' });
    const file = path.join(dir, 'utkast.pdf');
    fs.writeFileSync(file, Buffer.from(preview.base64, 'base64'));
    if (!qpdf.skip) {
      expect(qpdf.path, 'qpdf is required in CI').toBeTruthy();
      const check = run(qpdf.path as string, ['--check', file]);
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
    if (!pdfimages.skip) {
      expect(pdfimages.path, 'pdfimages (poppler-utils) is required in CI').toBeTruthy();
      // the logo and each distinct photo once, the transparent one flattened onto white (no soft
      // mask); the damaged one is a placeholder box
      const photos = backend.database
        .prepare(
          `SELECT count(DISTINCT a.sha256) FROM attachments a JOIN blobs b ON b.sha256 = a.sha256
           WHERE a.owner_type = 'finding' AND b.mime = 'image/png' AND a.sha256 <> 'trasig-sha'
             AND a.owner_id IN (SELECT id FROM findings WHERE audit_id = ?)`,
        )
        .pluck()
        .get(inProgress.id) as number;
      const list = run(pdfimages.path as string, ['-list', file]).stdout.trim().split('\n').slice(2);
      const types = list.map((l) => l.trim().split(/\s+/)[2]);
      expect(types.filter((t) => t === 'image').length).toBe(photos + 1);
      expect(types.filter((t) => t === 'smask').length).toBe(0);
    }
    if (!pdftotext.skip) {
      const text = run(pdftotext.path as string, [file, '-']).stdout.replace(/\s+/g, ' ');
      expect(text).toContain(inProgress.number);
      expect(text).toContain('UTKAST');
      expect(text).toContain('Resultatet beskriver det som granskades.');
      expect(text).toContain('Bilden kan inte visas');
      expect(text).toMatch(/Sida 1 av \d/);
    }
  });

  it.skipIf(pdftotext.skip)('writes the year of the audit programme with every audit planned for it and the approval', async () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    const [programme] = await call<Programme[]>('programme.list');
    const year = programme!.cycleStartYear + 1;
    const file = await call<DeliveredFile>('reports.programmePdf', { programmeId: programme!.id, year, lang: 'sv' });
    expect(file.fileName).toBe(`Revisionsprogram ${year}.pdf`);
    const pdf = path.join(dir, 'program.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.base64 ?? '', 'base64'));
    const text = run(pdftotext.path as string, [pdf, '-']).stdout.replace(/\s+/g, ' ');
    const audits = (await call<Audit[]>('audits.list', { year })).filter((a) => a.programmeId === programme!.id);
    expect(audits.length).toBeGreaterThan(3);
    for (const a of audits) expect(text).toContain(a.number);
    expect(text).toContain(`Revisionsprogram ${year}`);
    expect(text).toContain('Ledningens godkännande');
    expect(text).toMatch(/Sida 1 av \d/);
  });
});
