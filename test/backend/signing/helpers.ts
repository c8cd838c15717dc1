import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll } from 'vitest';
import { addSignaturePlaceholder, type SignaturePlaceholderOptions } from '../../../electron/backend/signing';
import { AppError } from '../../../shared/errors';

export const SWEDISH_TEXT = 'Åtgärd för avvikelse – öppen';
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

/** A fresh folder under the system temp dir, removed after the enclosing suite. */
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-signing-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function findTool(name: string): string | null {
  for (const dir of [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/local/bin']) {
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}

/**
 * Locates an external checker. Missing in CI is a failure (the test runs and its expect fails);
 * missing on a developer machine skips with a printed reason.
 */
export function externalTool(name: string, pkg: string, requiredInCi: boolean): { path: string | null; skip: boolean } {
  const found = findTool(name);
  const skip = !found && !(requiredInCi && process.env.CI);
  if (skip) console.warn(`[signing tests] ${name} not found (install ${pkg}); skipping the tests that need it.`);
  return { path: found, skip };
}

export function run(tool: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(tool, args, { encoding: 'utf8', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

export interface PdfOptions {
  placeholder?: SignaturePlaceholderOptions | null;
  text?: string;
}

/** An A4 page with Swedish text in an embedded TTF; uncompressed so tests can edit content bytes. */
export function makePdf(opts: PdfOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', compress: false, info: { Title: 'Revisionsrapport' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  if (fs.existsSync(DEJAVU)) doc.font(DEJAVU);
  else console.warn(`[signing tests] ${DEJAVU} missing (fonts-dejavu-core); using the built-in Helvetica.`);
  doc.fontSize(14).text(opts.text ?? SWEDISH_TEXT);
  doc.fontSize(10).text('Revision 2025-03 · Process: Inköp · Ansvarig: Åsa Öberg');
  if (opts.placeholder !== null) {
    addSignaturePlaceholder(doc, opts.placeholder ?? { reason: 'Godkänd revisionsrapport', name: 'Åsa Öberg' });
  }
  doc.end();
  return done;
}

/**
 * Changes the x coordinate of the first text object (e.g. "1 0 0 1 72 …Tm" → "…82…"): the file stays a
 * well-formed PDF that renders, only the signed content differs.
 */
export function tamperContentStream(pdf: Buffer): { tampered: Buffer; offset: number } {
  const m = /BT\n1 0 0 1 (\d)/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('no uncompressed text object found');
  const offset = m.index + m[0].length - 1;
  const tampered = Buffer.from(pdf);
  tampered[offset] = (m[1] as string) === '8' ? 0x37 : 0x38;
  return { tampered, offset };
}

export async function expectAppError(fn: () => unknown, code: string): Promise<Record<string, unknown>> {
  try {
    await fn();
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== code) throw err;
    return err.params;
  }
  throw new Error(`expected AppError(${code}), nothing was thrown`);
}
