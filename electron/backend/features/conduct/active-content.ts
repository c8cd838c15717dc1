import { AppError } from '../../../../shared/errors';

/**
 * Web content inside evidence files (issue 14.3). An SVG or HTML file runs script when a browser or
 * the system viewer opens it; a polyglot is a valid image or PDF header followed by HTML, so a
 * detector trusting the first bytes accepts it while a browser renders the markup. Evidence never
 * needs either, so both are refused.
 */

/** How far into a file markup is looked for: polyglots put it right after the header. */
export const ACTIVE_CONTENT_SCAN_BYTES = 64 * 1024;

/** Markup that makes a browser build a document or run script. Case-insensitive, as browsers are. */
const ACTIVE_MARKUP = /<(?:script|html|svg|!doctype\s+html|iframe|object|embed|body|head|meta\s+http-equiv|foreignobject)\b|javascript:/i;

/** What may come before a document's root element: blanks, an XML declaration, comments, a doctype. */
const PROLOGUE = String.raw`^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*`;
/** A text file that is itself an SVG or an HTML/XHTML document. */
const SVG_START = new RegExp(`${PROLOGUE}(?:<!doctype\\s+svg[^>]*>\\s*)?<svg\\b`, 'i');
const HTML_START = new RegExp(`${PROLOGUE}<(?:html|!doctype\\s+html|head|body|script)\\b`, 'i');

export type ActiveContent = 'svg' | 'html' | 'polyglot';

/** What kind of web content a file carries, or null. `detectedExt` is what the bytes were recognised as (null: not recognised). */
export function findActiveContent(data: Buffer, detectedExt: string | null): ActiveContent | null {
  // Read as latin1 so any byte is one character; a UTF-8 byte-order mark is then these three.
  const head = data.subarray(0, ACTIVE_CONTENT_SCAN_BYTES).toString('latin1').replace(/^\xEF\xBB\xBF/, '');
  // file-type calls anything starting with `<?xml` just xml; what follows decides.
  const textual = detectedExt === null || detectedExt === 'xml';
  if (detectedExt === 'svg' || (textual && SVG_START.test(head))) return 'svg';
  if (detectedExt === 'html' || (textual && HTML_START.test(head))) return 'html';
  if (textual) return null;
  // Office files are zip archives: their parts are compressed, so markup in the raw bytes would be
  // a file name at most. Images and PDFs keep their header bytes plain; markup there is a polyglot.
  if (['jpg', 'png', 'gif', 'webp', 'heic', 'pdf', 'bmp', 'tif', 'avif'].includes(detectedExt) && ACTIVE_MARKUP.test(head)) return 'polyglot';
  return null;
}

/** Refuses a file carrying web content with a reason the attachment panel translates. */
export function refuseActiveContent(data: Buffer, detectedExt: string | null): void {
  const found = findActiveContent(data, detectedExt);
  if (found) throw new AppError('file_type_refused', { reason: 'active_content', type: found });
}
