import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import { addSignaturePlaceholder, createSelfSignedIdentity, signPdf, verifyPdf } from '../../electron/backend/signing';

const RUNS = 5;
const PASS = 'lösenord för bänken';

function makePdf(pages: number): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  for (let i = 0; i < pages; i++) {
    if (i) doc.addPage();
    doc.fontSize(9).text('Revisionsrapport, sida med text. '.repeat(120));
  }
  addSignaturePlaceholder(doc, { reason: 'Bänk', name: 'Bänk' });
  doc.end();
  return done;
}

function best(fn: () => unknown): number {
  let min = Infinity;
  for (let i = 0; i < RUNS; i++) {
    const t = process.hrtime.bigint();
    fn();
    min = Math.min(min, Number(process.hrtime.bigint() - t) / 1e6);
  }
  return min;
}

/**
 * Verification reads every object of the file structurally. Its cost is printed against the floor,
 * hashing the same bytes once (which verification must do anyway): for a real report, and for 10 MB
 * of hostile token soup, which must stay linear.
 */
export default async function bench(): Promise<void> {
  const { p12, info } = createSelfSignedIdentity({ name: 'Bänk', email: 'b@example.se', organisation: 'B', passphrase: PASS });
  const signed = await signPdf(await makePdf(60), p12, PASS);
  const soup = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('12 0 obj << /x 1 0 R /y [1 2 (abc) <00>] >> endobj\n'.repeat(200_000))]);
  for (const [label, pdf] of [['signed report', signed], ['10 MB of objects', soup]] as const) {
    const hash = best(() => createHash('sha256').update(pdf).digest());
    const verify = best(() => verifyPdf(pdf, { trustedCertificatesPem: [info.certificatePem] }));
    console.log(`${label.padEnd(18)} ${(pdf.length / 1e6).toFixed(2)} MB  verify ${verify.toFixed(1)} ms  sha-256 ${hash.toFixed(1)} ms  ratio ${(verify / hash).toFixed(1)}×`);
  }
}
