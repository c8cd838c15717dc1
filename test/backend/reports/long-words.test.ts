import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PdfWriter } from '../../../electron/backend/pdf/writer';
import { externalTool, run } from '../signing/helpers';
import { tempDir } from '../../helpers/tmp';

const pdftotext = externalTool('pdftotext', 'poppler-utils', true);

const DIGITS = Array.from({ length: 3000 }, (_, i) => String(i % 10)).join('');
const LONG = Array.from({ length: 20_000 }, (_, i) => 'abcdefghijklmnopqrstuvwxyzåäö'[i % 29]).join('');

function writer(): PdfWriter {
  return new PdfWriter({
    lang: 'sv',
    title: 'Långa ord',
    author: 'Granska',
    subject: 'test',
    created: new Date(Date.UTC(2026, 0, 1)),
    chrome: { headerLeft: 'IR-2026-001', headerRight: 'Rapport', footerLeft: 'Sjövik', pageOf: (p, n) => `Sida ${p} av ${n}` },
  });
}

describe('text with a word longer than the line (a pasted link, a hostile string)', () => {
  it.skipIf(pdftotext.skip)('is broken into lines that stay inside the margins, with every character kept', async () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    const w = writer();
    w.paragraph(`Bevis: ${LONG} slut.`, '–');
    w.facts([['Länk', DIGITS]]);
    w.table([{ header: 'Nr', width: 1 }, { header: 'Iakttagelse', width: 4 }], [['1', 'ÅÄÖ'.repeat(700)]]);
    const pdf = await w.finish(null);
    const dir = tempDir();
    const file = path.join(dir, 'long.pdf');
    fs.writeFileSync(file, pdf);

    // All text without line breaks and without the running header and footer between pages.
    const text = run(pdftotext.path as string, ['-raw', file, '-']).stdout;
    const joined = text.replace(/\s+/g, '').replace(/Sjövik|Sida\d+av\d+|IR-2026-001|Rapport/g, '');
    expect(joined).toContain(`Bevis:${LONG}slut.`);
    expect(joined).toContain(DIGITS);
    expect(joined).toContain('ÅÄÖ'.repeat(700));

    // Every word box lies within the page's text width (A4: 595.28 pt, margins 56.7 pt).
    const bbox = run(pdftotext.path as string, ['-bbox', file, '-']).stdout;
    const xMax = [...bbox.matchAll(/xMax="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(xMax.length).toBeGreaterThan(100);
    expect(Math.max(...xMax)).toBeLessThanOrEqual(595.28 - 56.7 + 1);
  });

  it('leaves ordinary text as it was', async () => {
    const { breakUnbreakableWords } = await import('../../../electron/backend/pdf/writer');
    const w = writer();
    w.font(false, 9.5);
    const ordinary = 'Rutinen för läkemedelsgenomgång följs inte; tre av tio journaler saknar signering.';
    expect(breakUnbreakableWords(w.doc, ordinary, 200)).toBe(ordinary);
    const broken = breakUnbreakableWords(w.doc, `se ${'x'.repeat(400)} här`, 200);
    expect(broken.replace(/\n/g, '')).toBe(`se ${'x'.repeat(400)} här`);
    const pieces = broken.replace(/^se /, '').replace(/ här$/, '').split('\n');
    expect(pieces.length).toBeGreaterThan(2);
    for (const piece of pieces) expect(w.doc.widthOfString(piece)).toBeLessThanOrEqual(200);
    await w.finish(null);
  });
});
