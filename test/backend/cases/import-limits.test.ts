import { Workbook } from 'exceljs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { CaseListItem } from '../../../shared/domain/cases';
import type { ImportPreview } from '../../../shared/domain/case-import';
import { MAX_IMPORT_ROWS } from '../../../shared/domain/case-import';
import { caller, rejection, testBackend } from '../../helpers/tmp';

// The hostile shapes of issue 17: small files that parse into millions of rows or cells. Each is
// refused with the limit named; how fast and in how little memory is measured in
// test/bench/import-memory.bench.ts.

const b64 = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64');

/** A workbook package with one sheet of `rows` rows of one number each, deflated: small file, many rows. */
function tallXlsx(rows: number, declaredSheetSize?: number): Buffer {
  const sheet = ['<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  sheet.push('<row r="1"><c r="A1" t="inlineStr"><is><t>Rubrik</t></is></c></row>');
  for (let r = 2; r <= rows; r++) sheet.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
  sheet.push('</sheetData></worksheet>');
  const zip = Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      ),
      'xl/workbook.xml': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
      'xl/_rels/workbook.xml.rels': strToU8(
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ),
      'xl/worksheets/sheet1.xml': strToU8(sheet.join('')),
    }, { level: 9 }),
  );
  if (declaredSheetSize !== undefined) {
    // Rewrite the central directory's uncompressed size of the sheet, as a zip bomb's would read.
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    for (let p = zip.length - 22; p >= 0; p--) {
      if (zip.readUInt32LE(p) === 0x02014b50 && zip.subarray(p + 46, p + 46 + name.length).equals(name)) {
        zip.writeUInt32LE(declaredSheetSize, p + 24);
        break;
      }
    }
  }
  return zip;
}

describe('imports stop at their limits instead of parsing everything', () => {
  const backend = testBackend();
  const call = caller(backend);
  const preview = (fileName: string, data: Buffer | Uint8Array) => call<ImportPreview>('cases.importPreview', { fileName, base64: b64(data) });
  const nothingChanged = async (before: { cases: number; trail: number }) => {
    expect((await call<CaseListItem[]>('cases.list', {})).length).toBe(before.cases);
    expect((await call<AuditTrailEntry[]>('trail.list', {})).length).toBe(before.trail);
  };
  const state = async () => ({
    cases: (await call<CaseListItem[]>('cases.list', {})).length,
    trail: (await call<AuditTrailEntry[]>('trail.list', {})).length,
  });

  it('refuses a CSV of 10 MB of blank lines as too many rows', async () => {
    const before = await state();
    const err = await rejection(preview('tom.csv', Buffer.from(`Rubrik;Enhet\n${'\n'.repeat(10 * 1024 * 1024 - 100)}`)));
    expect(err).toMatchObject({ code: 'invalid_input', params: { reason: 'too_many_rows', limit: MAX_IMPORT_ROWS } });
    await nothingChanged(before);
  });

  it('refuses a CSV one row past the limit, and reads one at the limit', async () => {
    const rows = (n: number) => ['Rubrik;Enhet', ...Array.from({ length: n }, (_, i) => `Rad ${i};Skola`)].join('\n');
    expect((await rejection(preview('lång.csv', Buffer.from(rows(MAX_IMPORT_ROWS + 1))))).params.reason).toBe('too_many_rows');
    expect((await preview('lagom.csv', Buffer.from(rows(MAX_IMPORT_ROWS)))).totalRows).toBe(MAX_IMPORT_ROWS);
  });

  it('refuses a CSV that is one row of millions of empty cells as too many columns', async () => {
    const err = await rejection(preview('bred.csv', Buffer.from(`Rubrik;Enhet\n${';'.repeat(5_000_000)}\n`)));
    expect(err).toMatchObject({ code: 'invalid_input', params: { reason: 'too_many_columns' } });
    // Separators inside quotes are text, not cells.
    const quoted = await preview('citat.csv', Buffer.from(`Rubrik;Enhet\n"${';'.repeat(5000)}";Skola\n`));
    expect(quoted.totalRows).toBe(1);
  });

  it('refuses a small XLSX whose sheet holds far more rows than the limit', async () => {
    const err = await rejection(preview('lång.xlsx', tallXlsx(50_000)));
    expect(err).toMatchObject({ code: 'invalid_input', params: { reason: 'too_many_rows', limit: MAX_IMPORT_ROWS } });
  });

  it('refuses an XLSX that declares a sheet larger than any register before inflating it', async () => {
    const err = await rejection(preview('bomb.xlsx', tallXlsx(10, 0xfffffff0)));
    expect(err).toMatchObject({ code: 'file_too_large', params: { reason: 'import_unpacked' } });
  });

  it('still reads an ordinary XLSX, with the sheet name from the workbook', async () => {
    const wb = new Workbook();
    const ws = wb.addWorksheet('Avvikelser');
    ws.addRow(['Rubrik', 'Enhet', 'Upptäckt']);
    ws.addRow(['Kall mat', 'Skola', new Date(Date.UTC(2026, 8, 14))]);
    const p = await preview('register.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
    expect(p).toMatchObject({ format: 'xlsx', sheetName: 'Avvikelser', totalRows: 1 });
    expect(p.columns.map((c) => c.name)).toEqual(['Rubrik', 'Enhet', 'Upptäckt']);
  });
});
