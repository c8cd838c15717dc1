/** PDFDocEncoding differs from Latin-1 only in 0x80–0x9E and 0xA0 (PDF 32000-1, Annex D). */
// prettier-ignore
const PDF_DOC_0X80_TO_0X9E = [
  0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203a, 0x2212, 0x2030, 0x201e, 0x201c, 0x201d, 0x2018,
  0x2019, 0x201a, 0x2122, 0xfb01, 0xfb02, 0x0141, 0x0152, 0x0160, 0x0178, 0x017d, 0x0131, 0x0142, 0x0153, 0x0161, 0x017e,
];
const PDF_DOC_EURO = 0xa0;

function pdfDocCodePoint(byte: number): number {
  if (byte === PDF_DOC_EURO) return 0x20ac;
  return PDF_DOC_0X80_TO_0X9E[byte - 0x80] ?? byte;
}

/** A PDF text string: UTF-16BE or UTF-8 when it starts with a byte-order mark, PDFDocEncoding otherwise. */
export function decodeTextString(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const body = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    return body.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  let out = '';
  for (const b of bytes) out += String.fromCharCode(pdfDocCodePoint(b));
  return out;
}

const ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c };

/** Reads the literal "(…)" or hex "<…>" string starting at `start`; null if there is none. */
export function readStringBytes(src: Buffer, start: number): Buffer | null {
  let i = start;
  while (i < src.length && /\s/.test(String.fromCharCode(src[i] as number))) i++;
  const open = src[i];
  if (open === 0x3c /* < */) {
    const end = src.indexOf(0x3e /* > */, i + 1);
    if (end < 0) return null;
    let hex = src
      .subarray(i + 1, end)
      .toString('latin1')
      .replace(/\s+/g, '');
    if (!/^[0-9a-fA-F]*$/.test(hex)) return null;
    if (hex.length % 2) hex += '0';
    return Buffer.from(hex, 'hex');
  }
  if (open !== 0x28 /* ( */) return null;
  const out: number[] = [];
  let depth = 1;
  for (i++; i < src.length; i++) {
    const c = src[i] as number;
    if (c === 0x5c /* \ */) {
      const next = src[++i];
      if (next === undefined) return null;
      const letter = String.fromCharCode(next);
      if (letter in ESCAPES) out.push(ESCAPES[letter] as number);
      else if (next >= 0x30 && next <= 0x37) {
        let octal = letter;
        while (octal.length < 3 && (src[i + 1] ?? 0) >= 0x30 && (src[i + 1] ?? 0) <= 0x37) {
          octal += String.fromCharCode(src[++i] as number);
        }
        out.push(parseInt(octal, 8) & 0xff);
      } else if (next === 0x0d) {
        // backslash-newline is a line continuation
        if (src[i + 1] === 0x0a) i++;
      } else if (next !== 0x0a) out.push(next);
      continue;
    }
    if (c === 0x28) depth++;
    if (c === 0x29 && --depth === 0) return Buffer.from(out);
    if (c === 0x0d) {
      // an unescaped end of line is read as a single LF
      if (src[i + 1] === 0x0a) i++;
      out.push(0x0a);
      continue;
    }
    out.push(c);
  }
  return null;
}
