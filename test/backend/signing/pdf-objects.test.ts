import { describe, expect, it } from 'vitest';
import { scanPdf, type PdfValue } from '../../../electron/backend/signing/pdf-objects';
import { locateSignatures, parsePdfDate } from '../../../electron/backend/signing/pdf-signature-locate';
import { verifyPdf } from '../../../electron/backend/signing';

const pdf = (body: string) => Buffer.from(`%PDF-1.7\n${body}\n%%EOF\n`, 'latin1');
const entry = (v: PdfValue | null | undefined, key: string) => (v?.type === 'dict' ? v.entries.get(key) : undefined);

describe('the PDF object reader', () => {
  it('reads strings with nested parentheses and escapes as strings, never as keys', () => {
    const { objects } = scanPdf(pdf('1 0 obj\n<< /Reason (a (nested) \\) /ByteRange [0 1 2 3] \\(x) /Type /Annot >>\nendobj'));
    expect(objects).toHaveLength(1);
    const dict = objects[0]?.value;
    expect([...(dict?.type === 'dict' ? dict.entries.keys() : [])]).toEqual(['Reason', 'Type']);
    const reason = entry(dict, 'Reason');
    expect(reason?.type === 'string' && reason.bytes.toString('latin1')).toBe('a (nested) ) /ByteRange [0 1 2 3] (x');
  });

  it('finds no signature in text inside a string, a comment or a stream', () => {
    const fake = '<< /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 10 20 30] /Contents <00> >>';
    const file = pdf(
      `% 9 0 obj ${fake} endobj\n` +
        `1 0 obj\n<< /Title (2 0 obj ${fake} endobj) >>\nendobj\n` +
        `3 0 obj\n<< /Length ${fake.length + 20} >>\nstream\n4 0 obj ${fake} endobj\nendstream\nendobj`,
    );
    expect(locateSignatures(file).signatures).toEqual([]);
    expect(scanPdf(file).objects.map((o) => o.num)).toEqual([1, 3]);
  });

  it('decodes #-escaped names and resolves references', () => {
    const { objects } = scanPdf(pdf('1 0 obj\n<< /Ty#70e /Sig /V 2 0 R /N -3 /R 4.5 >>\nendobj'));
    const dict = objects[0]?.value;
    expect(entry(dict, 'Type')).toEqual({ type: 'name', value: 'Sig' });
    expect(entry(dict, 'V')).toEqual({ type: 'ref', num: 2, gen: 0 });
    expect(entry(dict, 'N')).toEqual({ type: 'number', value: -3 });
  });

  it('reads PDF dates with and without a time zone', () => {
    expect(parsePdfDate('D:20270314103200Z')?.toISOString()).toBe('2027-03-14T10:32:00.000Z');
    expect(parsePdfDate("D:20270314113200+01'00'")?.toISOString()).toBe('2027-03-14T10:32:00.000Z');
    expect(parsePdfDate('gibberish')).toBeNull();
  });

  it('survives hostile structure: deep nesting, unterminated strings and a large file of junk', () => {
    const nested = pdf(`1 0 obj\n${'['.repeat(100_000)}\nendobj\n2 0 obj\n<< /A (unterminated\nendobj`);
    expect(verifyPdf(nested)).toMatchObject({ signed: false, problems: ['not_signed'] });
    const junk = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('< ( [ << /x 1 0 R >> 12 0 obj '.repeat(20_000))]);
    expect(verifyPdf(junk).signed).toBe(false);
    // a million stray closing delimiters are skipped in a loop, not by recursion
    expect(verifyPdf(pdf(')'.repeat(1_000_000) + '>'.repeat(1_000_000))).signed).toBe(false);
  });
});
