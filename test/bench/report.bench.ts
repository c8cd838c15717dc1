import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { Backend } from '../../electron/backend/backend';
import { registerReportFonts } from '../../electron/backend/pdf/fonts';
import { passthroughPng } from '../../electron/backend/pdf/png-passthrough';
import { issueReport } from '../../electron/backend/features/reports/issue';
import { buildReportModel, type ReportModel } from '../../electron/backend/features/reports/model';
import { renderReport } from '../../electron/backend/features/reports/pdf';
import { createSelfSignedIdentity } from '../../electron/backend/signing';
import { cleanImage } from '../../electron/backend/images/clean';
import { PASSPHRASE, reportFixture } from '../backend/reports/fixture';
import { cameraPhoto } from '../backend/images/photos';
import { median } from './timing';

const FINDINGS = 300;
const PHOTOS = 50;
const RUNS = 3;

/** Every string and picture the report prints, for the no-layout baseline. */
function content(model: ReportModel): { texts: string[]; images: Buffer[] } {
  const a = model.audit;
  const texts = [
    a.number, a.title, model.organisation, a.objectives, a.scope, a.methods, a.sampling, a.summary, a.conclusion, a.areasNotCovered,
    ...model.criteria.map((c) => `${c.number} ${c.title}`),
    ...model.team.map((t) => `${t.name} ${t.title} ${t.unit}`),
    ...model.schedule.map((s) => `${s.day} ${s.startTime} ${s.place} ${s.participants}`),
    ...model.findings.flatMap((f) => [f.number, ...f.clauses.map((c) => `${c.number} ${c.title}`), f.requirement, f.evidence, f.statement, f.unit, f.process]),
  ].filter(Boolean);
  return { texts, images: model.findings.flatMap((f) => f.photos.map((p) => p.data)) };
}

/**
 * pdfkit writing the same text and images, one after the other, with no layout at all. With
 * `passthrough`, images are embedded the way the report embeds them, so the comparison isolates
 * the cost of layout from pdfkit's slow PNG reader.
 */
function plainPdfkit({ texts, images }: { texts: string[]; images: Buffer[] }, passthrough = false): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  registerReportFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.fontSize(9);
  for (const t of texts) doc.text(t);
  for (const img of images) {
    doc.addPage();
    const src = passthrough ? (passthroughPng(img, `GP${images.indexOf(img)}`) ?? img) : img;
    doc.image(src as Buffer, { width: 150 });
  }
  doc.end();
  return done;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

export default async function reportBench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-'));
  const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
  try {
    backend.open(path.join(dir, 'bench.sqlite'));
    const call = <T,>(name: string, input: unknown = {}) => backend.call(name, input) as Promise<T>;
    const setup = performance.now();
    const { p12 } = createSelfSignedIdentity({ name: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjövik', passphrase: PASSPHRASE });
    const fixtures = [];
    for (let i = 0; i < RUNS; i++) fixtures.push(await reportFixture(call, { findings: FINDINGS, photos: PHOTOS, photoSize: [640, 480] }));
    console.log(`  setup: ${RUNS} audits × ${FINDINGS} findings, ${PHOTOS} photos (640×480 PNG) in ${Math.round(performance.now() - setup)} ms`);

    const ctx = backend.ctx();
    const reportMs: number[] = [];
    const layoutMs: number[] = [];
    const plainMs: number[] = [];
    const passMs: number[] = [];
    let size = 0;
    let pages = 0;
    for (const fx of fixtures) {
      const model = buildReportModel(ctx, fx.audit.id, { lang: 'sv', revision: null, issuedAt: new Date() });
      const plain = await time(() => plainPdfkit(content(model)));
      plainMs.push(plain.ms);
      passMs.push((await time(() => plainPdfkit(content(model), true))).ms);
      const layout = await time(() => renderReport(buildReportModel(ctx, fx.audit.id, { lang: 'sv', revision: null, issuedAt: new Date() }), null));
      layoutMs.push(layout.ms);
      pages = layout.value.pages;
      const issued = await time(() =>
        issueReport(ctx, { auditId: fx.audit.id, auditRevision: null, lang: 'sv', signerRole: '', reason: '' }, { p12, passphrase: PASSPHRASE, identityId: null }),
      );
      reportMs.push(issued.ms);
      size = issued.value.size;
    }
    const report = median(reportMs);
    const layout = median(layoutMs);
    const plain = median(plainMs);
    const pass = median(passMs);
    console.log(`  report, generated and signed (model, layout, signature, recorded): ${Math.round(report)} ms  (target < 3000 ms)`);
    console.log(`    of which model + layout alone:                              ${Math.round(layout)} ms, ${pages} pages, ${(size / 1024 / 1024).toFixed(1)} MB`);
    console.log(`  pdfkit, same text and images, no layout:                      ${Math.round(plain)} ms`);
    console.log(`  ratio report / plain pdfkit: ${(report / plain).toFixed(2)}  (target < 1.5)`);
    console.log(`  pdfkit, same text, images embedded as the report does, no layout: ${Math.round(pass)} ms`);
    console.log(`  ratio report / that: ${(report / pass).toFixed(2)};  layout / that: ${(layout / pass).toFixed(2)}`);
    await cameraPhotos(call, ctx, p12);
  } finally {
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const CAMERA_PHOTOS = 50;
const CAMERA_DISTINCT = 5;

/**
 * Fifty phone photos (4000 × 3000 JPEG, about 5 MB each): what importing one costs (full decode,
 * metadata stripped, encoded again), and what a signed report with all fifty weighs and takes, the
 * first time (every photo decoded and downscaled) and again (prepared photos reused, as when a
 * preview is followed by the issue). Before images were prepared, the report embedded each file
 * as it was, EXIF and all: that size is printed for comparison.
 */
async function cameraPhotos(call: <T>(name: string, input?: unknown) => Promise<T>, ctx: ReturnType<Backend['ctx']>, p12: Buffer): Promise<void> {
  const bases: Buffer[] = [];
  for (let s = 0; s < CAMERA_DISTINCT; s++) bases.push(await cameraPhoto(s + 11));
  const imports: number[] = [];
  for (const b of bases) imports.push((await time(() => cleanImage(b, 'image/jpeg'))).ms);
  console.log(`  import of one camera photo (${(bases[0]!.length / 1e6).toFixed(1)} MB, 4000×3000): ${Math.round(median(imports))} ms (decode, strip, encode)`);

  const runOnce = async (seed: number) => {
    const fx = await reportFixture(call, { findings: CAMERA_PHOTOS, photos: 0 });
    const now = new Date().toISOString();
    let original = 0;
    fx.findings.forEach((f, i) => {
      const data = bases[i % CAMERA_DISTINCT] as Buffer;
      original += data.length;
      const sha = `bench-camera-${seed}-${i}`;
      ctx.db.prepare('INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?,?,?,?,?)').run(sha, data, data.length, 'image/jpeg', now);
      ctx.db
        .prepare("INSERT INTO attachments (id, sha256, owner_type, owner_id, file_name, created_at) VALUES (?, ?, 'finding', ?, ?, ?)")
        .run(`${sha}-a`, sha, f.id, `IMG_${i}.jpg`, now);
    });
    const cold = await time(() => renderReport(buildReportModel(ctx, fx.audit.id, { lang: 'sv', revision: null, issuedAt: new Date() }), null));
    const issued = await time(() =>
      issueReport(ctx, { auditId: fx.audit.id, auditRevision: null, lang: 'sv', signerRole: '', reason: '' }, { p12, passphrase: PASSPHRASE, identityId: null }),
    );
    return { original, cold: cold.ms, warm: issued.ms, size: issued.value.size, pages: issued.value.summary.pages };
  };
  const r = await runOnce(1);
  console.log(`  ${CAMERA_PHOTOS} camera photos: embedded as they were (before): ${(r.original / 1024 / 1024).toFixed(1)} MB of images alone`);
  console.log(`    signed report now: ${(r.size / 1024 / 1024).toFixed(1)} MB, ${r.pages} pages  (target < 10 MB); ratio before / now: ${(r.original / r.size).toFixed(1)}`);
  console.log(`    preview, photos prepared from the camera files: ${Math.round(r.cold)} ms`);
  console.log(`    issue right after, prepared photos reused:      ${Math.round(r.warm)} ms  (ratio ${(r.cold / r.warm).toFixed(1)})`);
}
