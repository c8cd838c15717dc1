import type { Worksheet } from 'exceljs';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { Lang } from '../../../../shared/domain/common';
import { actionDueState, type CaseListQuery, type DueState } from '../../../../shared/domain/cases';
import { fill } from '../../../../shared/i18n/fill';
import type { ServiceContext } from '../../core/context';
import { loadExcelJs } from './exceljs';
import { getSetting } from '../../core/settings';
import { listActions, today } from './service';
import { queryRegister, type Enriched } from './register';
import { labelsFor, type Labels } from './labels';
import { safeCell } from '../../exports/formula-safety';

/**
 * The register for people outside the app: XLSX and CSV for further work (written by exceljs and
 * papaparse, never by hand), PDF for management. Every export shows the filters and order the
 * person chose, and timeliness as of today.
 */

const COLUMNS = [
  'number', 'title', 'description', 'source', 'sourceReference', 'severity', 'finding', 'unit', 'process', 'clauses', 'owner',
  'status', 'detectedOn', 'dueDate', 'nextDue', 'dueState', 'actions', 'correction', 'rootCause', 'closedOn',
] as const;
type Column = (typeof COLUMNS)[number];
const DATE_COLUMNS = new Set<Column>(['detectedOn', 'dueDate', 'nextDue', 'closedOn']);

/** Every text cell as the reader's spreadsheet will see it: never a formula (safeCell). */
function cellValues(e: Enriched, L: Labels): Record<Column, string> {
  const c = e.item;
  const values: Record<Column, string> = {
    number: c.number, title: c.title, description: e.description, source: L.source[c.source], sourceReference: e.sourceReference,
    severity: L.severity[c.severity], finding: c.findingNumber ?? '', unit: e.unitName, process: e.processName,
    clauses: c.clauseNumbers.join(', '), owner: e.ownerName, status: L.status[c.status], detectedOn: c.detectedOn,
    dueDate: c.dueDate ?? '', nextDue: c.nextDue ?? '', dueState: L.dueState[c.dueState],
    actions: c.actionCount ? `${c.actionCount - c.openActionCount}/${c.actionCount}` : '', correction: e.correction,
    rootCause: e.rootCause, closedOn: c.closedOn ?? '',
  };
  return Object.fromEntries(COLUMNS.map((k) => [k, safeCell(values[k])])) as Record<Column, string>;
}

// ---- what the selection was ------------------------------------------------------------------------

/** "Status: Öppen, Återöppnad; Enhet: Äldreomsorgen" — printed with the export so the reader knows what is left out. */
export function describeSelection(ctx: ServiceContext, q: CaseListQuery, L: Labels): string {
  const name = (table: string, id: string | null) =>
    id ? ((ctx.db.prepare(`SELECT name FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined) ?? '') : '';
  const parts: string[] = [];
  if (q.statuses.length) parts.push(`${L.filters.status}: ${q.statuses.map((s) => L.status[s]).join(', ')}`);
  if (q.unitId) parts.push(`${L.filters.unit}: ${name('units', q.unitId)}`);
  if (q.processId) parts.push(`${L.filters.process}: ${name('processes', q.processId)}`);
  if (q.source) parts.push(`${L.filters.source}: ${L.source[q.source]}`);
  if (q.clause) parts.push(`${L.filters.clause}: ${q.clause}`);
  if (q.ownerId) parts.push(`${L.filters.owner}: ${name('people', q.ownerId)}`);
  if (q.due !== 'all') parts.push(`${L.filters.due}: ${L.filters.dueOptions[q.due]}`);
  if (q.search) parts.push(fill(L.export.search, { search: q.search }));
  return parts.length ? parts.join('; ') : L.export.all;
}

// ---- XLSX --------------------------------------------------------------------------------------------

const WIDTHS: Partial<Record<Column, number>> = {
  number: 13, title: 42, description: 50, source: 22, sourceReference: 16, severity: 18, finding: 17, unit: 28, process: 28,
  clauses: 12, owner: 20, status: 16, detectedOn: 12, dueDate: 12, nextDue: 14, dueState: 14, actions: 10, correction: 40,
  rootCause: 40, closedOn: 12,
};
const FILL: Partial<Record<DueState, string>> = { overdue: 'FFFDECEC', due_soon: 'FFFFF4E0' };
const HEADER_FILL = 'FF116E7E';

/** Dates as real Excel dates, so the register sorts and filters by date in Excel too. */
const asDate = (day: string) => (day ? new Date(`${day}T00:00:00Z`) : null);

function styleHeader(ws: Worksheet, columns: number): void {
  const header = ws.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  header.alignment = { vertical: 'middle' };
  header.height = 20;
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns } };
}

async function registerXlsx(ctx: ServiceContext, rows: Enriched[], L: Labels): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  wb.creator = 'Granska';
  wb.created = ctx.now();
  wb.title = L.export.title;
  const ws = wb.addWorksheet(L.export.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = COLUMNS.map((c) => ({
    header: L.columns[c], key: c, width: WIDTHS[c] ?? 14, ...(DATE_COLUMNS.has(c) ? { style: { numFmt: 'yyyy-mm-dd' } } : {}),
  }));
  for (const e of rows) {
    const values = cellValues(e, L);
    const row = ws.addRow(Object.fromEntries(COLUMNS.map((c) => [c, DATE_COLUMNS.has(c) ? asDate(values[c]) : values[c]])));
    const colour = FILL[e.item.dueState];
    if (colour) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour } };
    row.alignment = { vertical: 'top', wrapText: false };
  }
  styleHeader(ws, COLUMNS.length);

  // The actions, one per row, so an owner's list can be filtered out in Excel.
  const day = today(ctx);
  const wa = wb.addWorksheet(L.export.actionsSheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  const A = L.actionColumns;
  wa.columns = [
    { header: A.case, key: 'case', width: 13 },
    { header: A.caseTitle, key: 'caseTitle', width: 36 },
    { header: A.description, key: 'description', width: 50 },
    { header: A.owner, key: 'owner', width: 20 },
    { header: A.dueDate, key: 'dueDate', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: A.doneOn, key: 'doneOn', width: 12, style: { numFmt: 'yyyy-mm-dd' } },
    { header: A.dueState, key: 'dueState', width: 14 },
  ];
  const personName = ctx.db.prepare('SELECT name FROM people WHERE id = ?').pluck();
  for (const e of rows) {
    for (const a of listActions(ctx, e.item.id)) {
      const state = actionDueState(a, day);
      const row = wa.addRow({
        case: safeCell(e.item.number), caseTitle: safeCell(e.item.title), description: safeCell(a.description),
        owner: safeCell((personName.get(a.ownerId) as string | undefined) ?? ''),
        dueDate: asDate(a.dueDate), doneOn: a.doneOn ? asDate(a.doneOn) : null, dueState: a.doneOn ? fill(L.actions.doneOn, { date: a.doneOn }) : L.dueState[state],
      });
      const colour = FILL[state];
      if (colour) row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour } };
    }
  }
  styleHeader(wa, 7);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---- CSV ---------------------------------------------------------------------------------------------

/**
 * Swedish Excel expects semicolons (the comma is the decimal sign); the byte-order mark makes Excel
 * read UTF-8, so å, ä and ö survive.
 */
async function registerCsv(rows: Enriched[], L: Labels, lang: Lang): Promise<Buffer> {
  const { default: Papa } = await import('papaparse');
  const text = Papa.unparse(
    { fields: COLUMNS.map((c) => L.columns[c]), data: rows.map((e) => COLUMNS.map((c) => cellValues(e, L)[c])) },
    { delimiter: lang === 'sv' ? ';' : ',', newline: '\r\n', quotes: false },
  );
  return Buffer.from(`\uFEFF${text}\r\n`, 'utf8');
}

// ---- the call ----------------------------------------------------------------------------------------

export interface RegisterFile {
  fileName: string;
  mime: string;
  data: Buffer;
}

const MIME = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  pdf: 'application/pdf',
} as const;

export async function exportRegister(ctx: ServiceContext, input: ParsedInputOf<'cases.export'>): Promise<RegisterFile> {
  const L = labelsFor(input.lang);
  const rows = queryRegister(ctx, input.query);
  const fileName = `${L.export.fileName}-${today(ctx)}.${input.format}`;
  let data: Buffer;
  if (input.format === 'xlsx') data = await registerXlsx(ctx, rows, L);
  else if (input.format === 'csv') data = await registerCsv(rows, L, input.lang);
  else {
    const { registerPdf } = await import('./pdf');
    data = await registerPdf({
      rows, L, lang: input.lang, today: today(ctx), now: ctx.now(),
      organisation: getSetting(ctx, 'organisationName') ?? '', selection: describeSelection(ctx, input.query, L),
    });
  }
  return { fileName, mime: MIME[input.format], data };
}
