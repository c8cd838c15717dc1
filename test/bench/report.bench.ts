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
import { PASSPHRASE, reportFixture } from '../backend/reports/fixture';

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

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

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
  } finally {
    backend.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
