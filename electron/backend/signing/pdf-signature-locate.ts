import { decodeTextString } from './pdf-string';
import { nameOf, resolve, scanPdf, stringOf, type PdfDict, type PdfStructure, type PdfValue } from './pdf-objects';

export interface LocatedSignature {
  /** Null when /ByteRange is not four non-negative integers. */
  byteRange: [number, number, number, number] | null;
  /** DER bytes of /Contents (zero padding included), or null when it is not the exact unsigned gap. */
  contents: Buffer | null;
  reason: string | null;
  /** The /M entry (signing time claimed in the dictionary, covered by the signature itself). */
  pdfSigningTime: Date | null;
  subFilter: string | null;
  /** Offset of the signature dictionary in the file. */
  offset: number;
}

export interface LocatedSignatures {
  structure: PdfStructure;
  signatures: LocatedSignature[];
}

export function looksLikePdf(pdf: Buffer): boolean {
  // the header may legally be preceded by junk, but only within the first 1024 bytes
  const at = pdf.subarray(0, 1024).indexOf('%PDF-');
  return at >= 0;
}

const text = (v: PdfValue | undefined): string | null => {
  const s = stringOf(v);
  return s ? decodeTextString(s.bytes) : null;
};

/** "D:YYYYMMDDHHmmSSOHH'mm'" (PDF 32000-1, 7.9.4); missing parts default as the standard says. */
export function parsePdfDate(value: string | null): Date | null {
  const m = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(?:(\d{2})'?(\d{2})?'?)?)?/.exec(value ?? '');
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', sign, oh = '00', om = '00'] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = sign === '+' || sign === '-' ? (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A dictionary is a signature when it says so (/Type /Sig) or has the two entries only signatures have. */
function isSignatureDict(dict: PdfDict): boolean {
  const type = nameOf(dict.entries.get('Type'));
  if (type === 'Sig' || type === 'DocTimeStamp') return true;
  return dict.entries.has('ByteRange') && dict.entries.has('Contents') && dict.entries.has('Filter');
}

function numericByteRange(structure: PdfStructure, v: PdfValue | undefined): LocatedSignature['byteRange'] {
  const arr = resolve(structure, v);
  if (arr?.type !== 'array' || arr.items.length !== 4) return null;
  const nums = arr.items.map((i) => (i.type === 'number' && Number.isSafeInteger(i.value) && i.value >= 0 ? i.value : -1));
  return nums.includes(-1) ? null : (nums as [number, number, number, number]);
}

/** An unused placeholder (/ByteRange [0 /********** …]) reserves room but signs nothing. */
function isPlaceholder(dict: PdfDict): boolean {
  const arr = dict.entries.get('ByteRange');
  return arr?.type === 'array' && arr.items.some((i) => i.type === 'name');
}

function collectDicts(v: PdfValue | null | undefined, out: PdfDict[], depth = 0): void {
  if (!v || depth > 16) return;
  if (v.type === 'dict') {
    out.push(v);
    for (const child of v.entries.values()) collectDicts(child, out, depth + 1);
  } else if (v.type === 'array') {
    for (const child of v.items) collectDicts(child, out, depth + 1);
  }
}

/**
 * Every filled signature dictionary in the file, read structurally, in the order their signed
 * ranges end: the first is the signature of the earliest revision, any later one signs an update.
 * The unsigned gap of each must be exactly its own /Contents hex string: anything else there would
 * be content shown to the reader but covered by no signature.
 */
export function locateSignatures(pdf: Buffer): LocatedSignatures {
  const structure = scanPdf(pdf, isSignatureDict);
  const found: LocatedSignature[] = [];
  for (const object of structure.objects) {
    const dicts: PdfDict[] = [];
    collectDicts(object.value, dicts);
    for (const dict of dicts) {
      if (!isSignatureDict(dict) || isPlaceholder(dict)) continue;
      const byteRange = numericByteRange(structure, dict.entries.get('ByteRange'));
      const contents = stringOf(dict.entries.get('Contents'));
      const inGap = !!(byteRange && contents?.hex && contents.start === byteRange[0] + byteRange[1] && contents.end === byteRange[2]);
      found.push({
        byteRange,
        contents: inGap && contents ? contents.bytes : null,
        reason: text(resolve(structure, dict.entries.get('Reason'))),
        pdfSigningTime: parsePdfDate(text(resolve(structure, dict.entries.get('M')))),
        subFilter: nameOf(dict.entries.get('SubFilter')),
        offset: dict.start,
      });
    }
  }
  const end = (s: LocatedSignature): number => (s.byteRange ? s.byteRange[2] + s.byteRange[3] : Number.MAX_SAFE_INTEGER);
  found.sort((a, b) => end(a) - end(b) || a.offset - b.offset);
  return { structure, signatures: found };
}

/** What the signed part of the file says it is: Granska writes the audit number and revision into the document information. */
export function claimedReport(structure: PdfStructure, signedUpTo: number): { auditNumber: string; revision: number } | null {
  let info: PdfValue | undefined;
  for (const t of structure.trailers) if (t.offset < signedUpTo && t.dict.entries.has('Info')) info = t.dict.entries.get('Info');
  const dict = resolve(structure, info, signedUpTo);
  if (dict?.type !== 'dict') return null;
  const auditNumber = text(resolve(structure, dict.entries.get('GranskaAudit'), signedUpTo));
  const revision = Number(text(resolve(structure, dict.entries.get('GranskaRevision'), signedUpTo)));
  if (!auditNumber || !Number.isSafeInteger(revision) || revision < 1) return null;
  return { auditNumber, revision };
}
