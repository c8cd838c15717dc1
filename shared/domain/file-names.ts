/**
 * File names that leave Granska (downloads, saved copies, temporary copies for the system viewer).
 * Whoever attached a file chose its name, so it may be built to trick: a right-to-left override that
 * shows `gnp.bat` as `tab.png`, a NUL that some layers cut at (`photo.png\0.exe`), folders,
 * Windows device names, or an extension such as `.url`, `.scf` or `.hta` that Windows acts on.
 * The name a person sees in lists is left alone; the name on disk is made from it here.
 */

/** C0 and C1 controls and DEL; NUL among them. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;
/** Bidirectional overrides, embeddings, isolates and marks, and invisible joiners / BOM. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Path separators and characters Windows refuses in names. */
const RESERVED = /[\\/:*?"<>|]/g;
/** Names Windows treats as devices whatever the extension. */
const DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i;

const MAX_BASE = 120;

/** A name as a person should read it in a list: no controls, no bidi overrides, no invisible characters. */
export function visibleName(name: string): string {
  return name.normalize('NFC').replace(CONTROLS, '').replace(INVISIBLE, '');
}

/** The visible characters of a name with no folder part, no controls, no bidi tricks, no reserved characters. */
export function cleanFileNameBase(name: string): string {
  const lastSegment = visibleName(name).split(/[\\/]/).pop() ?? '';
  return lastSegment
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, ''); // Windows drops trailing dots and spaces, which could expose an inner extension
}

/**
 * `name` cleaned, its own extension replaced by `ext` (the extension of the detected content), so a
 * copy on disk is always opened by the viewer for what it really is. A base that already ends in
 * `.ext` keeps it once (`photo.png.exe` → `photo.png`, not `photo.png.png`).
 */
export function safeFileName(name: string, ext: string, fallback = 'file'): string {
  const cleanExt = ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'bin';
  let base = cleanFileNameBase(name).replace(/\.[^.]*$/, '');
  if (base.toLowerCase().endsWith(`.${cleanExt}`)) base = base.slice(0, -(cleanExt.length + 1));
  base = base.replace(/[. ]+$/, '').slice(0, MAX_BASE).trim();
  if (!base || /^\.+$/.test(base)) base = fallback;
  if (DEVICE.test(base.split('.')[0] ?? '')) base = `_${base}`;
  return `${base}.${cleanExt}`;
}

/** The extension for a mime type Granska hands out. */
const EXT_OF_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/vnd.oasis.opendocument.presentation': 'odp',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/x-pem-file': 'pem',
  'text/csv': 'csv',
  'text/plain': 'txt',
  'application/vnd.sqlite3': 'sqlite',
  'application/zip': 'zip',
  'application/vnd.granska.package+zip': 'granska',
};

/** `bin` for anything unknown: no viewer acts on it by itself. */
export function extensionOfMime(mime: string): string {
  return EXT_OF_MIME[mime.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';
}

/** The name a file of type `mime` is downloaded or saved under. */
export function downloadName(name: string, mime: string, fallback?: string): string {
  return safeFileName(name, extensionOfMime(mime), fallback);
}
