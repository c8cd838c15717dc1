/**
 * Run by crash-guard.test.ts in its own Node process (`node --import tsx`), because an uncaught
 * exception is exactly what is being tested and the test runner would report it as its own.
 */
import PDFDocument from 'pdfkit';
import { runPdfJob } from '../../../electron/backend/pdf/crash-guard';
import { toErrorPayload } from '../../../shared/errors';
import { damagedPng } from '../images/photos';

/** A PDF with the damaged PNG handed straight to pdfkit, as reports did before images were prepared. */
function pdfWith(image: Buffer | null): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.text('Revisionsrapport');
  if (image) doc.image(image, 10, 10, { width: 20 });
  doc.end();
  return done;
}

const mode = process.argv[2];
if (mode === 'unguarded') {
  void pdfWith(damagedPng()).then(() => console.log('finished'));
} else if (mode === 'guarded') {
  const alive = setInterval(() => undefined, 1000);
  void (async () => {
    try {
      await runPdfJob(() => pdfWith(damagedPng()));
      console.log('finished');
    } catch (err) {
      console.log(`refused ${JSON.stringify(toErrorPayload(err))}`);
    }
    const next = await runPdfJob(() => pdfWith(null));
    console.log(`next ${next.subarray(0, 5).toString('latin1')}`);
    clearInterval(alive);
  })();
} else if (mode === 'outside') {
  // thrown from a timer started outside any PDF job: not the guard's to swallow
  setTimeout(() => {
    throw new Error('unrelated failure');
  }, 50);
  void runPdfJob(() => new Promise<Buffer>((resolve) => setTimeout(() => resolve(Buffer.alloc(0)), 400))).then(() => console.log('job done'));
}
