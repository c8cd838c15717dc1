import { describe, expect, it } from 'vitest';
import { decodeTextString, readStringBytes } from '../../../electron/backend/signing/pdf-string';

const read = (src: string, start = 0): string | null => {
  const bytes = readStringBytes(Buffer.from(src, 'latin1'), start);
  return bytes ? decodeTextString(bytes) : null;
};

describe('PDF string reading (signature /Reason)', () => {
  it('handles escapes, balanced parentheses and line continuations', () => {
    expect(read('(Godk\\344nd \\(rev. 2\\) (ok))')).toBe('Godkänd (rev. 2) (ok)');
    expect(read('(rad1\\nrad2\\\r\nsamma rad)')).toBe('rad1\nrad2samma rad');
    expect(read('(a\r\nb)')).toBe('a\nb');
    expect(read('  (\\0533)')).toBe('+3');
  });

  it('decodes UTF-16BE with BOM, also when a byte needed escaping', () => {
    // U+0128 "Ĩ" is 0x01 0x28 in UTF-16BE; pdfkit escapes the 0x28 as "\("
    expect(read('(\xfe\xff\x00\xc5\x01\\(\x00a)')).toBe('ÅĨa');
  });

  it('decodes hex strings and PDFDocEncoding', () => {
    expect(read('<FEFF00D6 0070 0070 0065 006E>')).toBe('Öppen');
    expect(read('<4142 4>')).toBe('AB@');
    expect(read('(\x85 \xa0 \xe5)')).toBe('– € å');
  });

  it('returns null when no string starts there', () => {
    expect(read('/Name')).toBeNull();
    expect(read('(unterminated')).toBeNull();
  });
});
