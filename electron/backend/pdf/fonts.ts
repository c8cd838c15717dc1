import fs from 'node:fs';
import path from 'node:path';
import { resourcesDir } from '../paths';

export const FONT = { regular: 'body', bold: 'bold' } as const;

let cached: { regular: Buffer; bold: Buffer } | null = null;

/**
 * DejaVu Sans from resources/fonts, read once per process: pdfkit embeds a subset of each font in
 * every file, so å, ä, ö (and anything else people type) print the same on every computer.
 */
export function reportFonts(): { regular: Buffer; bold: Buffer } {
  cached ??= {
    regular: fs.readFileSync(path.join(resourcesDir(), 'fonts', 'DejaVuSans.ttf')),
    bold: fs.readFileSync(path.join(resourcesDir(), 'fonts', 'DejaVuSans-Bold.ttf')),
  };
  return cached;
}

export function registerReportFonts(doc: PDFKit.PDFDocument): void {
  const fonts = reportFonts();
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.font(FONT.regular);
}
