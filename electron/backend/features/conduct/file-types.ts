import { AppError } from '../../../../shared/errors';
import { attachmentKindOfMime, type AttachmentKind } from '../../../../shared/domain/findings';
import { refuseActiveContent } from './active-content';

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
]);

function extensionOf(fileName: string): string {
  const m = /\.([^.\\/]+)$/.exec(fileName.trim());
  return m ? (m[1] as string).toLowerCase() : '';
}

/** Looks for a stream name in a compound file's directory (names are stored as UTF-16LE). */
function hasCfbStream(data: Buffer, name: string): boolean {
  return data.includes(Buffer.from(name, 'utf16le'));
}

/** Word 97–2003 and Excel 97–2003 are compound files; so are installers (.msi), which must not pass. */
function legacyOffice(data: Buffer): AcceptedType | { refused: string } {
  if (hasCfbStream(data, '_VBA_PROJECT') || hasCfbStream(data, 'Macros')) return { refused: 'macro' };
  if (hasCfbStream(data, 'WordDocument')) return { mime: 'application/msword', ext: 'doc', kind: 'office' };
  if (hasCfbStream(data, 'Workbook') || hasCfbStream(data, 'Book')) return { mime: 'application/vnd.ms-excel', ext: 'xls', kind: 'office' };
  if (hasCfbStream(data, 'PowerPoint Document')) return { mime: 'application/vnd.ms-powerpoint', ext: 'ppt', kind: 'office' };
  return { refused: 'cfb' };
}

/** Plain text: valid UTF-8 (a BOM is fine) with no NUL byte, which no text editor writes. */
function isPlainText(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
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

/**
 * The name a temporary copy gets for the system viewer: the person's name for it, but always
 * ending in the extension of what the content is, so the viewer (not a shell) opens it.
 */
export function viewerFileName(fileName: string, ext: string): string {
  const base = fileName
    // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/\.[^.]*$/, '')
    .trim()
    .slice(0, 120);
  return `${base || 'bilaga'}.${ext}`;
}

/** The extension matching a stored mime type (the blob keeps the mime, not the detection result). */
export function extensionForMime(mime: string): string {
  const fromTable = Object.entries(ACCEPTED).find(([, m]) => m === mime)?.[0];
  if (fromTable) return fromTable;
  const legacy: Record<string, string> = {
    'application/msword': 'doc',
    'application/vnd.ms-excel': 'xls',
    'application/vnd.ms-powerpoint': 'ppt',
    'text/csv': 'csv',
    'text/plain': 'txt',
  };
  return legacy[mime] ?? 'bin';
}
