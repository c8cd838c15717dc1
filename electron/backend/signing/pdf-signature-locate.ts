import { readStringBytes, decodeTextString } from './pdf-string';

export interface LocatedSignature {
  byteRange: [number, number, number, number];
  /** DER bytes of /Contents (zero padding included), or null when the gap is not a hex string. */
  contents: Buffer | null;
  reason: string | null;
}

const BYTE_RANGE = Buffer.from('/ByteRange');
const NUMERIC_BYTE_RANGE = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;
/** Signature dictionaries are small; this bounds how far we look for the enclosing object. */
const DICT_WINDOW = 64 * 1024;

export function looksLikePdf(pdf: Buffer): boolean {
  // the header may legally be preceded by junk, but only within the first 1024 bytes
  const at = pdf.subarray(0, 1024).indexOf('%PDF-');
  return at >= 0;
}

/**
 * The signature dictionary of the latest revision: incremental updates append, so the last filled
 * /ByteRange in the file belongs to the newest signature. Placeholders (/ByteRange [0 /**** …]) are skipped.
 */
export function locateLastSignature(pdf: Buffer): LocatedSignature | null {
  let pos = pdf.length;
  while (pos > 0) {
    pos = pdf.lastIndexOf(BYTE_RANGE, pos - 1);
    if (pos < 0) return null;
    const m = NUMERIC_BYTE_RANGE.exec(pdf.subarray(pos, pos + 200).toString('latin1'));
    if (!m) continue;
    const byteRange = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    return { byteRange, contents: readGap(pdf, byteRange), reason: readReason(pdf, pos) };
  }
  return null;
}

/**
 * The unsigned gap must be exactly the /Contents hex string; anything else there would be content that
 * is shown to the reader but not covered by the signature.
 */
function readGap(pdf: Buffer, [start, length, gapEnd]: [number, number, number, number]): Buffer | null {
  const gapStart = start + length;
  if (gapStart >= gapEnd || gapEnd > pdf.length) return null;
  const gap = pdf.subarray(gapStart, gapEnd).toString('latin1');
  if (!/^<[0-9a-fA-F\s]*>$/.test(gap)) return null;
  const before = pdf.subarray(Math.max(0, gapStart - 32), gapStart).toString('latin1');
  if (!/\/Contents\s*$/.test(before)) return null;
  const hex = gap.slice(1, -1).replace(/\s+/g, '');
  return Buffer.from(hex.length % 2 ? hex + '0' : hex, 'hex');
}

/** /Reason of the dictionary holding the ByteRange at `byteRangePos`, searched within its object only. */
function readReason(pdf: Buffer, byteRangePos: number): string | null {
  const windowStart = Math.max(0, byteRangePos - DICT_WINDOW);
  const before = pdf.subarray(windowStart, byteRangePos).toString('latin1');
  let objStart = -1;
  for (const m of before.matchAll(/\d+\s+\d+\s+obj\b/g)) objStart = m.index;
  const objEnd = pdf.indexOf('endobj', byteRangePos);
  if (objStart < 0 || objEnd < 0) return null;
  const object = pdf.subarray(windowStart + objStart, objEnd);
  // a string value containing the text "/Reason" could fool this plain search; signers do not write
  // such dictionaries, and a full tokenizer is not worth it for a display-only field
  const key = object.indexOf('/Reason');
  if (key < 0) return null;
  const bytes = readStringBytes(object, key + '/Reason'.length);
  return bytes ? decodeTextString(bytes) : null;
}
