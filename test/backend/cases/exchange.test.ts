import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Workbook } from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { CaseDetail, CaseListItem } from '../../../shared/domain/cases';
import type { ImportPreview, ImportResult } from '../../../shared/domain/case-import';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

const NOW = new Date(2026, 10, 24, 10, 0);

async function setup() {
  const dir = tempDir();
  const backend = testBackend({ now: () => NOW, dir });
  const call = caller(backend);
  const care = await call<Unit>('units.create', { name: 'Äldreomsorgen', code: 'ÄO', kind: 'department' });
  const housing = await call<Unit>('units.create', { name: 'Sjöviksbostäder AB', code: 'SBO', kind: 'company' });
  const homeCare = await call<Process>('processes.create', { name: 'Hemtjänst', ownerUnitId: care.id, riskLevel: 'high' });
  const lars = await call<Person>('people.create', { name: 'Lars Öhman', email: 'lars@sjovik.example', roles: ['auditee_manager'], homeUnitId: care.id });
  const elin = await call<Person>('people.create', { name: 'Elin Sjögren', email: 'elin@sjovik.example', roles: ['auditor'], homeUnitId: housing.id });
  return { dir, backend, call, care, housing, homeCare, lars, elin };
}

const b64 = (file: string) => fs.readFileSync(file).toString('base64');
const issuesOf = (p: ImportPreview, line: number) => p.errors.find((e) => e.line === line)?.issues.map((i) => [i.field, i.message, i.value ?? '']);

describe('importing an existing deviation register', () => {
  it('reads a real CSV (Windows-1252, semicolons), reports each bad row with its reason, and imports only on acceptance', async () => {
    const s = await setup();
    const csv = [
      'Löpnr;Datum;Rubrik;Beskrivning;Källa;Enhet;Process;Krav;Ansvarig;Klart senast;Status;Åtgärd;Åtgärdsansvarig',
      'K-101;2026-09-14;Kall mat vid leverans;Brukare fick kall lunch tre dagar i rad;Klagomål;Äldreomsorgen;Hemtjänst;8.5.1;Lars Öhman;2026-12-01;Öppen;;',
      'K-102;2026-10-02;Fel nyckel utlämnad;;Incident;ÄO;;7.1.4, 8.5.1;lars@sjovik.example;2026-12-15;Åtgärd planerad;Ny rutin för nyckelkvittens;Elin Sjögren',
      'K-103;2026-10-05;Hiss ur funktion;;Egen upptäckt;Hemtjänst Norr;;;;;Öppen;;',
      'K-104;14/9/2026;Ryktet om felaktig faktura;;Ryktesvägen;Sjöviksbostäder AB;;;;;;;',
      'K-101;2026-10-07;Dubblett;;Enkät;SBO;;;;;;;',
      'K-106;2026-10-08;Saknad signering;;Internrevision;ÄO;;12.1;;;;;',
      'K-107;2026-10-09;Planerad utan åtgärd;;Incident;ÄO;;;;;Åtgärd planerad;;',
      '',
      'K-108;2027-01-09;Framtida händelse;;Incident;ÄO;;;Okänd Person;;;;',
    ].join('\r\n');
    const file = path.join(s.dir, 'avvikelser.csv');
    // Excel on a Swedish Windows saves CSV like this: Windows-1252, semicolons.
    fs.writeFileSync(file, Buffer.from(csv, 'latin1'));

    const preview = await s.call<ImportPreview>('cases.importPreview', { fileName: 'avvikelser.csv', base64: b64(file) });
    expect(preview).toMatchObject({ format: 'csv', totalRows: 8, validRows: 2, missingRequired: [] });
    const col = (name: string) => preview.columns.find((c) => c.name === name)?.index;
    expect(preview.mapping).toMatchObject({
      reference: col('Löpnr'), detectedOn: col('Datum'), title: col('Rubrik'), description: col('Beskrivning'), source: col('Källa'),
      unit: col('Enhet'), process: col('Process'), clauses: col('Krav'), owner: col('Ansvarig'), dueDate: col('Klart senast'),
      status: col('Status'), action: col('Åtgärd'), actionOwner: col('Åtgärdsansvarig'),
    });
    expect(preview.preview[0]?.values).toMatchObject({ title: 'Kall mat vid leverans', unit: 'Äldreomsorgen' });
    expect(issuesOf(preview, 4)).toEqual([['unit', 'unknown_unit', 'Hemtjänst Norr']]);
    expect(issuesOf(preview, 5)).toEqual([['source', 'unknown_source', 'Ryktesvägen'], ['detectedOn', 'bad_date', '14/9/2026']]);
    expect(issuesOf(preview, 6)).toEqual([['reference', 'duplicate_reference', 'K-101']]);
    expect(issuesOf(preview, 7)).toEqual([['clauses', 'unknown_clause', '12.1']]);
    expect(issuesOf(preview, 8)).toEqual([['status', 'action_needed', 'Åtgärd planerad']]);
    // The blank line keeps its number, as in the file.
    expect(issuesOf(preview, 10)).toEqual([['owner', 'unknown_person', 'Okänd Person'], ['detectedOn', 'future_date', '2027-01-09']]);
    expect(await s.call<CaseListItem[]>('cases.list', {})).toEqual([]);

    // Accepting a different count than the preview showed imports nothing.
    const changed = await rejection(s.call('cases.importCommit', { fileName: 'avvikelser.csv', base64: b64(file), mapping: preview.mapping, acceptedRowCount: 3 }));
    expect(changed).toMatchObject({ code: 'conflict', params: { reason: 'import_changed', expected: 3, actual: 2 } });
    expect(await s.call<CaseListItem[]>('cases.list', {})).toEqual([]);

    const result = await s.call<ImportResult>('cases.importCommit', {
      fileName: 'avvikelser.csv', base64: b64(file), mapping: preview.mapping, acceptedRowCount: 2,
    });
    expect(result.numbers).toEqual(['AV-2026-001', 'AV-2026-002']);
    expect(result.skipped.map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 10]);

    const cases = await s.call<CaseListItem[]>('cases.list', { sort: 'number' });
    expect(cases.map((c) => [c.title, c.source, c.status, c.unitId, c.ownerId, c.clauseNumbers])).toEqual([
      ['Kall mat vid leverans', 'complaint', 'open', s.care.id, s.lars.id, ['8.5.1']],
      ['Fel nyckel utlämnad', 'incident', 'action_planned', s.care.id, s.lars.id, ['7.1.4', '8.5.1']],
    ]);
    const planned = await s.call<CaseDetail>('cases.get', { id: cases[1]!.id });
    expect(planned.actions.map((a) => [a.description, a.ownerId, a.dueDate, a.doneOn])).toEqual([['Ny rutin för nyckelkvittens', s.elin.id, '2026-12-15', null]]);
    expect(planned.sourceReference).toBe('K-102');

    const trail = await s.call<AuditTrailEntry[]>('trail.list', {});
    expect(trail.filter((e) => e.action === 'import' && e.entity === 'case').length).toBe(2);
    const summary = trail.find((e) => e.entity === 'case_import');
    expect(summary?.after).toMatchObject({ fileName: 'avvikelser.csv', imported: ['AV-2026-001', 'AV-2026-002'], rows: 8 });

    // The same file again: both rows are already in the register.
    const again = await s.call<ImportPreview>('cases.importPreview', { fileName: 'avvikelser.csv', base64: b64(file) });
    expect(again.validRows).toBe(0);
    expect(issuesOf(again, 2)).toEqual([['reference', 'already_imported', 'K-101']]);
    expect((await rejection(s.call('cases.importCommit', { fileName: 'avvikelser.csv', base64: b64(file), mapping: again.mapping, acceptedRowCount: 1 })))
      .params.reason).toBe('nothing_to_import');
  });

  it('reads a real XLSX written with exceljs, with date cells and a mapping the person chose', async () => {
    const s = await setup();
    const wb = new Workbook();
    const ws = wb.addWorksheet('Deviations');
    ws.addRow(['Case', 'Reported', 'What happened', 'Origin', 'Organisation unit', 'Handled by', 'Stage', 'Fixed on', 'Corrective action']);
    ws.addRow(['D-1', new Date(Date.UTC(2026, 8, 3)), 'Wrong medicine list', 'Incident', 'Äldreomsorgen', 'Lars Öhman', 'Implemented', new Date(Date.UTC(2026, 10, 1)), 'New double check']);
    ws.addRow(['D-2', new Date(Date.UTC(2026, 9, 12)), { richText: [{ text: 'Leaking ' }, { text: 'roof', font: { bold: true } }] }, 'Self-detected', 'SBO', 'elin@sjovik.example', 'Closed', new Date(Date.UTC(2026, 10, 10)), '']);
    ws.addRow(['D-3', 'yesterday', '', 'Complaint', 'Sjöviksbostäder AB', '', 'Open', null, '']);
    const file = path.join(s.dir, 'deviations.xlsx');
    await wb.xlsx.writeFile(file);

    const auto = await s.call<ImportPreview>('cases.importPreview', { fileName: 'deviations.xlsx', base64: b64(file) });
    expect(auto.format).toBe('xlsx');
    expect(auto.sheetName).toBe('Deviations');
    // "What happened" is not a name the app knows for the title: the person has to map it.
    expect(auto.missingRequired).toContain('title');

    const mapping = { reference: 0, detectedOn: 1, title: 2, source: 3, unit: 4, owner: 5, status: 6, closedOn: 7, action: 8 };
    const preview = await s.call<ImportPreview>('cases.importPreview', { fileName: 'deviations.xlsx', base64: b64(file), mapping });
    expect(preview).toMatchObject({ totalRows: 3, validRows: 2, missingRequired: [] });
    expect(preview.preview[0]?.values).toMatchObject({ detectedOn: '2026-09-03', title: 'Wrong medicine list' });
    expect(preview.preview[1]?.values.title).toBe('Leaking roof');
    expect(issuesOf(preview, 4)).toEqual([['title', 'required', ''], ['detectedOn', 'bad_date', 'yesterday']]);

    const result = await s.call<ImportResult>('cases.importCommit', { fileName: 'deviations.xlsx', base64: b64(file), mapping, acceptedRowCount: 2 });
    expect(result.imported).toBe(2);
    const [implemented, closed] = await s.call<CaseListItem[]>('cases.list', { sort: 'number' });
    expect(implemented).toMatchObject({ status: 'implemented', source: 'incident', actionCount: 1, openActionCount: 0 });
    expect(closed).toMatchObject({ status: 'closed', source: 'self_detected', unitId: s.housing.id, ownerId: s.elin.id, closedOn: '2026-11-10' });
    const detail = await s.call<CaseDetail>('cases.get', { id: implemented!.id });
    expect(detail.actions[0]).toMatchObject({ description: 'New double check', ownerId: s.lars.id, doneOn: '2026-11-01' });
  });

  it('refuses what it cannot read and says why', async () => {
    const s = await setup();
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]).toString('base64');
    expect(await rejection(s.call('cases.importPreview', { fileName: 'gammal.xls', base64: xls }))).toMatchObject({
      code: 'file_type_refused', params: { reason: 'import' },
    });
    const brokenZip = Buffer.from('PK\u0003\u0004 not really a workbook').toString('base64');
    expect((await rejection(s.call('cases.importPreview', { fileName: 'trasig.xlsx', base64: brokenZip }))).code).toBe('file_unreadable');
    expect((await rejection(s.call('cases.importPreview', { fileName: 'tom.csv', base64: Buffer.from('\r\n\r\n').toString('base64') }))).code).toBe('file_unreadable');
  });
});

describe('exporting the register', () => {
  async function withCases() {
    const s = await setup();
    await s.call('app.updateSettings', { organisationName: 'Sjöviks kommunkoncern' });
    const late = await s.call<CaseDetail>('cases.create', {
      title: 'Fel dos till brukare på Solgården', source: 'incident', severity: 'major', unitId: s.care.id, processId: s.homeCare.id,
      clauseNumbers: ['8.5.1'], ownerId: s.lars.id, detectedOn: '2026-09-01', dueDate: '2026-11-10',
    });
    await s.call('cases.addAction', { id: late.id, revision: late.revision, fields: { description: 'Dubbelkontroll av dosett', ownerId: s.lars.id, dueDate: '2026-11-15' } });
    await s.call('cases.create', {
      title: 'Klagomål på trappstädning', source: 'complaint', severity: 'minor', unitId: s.housing.id, detectedOn: '2026-11-02', dueDate: '2026-12-01',
    });
    await s.call('cases.create', { title: 'Låg svarsfrekvens i enkäten', source: 'survey', severity: 'minor', unitId: s.housing.id, detectedOn: '2026-10-01', dueDate: '2027-02-01' });
    return s;
  }

  it('writes XLSX with real dates, an autofilter, highlighted overdue rows and a sheet of actions', async () => {
    const s = await withCases();
    const out = await s.call<DeliveredFile>('cases.export', { format: 'xlsx', lang: 'sv', query: {} });
    expect(out).toMatchObject({ fileName: 'atgardsregister-2026-11-24.xlsx', mime: expect.stringContaining('spreadsheetml'), savedTo: null });
    const wb = new Workbook();
    await wb.xlsx.load(Buffer.from(out.base64!, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('Åtgärdsregister')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['Nr', 'Rubrik', 'Beskrivning', 'Källa']);
    expect(ws.autoFilter).toBeTruthy();
    const col = (name: string) => header.indexOf(name) + 1;
    expect(ws.rowCount).toBe(4);
    const first = ws.getRow(2);
    expect(first.getCell(col('Rubrik')).value).toBe('Fel dos till brukare på Solgården');
    expect(first.getCell(col('Läge')).value).toBe('Försenad');
    expect(first.getCell(col('Nästa förfallodatum')).value).toEqual(new Date(Date.UTC(2026, 10, 15)));
    expect((first.getCell(1).fill as { fgColor?: { argb?: string } }).fgColor?.argb).toBe('FFFDECEC');
    expect(ws.getRow(3).getCell(col('Läge')).value).toBe('Inom 14 dagar');
    const actions = wb.getWorksheet('Åtgärder')!;
    expect((actions.getRow(2).values as unknown[]).slice(1, 4)).toEqual(['AV-2026-001', 'Fel dos till brukare på Solgården', 'Dubbelkontroll av dosett']);
  });

  it('writes CSV that Swedish Excel opens (BOM, semicolons) and that imports back without mapping', async () => {
    const s = await withCases();
    const out = await s.call<DeliveredFile>('cases.export', { format: 'csv', lang: 'sv', query: { due: 'not_closed', sort: 'number' } });
    const bytes = Buffer.from(out.base64!, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').slice(1), { delimiter: ';', skipEmptyLines: true });
    expect(parsed.data[0]?.slice(0, 2)).toEqual(['Nr', 'Rubrik']);
    expect(parsed.data.slice(1).map((r) => r[1])).toEqual(['Fel dos till brukare på Solgården', 'Klagomål på trappstädning', 'Låg svarsfrekvens i enkäten']);

    const back = await s.call<ImportPreview>('cases.importPreview', { fileName: out.fileName, base64: out.base64! });
    expect(back.missingRequired).toEqual([]);
    const header = parsed.data[0]!;
    expect(back.mapping).toMatchObject({
      reference: header.indexOf('Nr'), title: header.indexOf('Rubrik'), unit: header.indexOf('Enhet'), status: header.indexOf('Status'),
      dueDate: header.indexOf('Klart senast'), detectedOn: header.indexOf('Upptäckt'),
    });
    // Derived columns are never taken for data.
    expect(Object.values(back.mapping)).not.toContain(header.indexOf('Läge'));
    expect(Object.values(back.mapping)).not.toContain(header.indexOf('Åtgärder klara'));
    expect(back.errors.flatMap((e) => e.issues.map((i) => i.message))).toContain('already_imported');
  });

  it('writes a PDF for management with the selection, totals, page numbers and Swedish letters', async () => {
    const s = await withCases();
    const out = await s.call<DeliveredFile>('cases.export', { format: 'pdf', lang: 'sv', query: { due: 'overdue_or_soon' } });
    const pdf = Buffer.from(out.base64!, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    if (!fs.existsSync('/usr/bin/pdftotext')) {
      console.warn('pdftotext missing (apt-get install poppler-utils): checked the PDF header only');
      return;
    }
    const file = path.join(s.dir, 'register.pdf');
    fs.writeFileSync(file, pdf);
    const text = spawnSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain('Åtgärdsregister');
    expect(text).toContain('Sjöviks kommunkoncern');
    expect(text).toContain('Urval: Förfallodatum: Försenade eller inom 14 dagar');
    expect(text).toContain('2 ärenden · 1 försenade · 1 förfaller inom 14 dagar');
    expect(text).toContain('Fel dos till brukare på Solgården');
    expect(text).toContain('Försenad');
    expect(text).toContain('Sida 1 av 1');
    expect(text).not.toContain('Låg svarsfrekvens');

    const en = await s.call<DeliveredFile>('cases.export', { format: 'pdf', lang: 'en', query: {} });
    fs.writeFileSync(file, Buffer.from(en.base64!, 'base64'));
    const enText = spawnSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    expect(en.fileName).toBe('corrective-action-register-2026-11-24.pdf');
    expect(enText).toContain('Corrective action register');
    expect(enText).toContain('Page 1 of 1');
  });

  it('lays out a long register over several numbered pages', async () => {
    const s = await setup();
    for (let i = 1; i <= 60; i++) {
      await s.call('cases.create', { title: `Avvikelse nummer ${i} i hemtjänsten`, source: 'self_detected', severity: 'minor', unitId: s.care.id, detectedOn: '2026-10-01' });
    }
    const out = await s.call<DeliveredFile>('cases.export', { format: 'pdf', lang: 'sv', query: {} });
    if (!fs.existsSync('/usr/bin/pdftotext')) {
      console.warn('pdftotext missing (apt-get install poppler-utils): page count not checked');
      return;
    }
    const file = path.join(s.dir, 'long.pdf');
    fs.writeFileSync(file, Buffer.from(out.base64!, 'base64'));
    const text = spawnSync('/usr/bin/pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).stdout;
    const pages = Number(/Sida 1 av (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Sida ${pages} av ${pages}`);
    expect(text).toContain('Avvikelse nummer 60 i hemtjänsten');
    // The table header is repeated on every page.
    expect(text.split('Rubrik').length - 1).toBe(pages);
  });
});
