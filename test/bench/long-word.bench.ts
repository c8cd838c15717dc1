import { PdfWriter } from '../../electron/backend/pdf/writer';

/**
 * One 20,000-character word in a report paragraph, against the same characters as ordinary
 * 10-letter words (baseline), and against pdfkit breaking the word by itself (what the writer did
 * before it broke long words; issue 17 measured 12–16 s).
 */
const N = 20_000;
const word = Array.from({ length: N }, (_, i) => 'abcdefghijklmnopqrstuvwxyzåäö'[i % 29]).join('');
const words = word.replace(/(.{10})/g, '$1 ');

function writer(): PdfWriter {
  return new PdfWriter({
    lang: 'sv', title: 't', author: 'a', subject: 's', created: new Date(0),
    chrome: { headerLeft: '', headerRight: '', footerLeft: '', pageOf: (p, n) => `${p}/${n}` },
  });
}

/** Layout only: fonts are subset and the file written in finish(), the same for every case. */
async function time(draw: (w: PdfWriter) => void): Promise<number> {
  const w = writer();
  const start = performance.now();
  draw(w);
  const ms = performance.now() - start;
  await w.finish(null);
  return ms;
}

export default async function longWord(): Promise<void> {
  await time((w) => w.paragraph('warm-up', '-'));
  const baseline = await time((w) => w.paragraph(words, '-'));
  const broken = await time((w) => w.paragraph(word, '-'));
  console.log(`ordinary words (${N} chars): ${baseline.toFixed(0)} ms`);
  console.log(`one ${N}-char word, writer: ${broken.toFixed(0)} ms (${(broken / baseline).toFixed(2)}× baseline)`);
  if (process.argv.includes('--pdfkit')) {
    const raw = await time((w) => {
      w.font(false, 9.5);
      w.doc.text(word, w.left, w.y, { width: w.width });
    });
    console.log(`one ${N}-char word, pdfkit alone: ${raw.toFixed(0)} ms (${(raw / baseline).toFixed(2)}× baseline)`);
  }
}
