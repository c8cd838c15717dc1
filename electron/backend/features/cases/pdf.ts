import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Lang } from '../../../../shared/domain/common';
import type { DueState } from '../../../../shared/domain/cases';
import { resourcesDir } from '../../paths';
import type { Enriched } from './register';
import { fill } from '../../../../shared/i18n/fill';
import type { Labels } from './labels';
import { runPdfJob } from '../../pdf/crash-guard';
import { archivalOptions, makeArchival } from '../../pdf/archival';
import { PdfTagger } from '../../pdf/tagging';

/**
 * The register as a PDF for management: A4 landscape, the selection and totals on top, overdue
 * rows tinted red and those due within 14 days amber, page numbers at the foot. Fonts are embedded
 * from resources/fonts so å, ä, ö print the same everywhere. PDF/A-2b and tagged (a heading, the
 * register as a table with header cells), like every Granska PDF.
 */

export interface RegisterPdfInput {
  rows: Enriched[];
  L: Labels;
  lang: Lang;
  today: string;
  now: Date;
  organisation: string;
  selection: string;
}

const INK = '#1f2a30';
const MUTED = '#5c6b73';
const BRAND = '#116e7e';
const TINT: Partial<Record<DueState, string>> = { overdue: '#fdecec', due_soon: '#fff4e0' };
const STATE_INK: Partial<Record<DueState, string>> = { overdue: '#c92a2a', due_soon: '#b35c00' };

type Col = { key: 'number' | 'title' | 'source' | 'unit' | 'owner' | 'status' | 'due' | 'state'; width: number };
const COLS: Col[] = [
  { key: 'number', width: 72 },
  { key: 'title', width: 190 },
  { key: 'source', width: 84 },
  { key: 'unit', width: 140 },
  { key: 'owner', width: 86 },
  { key: 'status', width: 80 },
  { key: 'due', width: 58 },
  { key: 'state', width: 59 },
];
const PAD = 4;
const SIZE = 8.5;

/** The register as a PDF; a failure inside pdfkit fails this call, never the backend. */
export function registerPdf(input: RegisterPdfInput): Promise<Buffer> {
  return runPdfJob(() => writeRegister(input));
}

function writeRegister(input: RegisterPdfInput): Promise<Buffer> {
  const { rows, L } = input;
  const fonts = path.join(resourcesDir(), 'fonts');
  const meta = { lang: input.lang, title: L.export.title, author: input.organisation, subject: input.selection, created: input.now };
  const doc = new PDFDocument({
    ...archivalOptions(meta),
    size: 'A4',
    layout: 'landscape',
    margins: { top: 36, bottom: 40, left: 36, right: 36 },
    bufferPages: true,
  } as PDFKit.PDFDocumentOptions);
  makeArchival(doc, meta);
  doc.registerFont('body', path.join(fonts, 'DejaVuSans.ttf'));
  doc.registerFont('bold', path.join(fonts, 'DejaVuSans-Bold.ttf'));
  doc.font('body');
  const tags = new PdfTagger(doc);
  tags.paragraphsByDefault(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = () => doc.page.height - doc.page.margins.bottom;

  // Heading
  tags.mark('H1', () => doc.font('bold').fontSize(18).fillColor(INK).text(L.export.title, left, doc.page.margins.top));
  doc.moveDown(0.2);
  doc.font('body').fontSize(9.5).fillColor(MUTED);
  doc.text([input.organisation, fill(L.export.printed, { date: input.today })].filter(Boolean).join(' · '));
  doc.text(fill(L.export.selection, { filters: input.selection }));
  const overdue = rows.filter((r) => r.item.dueState === 'overdue').length;
  const dueSoon = rows.filter((r) => r.item.dueState === 'due_soon').length;
  doc.font('bold').fillColor(INK).text(fill(L.export.totals, { count: rows.length, overdue, dueSoon }));
  doc.moveDown(0.8);

  const headers: Record<Col['key'], string> = {
    number: L.columns.number, title: L.columns.title, source: L.columns.source, unit: L.columns.unit, owner: L.columns.owner,
    status: L.columns.status, due: L.export.due, state: L.columns.dueState,
  };

  const drawHeader = () => {
    const y = doc.y;
    doc.font('bold').fontSize(SIZE);
    const h = Math.max(...COLS.map((c) => doc.heightOfString(headers[c.key], { width: c.width - 2 * PAD }))) + 2 * PAD;
    tags.artifact(() => doc.rect(left, y, width, h).fill(BRAND));
    let x = left;
    for (const c of COLS) {
      const cx = x;
      tags.mark('TH', () => doc.fillColor('#ffffff').text(headers[c.key], cx + PAD, y + PAD, { width: c.width - 2 * PAD }));
      x += c.width;
    }
    doc.y = y + h;
  };

  const cells = (e: Enriched): Record<Col['key'], string> => {
    const c = e.item;
    const title = c.findingNumber ? `${c.title}\n${fill(L.register.fromFinding, { finding: c.findingNumber })}` : c.title;
    return {
      number: c.number, title, source: L.source[c.source], unit: e.unitName, owner: e.ownerName || L.register.unassigned,
      status: L.status[c.status], due: c.nextDue ?? '', state: c.dueState === 'overdue' || c.dueState === 'due_soon' ? L.dueState[c.dueState] : '',
    };
  };

  if (rows.length === 0) {
    doc.font('body').fontSize(10).fillColor(MUTED).text(L.export.empty);
  } else {
    const table = tags.open('Table');
    tags.group('THead', () => tags.group('TR', drawHeader));
    const body = tags.open('TBody');
    rows.forEach((e, i) => {
      const values = cells(e);
      doc.font('body').fontSize(SIZE);
      const h = Math.max(...COLS.map((c) => doc.heightOfString(values[c.key], { width: c.width - 2 * PAD }))) + 2 * PAD;
      if (doc.y + h > bottom()) {
        doc.addPage();
        // repeated for the eye only; the structure has the header row once
        tags.artifact(drawHeader, 'Pagination');
        doc.font('body').fontSize(SIZE);
      }
      const y = doc.y;
      const tint = TINT[e.item.dueState] ?? (i % 2 ? '#f5f8f9' : null);
      if (tint) tags.artifact(() => doc.rect(left, y, width, h).fill(tint));
      let x = left;
      tags.group('TR', () => {
        for (const c of COLS) {
          const strong = c.key === 'number' || (c.key === 'state' && STATE_INK[e.item.dueState]);
          const cx = x;
          tags.mark('TD', () =>
            doc
              .font(strong ? 'bold' : 'body')
              .fillColor(c.key === 'state' ? STATE_INK[e.item.dueState] ?? INK : INK)
              .text(values[c.key], cx + PAD, y + PAD, { width: c.width - 2 * PAD }),
          );
          x += c.width;
        }
      });
      tags.artifact(() => doc.moveTo(left, y + h).lineTo(left + width, y + h).lineWidth(0.4).strokeColor('#d5dde0').stroke());
      doc.y = y + h;
    });
    tags.close(body);
    tags.close(table);
  }
  tags.finish();

  // "Sida 2 av 5" on every page, written once the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const marginBottom = doc.page.margins.bottom;
    // Writing below the bottom margin would make pdfkit start a new page.
    doc.page.margins.bottom = 0;
    tags.artifact(() => {
      doc
        .font('body')
        .fontSize(8)
        .fillColor(MUTED)
        .text(`${L.export.title} · ${input.today}`, left, doc.page.height - 26, { width: width / 2, lineBreak: false });
      doc.text(fill(L.export.page, { page: i + 1, pages: range.count }), left + width / 2, doc.page.height - 26, {
        width: width / 2,
        align: 'right',
        lineBreak: false,
      });
    }, 'Pagination');
    doc.page.margins.bottom = marginBottom;
  }
  doc.end();
  return done;
}
