import { isUtf8 } from 'node:buffer';
import fs from 'node:fs';
import { AppError } from '../../../../shared/errors';
import { attachmentKindOfMime, type AttachmentKind } from '../../../../shared/domain/findings';
import { extensionOfMime, safeFileName } from '../../../../shared/domain/file-names';
import { CompoundFile, CompoundFileError } from './compound-file';
import { compoundFileMacros, zipMacros } from './office-macros';
import { ZipError } from '../../zip/zip-directory';
import { ACTIVE_CONTENT_SCAN_BYTES, refuseActiveContent } from './active-content';

export interface AcceptedType {
  mime: string;
  /** The extension a copy handed to the system viewer gets, whatever the file was called. */
  ext: string;
  kind: AttachmentKind;
}

/**
 * What an auditor needs to keep as evidence, by detected content. Macro-enabled Office formats are
 * left out on purpose: they carry code, and the file name cannot vouch for them.
 */
const ACCEPTED: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
};

/** Script files are plain text, but a system viewer would run them: refused by name as well. */
const SCRIPT_EXTENSIONS = new Set([
  'bat', 'cmd', 'com', 'ps1', 'psm1', 'vbs', 'vbe', 'js', 'jse', 'wsf', 'wsh', 'hta', 'sh', 'bash', 'zsh', 'command',
  'py', 'pl', 'rb', 'php', 'scr', 'lnk', 'reg', 'inf', 'desktop', 'applescript', 'jar', 'msi', 'exe', 'dll', 'html', 'htm', 'svg', 'xml',
  // Text that Windows or Office acts on: shortcuts, Explorer commands, web queries, SYLK formulas, web pages.
  'url', 'website', 'scf', 'iqy', 'slk', 'xhtml', 'xht', 'mht', 'mhtml', 'shtml', 'pif', 'cpl', 'msc', 'sct', 'wsc', 'ws', 'settingcontent-ms',
]);

function extensionOf(fileName: string): string {
  const m = /\.([^.\\/]+)$/.exec(fileName.trim());
  return m ? (m[1] as string).toLowerCase() : '';
}

const ZIP_DOCUMENTS = new Set(['docx', 'xlsx', 'pptx', 'odt', 'ods', 'odp']);

/** Word 97–2003 and Excel 97–2003 are compound files; so are installers (.msi), which must not pass. */
function legacyOffice(data: Buffer): AcceptedType | { refused: string } {
  let cf: CompoundFile;
  try {
    cf = new CompoundFile(data);
  } catch (err) {
    if (err instanceof CompoundFileError) return { refused: 'cfb' };
    throw err;
  }
  const verdict = compoundFileMacros(cf);
  if (verdict) return { refused: verdict === 'encrypted' ? 'encrypted' : 'macro' };
  const atRoot = (name: string) => cf.entries.some((e) => e.type === 'stream' && e.path.length === 1 && e.name.toLowerCase() === name.toLowerCase());
  if (atRoot('WordDocument')) return { mime: 'application/msword', ext: 'doc', kind: 'office' };
  if (atRoot('Workbook') || atRoot('Book')) return { mime: 'application/vnd.ms-excel', ext: 'xls', kind: 'office' };
  if (atRoot('PowerPoint Document')) return { mime: 'application/vnd.ms-powerpoint', ext: 'ppt', kind: 'office' };
  return { refused: 'cfb' };
}

/** Macro sheets and VBA projects inside an OOXML / OpenDocument package, found by content. */
function zipDocumentRefusal(data: Buffer): string | null {
  try {
    return zipMacros(data) ? 'macro' : null;
  } catch (err) {
    if (err instanceof ZipError || err instanceof CompoundFileError) return 'zip';
    throw err;
  }
}

/** Plain text: valid UTF-8 (a BOM is fine) with no NUL byte, which no text editor writes. */
function isPlainText(data: Buffer): boolean {
  // isUtf8 checks in place: decoding to test would build a string twice the file's size.
  return !data.includes(0) && isUtf8(data);
}

/**
 * Decides what a file is from its bytes, never from its name: a renamed program stays a program.
 * Throws `file_type_refused` with the detected type (or `unknown`) for anything not accepted.
 */
export async function detectAcceptedType(data: Buffer, fileName: string): Promise<AcceptedType> {
  if (data.length === 0) throw new AppError('file_type_refused', { type: 'empty' });
  // Loaded on first use: file-type is large, and only adding an attachment needs it.
  const { fileTypeFromBuffer } = await import('file-type');
  const detected = await fileTypeFromBuffer(data);
  refuseActiveContent(data, detected?.ext ?? null);
  if (detected) {
    if (detected.ext === 'cfb') {
      const legacy = legacyOffice(data);
      if ('refused' in legacy) throw new AppError('file_type_refused', { type: legacy.refused });
      return legacy;
    }
    const mime = ACCEPTED[detected.ext];
    if (!mime) throw new AppError('file_type_refused', { type: detected.ext });
    const refused = ZIP_DOCUMENTS.has(detected.ext) ? zipDocumentRefusal(data) : null;
    if (refused) throw new AppError('file_type_refused', { type: refused });
    return { mime, ext: detected.ext, kind: attachmentKindOfMime(mime) };
  }
  if (isPlainText(data)) {
    const ext = extensionOf(fileName);
    if (SCRIPT_EXTENSIONS.has(ext) || data.subarray(0, 2).toString('latin1') === '#!') {
      throw new AppError('file_type_refused', { type: 'script' });
    }
    return ext === 'csv' ? { mime: 'text/csv', ext: 'csv', kind: 'text' } : { mime: 'text/plain', ext: 'txt', kind: 'text' };
  }
  throw new AppError('file_type_refused', { type: 'unknown' });
}

/** Formats whose pixels sharp checks and re-encodes from the file itself (HEIC is refused there). */
const IMAGE_EXTENSIONS = new Set(['jpg', 'png', 'gif', 'webp', 'heic']);

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const head = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(head, 0, bytes, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * The same decision as `detectAcceptedType`, for an upload already on disk. A photo is judged by
 * its head (type and markup) and left on disk for the image cleaning to read, so a 25 MB photo is
 * never in memory as it came; anything else (documents are searched for macros, text checked as
 * UTF-8) is read once and returned with its type, so it is not read twice.
 */
export async function detectAcceptedFileType(file: string, fileName: string): Promise<{ type: AcceptedType; data: Buffer | null }> {
  const { fileTypeFromFile } = await import('file-type');
  const detected = await fileTypeFromFile(file);
  if (detected && IMAGE_EXTENSIONS.has(detected.ext)) {
    refuseActiveContent(await readHead(file, ACTIVE_CONTENT_SCAN_BYTES), detected.ext);
    const mime = ACCEPTED[detected.ext] as string;
    return { type: { mime, ext: detected.ext, kind: attachmentKindOfMime(mime) }, data: null };
  }
  const data = await fs.promises.readFile(file);
  return { type: await detectAcceptedType(data, fileName), data };
}

/**
 * The name a copy on disk gets (system viewer, download): the person's name for it, cleaned of
 * controls, bidi overrides and folders, always ending in the extension of what the content is,
 * so the viewer (not a shell) opens it.
 */
export function viewerFileName(fileName: string, ext: string): string {
  return safeFileName(fileName, ext, 'bilaga');
}

/** The extension matching a stored mime type (the blob keeps the mime, not the detection result). */
export function extensionForMime(mime: string): string {
  return extensionOfMime(mime);
}
