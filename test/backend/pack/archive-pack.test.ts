import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../electron/backend/features/app/demo';
import { DEMO_SIGNING_PASSPHRASE } from '../../../electron/backend/features/app/demo/issued-reports';
import { buildPack, zipPack, type BuiltPack } from '../../../electron/backend/features/pack/build-pack';
import { checkPack, MANIFEST, sha256, type PackManifest } from '../../../electron/backend/features/pack/manifest';
import { identityForSigning, verifyReportFile } from '../../../electron/backend/features/reports';
import type { DeliveredFile } from '../../../shared/contract/files';
import { externalTool, run } from '../signing/helpers';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

const pdfsig = externalTool('pdfsig', 'poppler-utils', true);
const pdfinfo = externalTool('pdfinfo', 'poppler-utils', true);
const pdffonts = externalTool('pdffonts', 'poppler-utils', true);
const qpdf = externalTool('qpdf', 'qpdf', true);
const mutool = externalTool('mutool', 'mupdf-tools', true);

/** What an archivist's checks would say about one PDF: PDF/A-2b claim, tags, fonts, structure. */
function expectArchival(file: string, opts: { bookmarks?: RegExp[] } = {}): void {
  if (!pdfinfo.skip) {
    expect(pdfinfo.path, 'pdfinfo (poppler-utils) is required in CI').toBeTruthy();
    const info = run(pdfinfo.path as string, [file]).stdout;
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    const meta = run(pdfinfo.path as string, ['-meta', file]).stdout;
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(meta).toMatch(/<dc:language><rdf:Bag><rdf:li>(sv-SE|en-GB)<\/rdf:li>/);
    const struct = run(pdfinfo.path as string, ['-struct', file]).stdout;
    for (const tag of ['Document', 'H1', 'P', 'Table', 'TH', 'TD']) expect(struct, `structure has ${tag}`).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
  }
  if (!pdffonts.skip) {
    const rows = run(pdffonts.path as string, [file]).stdout.trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    // name type encoding emb sub uni: every font embedded
    for (const row of rows) expect(row, row).toMatch(/\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
  }
  if (!qpdf.skip) {
    const check = run(qpdf.path as string, ['--check', file]);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  }
  if (!mutool.skip && opts.bookmarks) {
    const outline = run(mutool.path as string, ['show', file, 'outline']).stdout;
    for (const b of opts.bookmarks) expect(outline).toMatch(b);
  }
}

describe('demo reports and the certification pack', () => {
  const dir = tempDir('granska-pack-');
  const backend = testBackend({ dir });
  const call = caller(backend);
  let pack: BuiltPack;
  let p12: Buffer;

  beforeAll(async () => {
    await loadDemo(backend.ctx());
    const id = backend.database.prepare('SELECT id FROM signing_identities').pluck().get() as string;
    p12 = await identityForSigning(backend.ctx(), id, DEMO_SIGNING_PASSPHRASE);
    pack = await buildPack(backend.ctx(), { from: '2025-01-01', to: '2026-12-31', lang: 'sv', signer: { p12, passphrase: DEMO_SIGNING_PASSPHRASE } });
  }, 180_000);

  it('gives every reported or closed internal and supplier audit a signed, trusted PAdES B-B report', () => {
    const db = backend.database;
    const missing = db
      .prepare(
        `SELECT number FROM audits a WHERE status IN ('reported','closed') AND type NOT LIKE 'external%'
           AND NOT EXISTS (SELECT 1 FROM report_revisions r WHERE r.audit_id = a.id)`,
      )
      .pluck()
      .all();
    expect(missing).toEqual([]);
    const revisions = db.prepare('SELECT r.pdf, r.sha256, a.status, a.locked FROM report_revisions r JOIN audits a ON a.id = r.audit_id').all() as {
      pdf: Buffer; sha256: string; status: string; locked: number;
    }[];
    expect(revisions.length).toBeGreaterThanOrEqual(10);
    for (const r of revisions) {
      expect(['reported', 'closed']).toContain(r.status);
      expect(r.locked).toBe(1);
      const outcome = verifyReportFile(backend.ctx(), r.pdf);
      expect(outcome.valid).toBe(true);
      expect(outcome.trusted).toBe(true);
      expect(outcome.level).toBe('PAdES B-B');
      expect(outcome.match?.revision).toBe(1);
    }
  });

  it('issues reports that pdfsig accepts and that are tagged PDF/A-2b with a bookmark per section and finding', () => {
    const row = backend.database
      .prepare(
        `SELECT r.pdf, a.number FROM report_revisions r JOIN audits a ON a.id = r.audit_id
         WHERE EXISTS (SELECT 1 FROM findings f WHERE f.audit_id = a.id AND f.type = 'minor_nc') ORDER BY a.number LIMIT 1`,
      )
      .get() as { pdf: Buffer; number: string };
    const file = path.join(dir, 'issued.pdf');
    fs.writeFileSync(file, row.pdf);
    if (!pdfsig.skip) {
      expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
      const out = run(pdfsig.path as string, [file]).stdout;
      expect(out).toContain('Signature Validation: Signature is Valid.');
      expect(out).toContain('Total document signed');
      expect(out).toContain('Signature Type: ETSI.CAdES.detached');
    }
    expectArchival(file, { bookmarks: [/1 Revisionens mål/, new RegExp(`${row.number}-\\d\\d Mindre avvikelse`)] });
    if (!pdfinfo.skip) {
      const struct = run(pdfinfo.path as string, ['-struct', file]).stdout;
      for (const tag of ['Sect', 'H2', 'H4', 'L', 'LI', 'LBody']) expect(struct, `structure has ${tag}`).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }
  });

  it('makes a pack whose manifest matches every file and whose reports and review all verify', () => {
    const files = new Map(pack.files.map((f) => [f.path, f.data]));
    const manifest = checkPack(files);
    expect(manifest.period).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(manifest.managementReviewSigned).toBe(true);
    for (const entry of manifest.files) expect(sha256(files.get(entry.path) as Buffer)).toBe(entry.sha256);
    const kinds = manifest.files.map((f) => f.kind);
    expect(kinds.filter((k) => k === 'programme').length).toBe(2);
    expect(kinds).toContain('register-pdf');
    expect(kinds).toContain('register-xlsx');
    const reports = manifest.files.filter((f) => f.kind === 'report');
    const issued = backend.database.prepare('SELECT count(*) FROM report_revisions').pluck().get() as number;
    expect(reports.length).toBe(issued);
    for (const r of reports) expect(verifyReportFile(backend.ctx(), files.get(r.path) as Buffer).valid).toBe(true);
    const review = manifest.files.find((f) => f.kind === 'management-review') as PackManifest['files'][number];
    const reviewCheck = verifyReportFile(backend.ctx(), files.get(review.path) as Buffer);
    expect(reviewCheck.valid).toBe(true);
    expect(reviewCheck.level).toBe('PAdES B-B');
    // the XLSX is a real spreadsheet (a zip), the register PDF is archival too
    expect((files.get(manifest.files.find((f) => f.kind === 'register-xlsx')!.path) as Buffer).subarray(0, 2).toString('latin1')).toBe('PK');
    for (const kind of ['register-pdf', 'programme', 'management-review'] as const) {
      const entry = manifest.files.find((f) => f.kind === kind)!;
      const file = path.join(dir, `${kind}.pdf`);
      fs.writeFileSync(file, files.get(entry.path) as Buffer);
      expectArchival(file);
    }
  });

  it('refuses a pack with a changed, missing or extra file', () => {
    const files = () => new Map(pack.files.map((f) => [f.path, Buffer.from(f.data)]));
    const report = pack.files.find((f) => f.kind === 'report')!.path;
    const changed = files();
    const bytes = changed.get(report) as Buffer;
    bytes.writeUInt8(bytes.readUInt8(100) ^ 1, 100);
    expect(() => checkPack(changed)).toThrow(expect.objectContaining({ code: 'file_unreadable', params: expect.objectContaining({ reason: 'pack_file_changed', path: report }) }));
    const missing = files();
    missing.delete(report);
    expect(() => checkPack(missing)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'pack_file_missing' }) }));
    const extra = files();
    extra.set('smuggled.pdf', Buffer.from('%PDF-1.7'));
    expect(() => checkPack(extra)).toThrow(expect.objectContaining({ params: expect.objectContaining({ reason: 'pack_file_unlisted' }) }));
  });

  it('zips the pack so that what comes out is byte for byte what the manifest lists', async () => {
    const zip = await zipPack(pack);
    const entries = unzipSync(new Uint8Array(zip));
    const files = new Map(Object.entries(entries).map(([name, data]) => [name.slice(pack.name.length + 1), Buffer.from(data)]));
    expect(Object.keys(entries).every((n) => n.startsWith(`${pack.name}/`) && /^[\x20-\x7e]+$/.test(n))).toBe(true);
    const manifest = checkPack(files);
    expect(manifest.files.length + 2).toBe(files.size);
    expect(JSON.parse((files.get(MANIFEST) as Buffer).toString('utf8'))).toEqual(manifest);
  });

  it('delivers the pack from the app and refuses a wrong passphrase or a reversed period without making one', async () => {
    const identityId = backend.database.prepare('SELECT id FROM signing_identities').pluck().get() as string;
    const wrong = await rejection(call('pack.create', { from: '2026-01-01', to: '2026-03-31', identityId, passphrase: 'fel lösenord' }));
    expect(wrong.code).not.toBe('internal');
    const reversed = await rejection(call('pack.create', { from: '2026-03-31', to: '2026-01-01' }));
    expect(reversed.code).toBe('invalid_input');
    const file = await call<DeliveredFile>('pack.create', { from: '2026-01-01', to: '2026-03-31', lang: 'en' });
    expect(file.fileName).toBe('Certification pack 2026-01-01 2026-03-31.zip');
    const entries = unzipSync(new Uint8Array(Buffer.from(file.base64 ?? '', 'base64')));
    const names = Object.keys(entries);
    expect(names.some((n) => n.includes('/2 Audit reports/IR-2026-001'))).toBe(true);
    expect(names.some((n) => n.includes('/2 Audit reports/IR-2026-003'))).toBe(false);
  });
});
