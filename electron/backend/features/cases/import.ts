import crypto from 'node:crypto';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CellValue } from 'exceljs';
import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import {
  CASE_SEVERITIES,
  CASE_SOURCES,
  CASE_STATUSES,
  type CaseSeverity,
  type CaseSource,
  type CaseStatus,
} from '../../../../shared/domain/cases';
import {
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  PREVIEW_ROWS,
  lookupChoice,
  missingRequiredFields,
  normaliseLabel,
  parseClauseList,
  parseDayText,
  suggestMapping,
  type ImportColumn,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
  type ImportRowReport,
} from '../../../../shared/domain/case-import';
import sv from '../../../../shared/i18n/locales/sv/cases.json';
import en from '../../../../shared/i18n/locales/en/cases.json';
import { mutate, timestamp, type ServiceContext } from '../../core/context';
import { loadExcelJs } from './exceljs';
import { getCase, insertCase, knownClauseNumbers, today } from './service';
import { declaredUncompressedSize, readZipDirectory, ZipError } from '../../zip/zip-directory';
import { restoreCell } from '../../exports/formula-safety';

// ---- reading the file ------------------------------------------------------------------------------

interface Table {
  format: 'csv' | 'xlsx';
  sheetName: string | null;
  columns: ImportColumn[];
  rows: { line: number; cells: string[] }[];
}

const isZip = (b: Buffer) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    // A formula is taken as the text it is, never its cached result: the result is whatever the
    // file's author wrote there, and the formula itself is what a reader would otherwise run.
    if ('formula' in v && typeof v.formula === 'string') return `=${v.formula}`;
    if ('text' in v && typeof v.text === 'string') return v.text;
    return '';
  }
  return String(v);
}

/** What a register of at most MAX_IMPORT_ROWS rows unpacks to, with room to spare; more is a zip bomb. */
const MAX_XLSX_UNPACKED = 200 * 1024 * 1024;
/** A register has a few dozen columns; thousands are a file built to exhaust memory. */
const MAX_IMPORT_COLUMNS = 1000;
/** Blank lines a spreadsheet program leaves are harmless; millions of them are not a register. */
const MAX_BLANK_LINES = 10 * MAX_IMPORT_ROWS;

const tooManyRows = () => new AppError('invalid_input', { reason: 'too_many_rows', limit: MAX_IMPORT_ROWS });
const tooManyColumns = () => new AppError('invalid_input', { reason: 'too_many_columns', limit: MAX_IMPORT_COLUMNS });

/** The sizes the archive declares, checked before anything is inflated. */
function checkDeclaredSizes(data: Buffer): void {
  let entries;
  try {
    entries = readZipDirectory(data);
  } catch (err) {
    if (err instanceof ZipError && err.reason === 'too_large') throw new AppError('file_too_large', { reason: 'import_unpacked', limit: '200 MB' });
    throw new AppError('file_unreadable', { reason: 'import' });
  }
  if (declaredUncompressedSize(entries) > MAX_XLSX_UNPACKED) throw new AppError('file_too_large', { reason: 'import_unpacked', limit: '200 MB' });
}

/** The sheet's name from workbook.xml, which the streaming reader knows only by file number. */
function streamedSheetName(reader: unknown, sheet: { id: number | string; name: string }): string {
  const r = reader as { model?: { sheets?: { name: string; rId: string }[] }; workbookRels?: { Id: string; Target: string }[] };
  const rel = r.workbookRels?.find((x) => new RegExp(`(^|/)sheet${sheet.id}\\.xml$`).test(x.Target));
  return r.model?.sheets?.find((x) => x.rId === rel?.Id)?.name ?? sheet.name;
}

/**
 * Streams the workbook: rows are read one at a time from the first sheet that has any, and the
 * read stops at the row limit, so a small file that unpacks to millions of rows is refused after
 * a few thousand, in little memory.
 */
async function readXlsx(data: Buffer): Promise<Table> {
  checkDeclaredSizes(data);
  const ExcelJS = await loadExcelJs();
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([data]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache', // dates are numbers with a date format
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const sheet of reader) {
      const raw: { line: number; cells: string[] }[] = [];
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? (row.values as CellValue[]).slice(1) : [];
        if (values.length > MAX_IMPORT_COLUMNS) throw tooManyColumns();
        // A shared formula's value names only its master cell; the cell itself knows its own formula.
        const text = (v: CellValue, i: number) => (v && typeof v === 'object' && 'sharedFormula' in v ? `=${row.getCell(i + 1).formula}` : cellText(v));
        const cells = values.map((v, i) => restoreCell(text(v, i).trim()));
        if (!cells.some((c) => c !== '')) continue;
        raw.push({ line: row.number, cells });
        if (raw.length > MAX_IMPORT_ROWS + 1) throw tooManyRows(); // + 1: the header
      }
      if (raw.length) return toTable('xlsx', streamedSheetName(reader, sheet as unknown as { id: number; name: string }), raw);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('file_unreadable', { reason: 'import' });
  }
  throw new AppError('file_unreadable', { reason: 'import' });
}

/** Excel in Sweden often saves CSV as Windows-1252; UTF-8 is tried first because it can fail visibly. */
function decodeText(data: Buffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    text = new TextDecoder('windows-1252').decode(data);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * The most cells any record could have, for whichever of , ; or tab is the delimiter, counting
 * only separators outside quotes. One pass, no allocation: it lets a file that is one row of
 * millions of empty cells be refused before the parser builds that row.
 */
function widestRecord(text: string): number {
  let widest = 0;
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 0x2c) comma++;
    else if (c === 0x3b) semicolon++;
    else if (c === 0x09) tab++;
    else if (c === 0x0a) {
      widest = Math.max(widest, comma, semicolon, tab);
      comma = semicolon = tab = 0;
    }
  }
  return Math.max(widest, comma, semicolon, tab) + 1;
}

/**
 * Parses row by row and stops at the row limit, so a 10 MB file of millions of (blank) lines is
 * refused without holding them all. Blank lines count towards a looser limit of their own.
 */
async function readCsv(data: Buffer): Promise<Table> {
  if (data.includes(0)) throw new AppError('file_type_refused', { reason: 'import', type: 'binary' });
  const text = decodeText(data);
  if (widestRecord(text) > MAX_IMPORT_COLUMNS) throw tooManyColumns();
  const { default: Papa } = await import('papaparse');
  const raw: { line: number; cells: string[] }[] = [];
  let line = 0;
  let refusal: AppError | null = null;
  Papa.parse<string[]>(text, {
    skipEmptyLines: false,
    // In chunks: the delimiter and line ending are guessed from the first chunk, not the whole text.
    chunkSize: 64 * 1024,
    step: (result, parser) => {
      // Lines as a person counts records: the header is line 1, blank lines keep their number.
      line += 1;
      const cells = result.data;
      if (cells.length > MAX_IMPORT_COLUMNS) refusal = tooManyColumns();
      else if (cells.some((c) => (c ?? '').trim() !== '')) {
        raw.push({ line, cells: cells.map((c) => restoreCell((c ?? '').trim())) });
        if (raw.length > MAX_IMPORT_ROWS + 1) refusal = tooManyRows(); // + 1: the header
      } else if (line - raw.length > MAX_BLANK_LINES) refusal = tooManyRows();
      if (refusal) parser.abort();
    },
  });
  if (refusal) throw refusal;
  return toTable('csv', null, raw);
}

function toTable(format: Table['format'], sheetName: string | null, raw: { line: number; cells: string[] }[]): Table {
  const nonEmpty = raw.filter((r) => r.cells.some((c) => c !== ''));
  const [header, ...rows] = nonEmpty;
  if (!header) throw new AppError('file_unreadable', { reason: 'import' });
  if (rows.length > MAX_IMPORT_ROWS) throw tooManyRows();
  return { format, sheetName, columns: header.cells.map((name, index) => ({ index, name })).filter((c) => c.name !== ''), rows };
}

export async function readImportFile(fileName: string, base64: string): Promise<{ table: Table; sha256: string }> {
  const data = Buffer.from(base64, 'base64');
  if (data.length > MAX_IMPORT_BYTES) throw new AppError('file_too_large', { reason: 'import', limit: '10 MB' });
  const ext = path.extname(fileName).toLowerCase();
  const sha256 = crypto.createHash('sha256').update(data).digest('hex');
  if (isZip(data)) return { table: await readXlsx(data), sha256 };
  if (['.csv', '.txt', '.tsv', ''].includes(ext)) return { table: await readCsv(data), sha256 };
  throw new AppError('file_type_refused', { reason: 'import', type: ext || 'unknown' });
}

// ---- vocabulary: what people write in headers and cells ---------------------------------------------

/** Export column → import field: a register exported from Granska maps itself on import. */
const EXPORT_TO_FIELD: Partial<Record<keyof typeof sv.columns, ImportField>> = {
  number: 'reference', title: 'title', description: 'description', source: 'source', severity: 'severity', unit: 'unit',
  process: 'process', clauses: 'clauses', owner: 'owner', status: 'status', detectedOn: 'detectedOn', dueDate: 'dueDate',
  correction: 'correction', rootCause: 'rootCause', closedOn: 'closedOn',
};
/** Export columns that say something derived (today's timeliness, counts): never imported. */
const NOT_IMPORTED: (keyof typeof sv.columns)[] = ['finding', 'audit', 'nextDue', 'dueState', 'actions', 'sourceReference'];

const HEADER_WORDS: Record<ImportField, string[]> = {
  reference: ['nummer', 'ärendenummer', 'avvikelsenummer', 'löpnummer', 'löpnr', 'ärendenr', 'avvikelsenr', 'diarienummer', 'dnr', 'id', 'nr', 'referens', 'reference', 'ref', 'number', 'case number'],
  title: ['rubrik', 'titel', 'ärende', 'avvikelse', 'kort beskrivning', 'title', 'summary', 'subject', 'nonconformity'],
  description: ['beskrivning', 'händelsebeskrivning', 'vad hände', 'detaljer', 'description', 'details'],
  source: ['källa', 'ursprung', 'ärendetyp', 'kategori', 'typ', 'source', 'origin', 'type'],
  severity: ['allvarlighetsgrad', 'allvarlighet', 'klassning', 'grad', 'severity', 'grade', 'classification'],
  unit: ['enhet', 'förvaltning', 'verksamhet', 'avdelning', 'bolag', 'unit', 'department'],
  process: ['process', 'verksamhetsprocess'],
  clauses: ['krav', 'standardkrav', 'kravavsnitt', 'iso-krav', 'klausul', 'avsnitt', 'clause', 'clauses', 'requirement'],
  owner: ['ansvarig', 'ärendeansvarig', 'handläggare', 'ägare', 'owner', 'responsible', 'assigned to'],
  detectedOn: ['upptäckt', 'upptäcktsdatum', 'datum', 'registrerad', 'inkommen', 'rapporterad', 'date', 'detected', 'reported', 'registered'],
  dueDate: ['klart senast', 'förfallodatum', 'deadline', 'slutdatum', 'senast', 'due', 'due date', 'target date'],
  status: ['status', 'state'],
  correction: ['korrigering', 'omedelbar åtgärd', 'akut åtgärd', 'correction', 'immediate action'],
  rootCause: ['grundorsak', 'rotorsak', 'orsak', 'orsaksanalys', 'root cause', 'cause'],
  action: ['åtgärd', 'korrigerande åtgärd', 'planerad åtgärd', 'corrective action', 'action'],
  actionOwner: ['åtgärdsansvarig', 'ansvarig för åtgärd', 'action owner'],
  actionDue: ['åtgärd klar senast', 'åtgärdsdatum', 'action due', 'action due date'],
  closedOn: ['stängd den', 'stängd', 'avslutad', 'stängningsdatum', 'klar datum', 'closed', 'closed on', 'completed'],
};

function headerSynonyms(): { synonyms: Record<ImportField, string[]>; ignore: string[] } {
  const synonyms = Object.fromEntries(IMPORT_FIELDS.map((f) => [f, [] as string[]])) as Record<ImportField, string[]>;
  for (const [col, field] of Object.entries(EXPORT_TO_FIELD) as [keyof typeof sv.columns, ImportField][]) {
    synonyms[field].push(sv.columns[col], en.columns[col]);
  }
  for (const f of IMPORT_FIELDS) synonyms[f].push(sv.import.fields[f], en.import.fields[f], ...HEADER_WORDS[f]);
  return { synonyms, ignore: NOT_IMPORTED.flatMap((c) => [sv.columns[c], en.columns[c]]) };
}

function vocabulary<T extends string>(keys: readonly T[], labels: Record<T, string>[], extra: Record<string, T>): Map<string, T> {
  const map = new Map<string, T>();
  for (const k of keys) {
    map.set(normaliseLabel(k), k);
    for (const l of labels) map.set(normaliseLabel(l[k]), k);
  }
  for (const [word, k] of Object.entries(extra)) map.set(normaliseLabel(word), k);
  return map;
}

const SOURCES = vocabulary<CaseSource>(CASE_SOURCES, [sv.source, en.source], {
  internrevision: 'internal_audit', 'intern revision': 'internal_audit', revision: 'internal_audit',
  'extern revision': 'external_audit', certifieringsrevision: 'external_audit', 'certification audit': 'external_audit',
  klagomål: 'complaint', synpunkt: 'complaint', synpunkter: 'complaint', kundklagomål: 'complaint', feedback: 'complaint', complaint: 'complaint',
  incident: 'incident', händelse: 'incident', tillbud: 'incident', olycka: 'incident', 'near miss': 'incident',
  enkät: 'survey', brukarundersökning: 'survey', kundundersökning: 'survey', medborgarundersökning: 'survey', survey: 'survey',
  'egen upptäckt': 'self_detected', egenkontroll: 'self_detected', 'eget arbete': 'self_detected', 'self detected': 'self_detected',
});
const STATUSES = vocabulary<CaseStatus>(CASE_STATUSES, [sv.status, en.status], {
  ny: 'open', öppen: 'open', 'ej påbörjad': 'open', new: 'open',
  planerad: 'action_planned', pågår: 'action_planned', pågående: 'action_planned', 'in progress': 'action_planned', planned: 'action_planned',
  åtgärdad: 'implemented', genomförd: 'implemented', 'väntar på verifiering': 'implemented',
  stängd: 'closed', avslutad: 'closed', avslutat: 'closed', verifierad: 'closed', 'verifierad effektiv': 'closed', done: 'closed',
  återöppnad: 'reopened', 'ej effektiv': 'reopened', 'inte effektiv': 'reopened', 'not effective': 'reopened',
});
const SEVERITIES = vocabulary<CaseSeverity>(CASE_SEVERITIES, [sv.severity, en.severity], {
  större: 'major', allvarlig: 'major', hög: 'major', major: 'major',
  mindre: 'minor', lindrig: 'minor', låg: 'minor', minor: 'minor',
});

// ---- checking rows -----------------------------------------------------------------------------------

interface Lookups {
  units: Map<string, string[]>;
  processes: Map<string, string[]>;
  people: Map<string, string[]>;
  clauses: Set<string>;
  existingRefs: Set<string>;
  today: string;
}

function addTo(map: Map<string, string[]>, key: string, id: string): void {
  const k = normaliseLabel(key);
  if (!k) return;
  const list = map.get(k) ?? [];
  if (!list.includes(id)) list.push(id);
  map.set(k, list);
}

function loadLookups(ctx: ServiceContext): Lookups {
  const units = new Map<string, string[]>();
  for (const u of ctx.db.prepare('SELECT id, name, code FROM units').all() as { id: string; name: string; code: string }[]) {
    addTo(units, u.name, u.id);
    addTo(units, u.code, u.id);
  }
  const processes = new Map<string, string[]>();
  for (const p of ctx.db.prepare('SELECT id, name FROM processes').all() as { id: string; name: string }[]) addTo(processes, p.name, p.id);
  const people = new Map<string, string[]>();
  for (const p of ctx.db.prepare('SELECT id, name, email FROM people').all() as { id: string; name: string; email: string }[]) {
    addTo(people, p.name, p.id);
    addTo(people, p.email, p.id);
  }
  const existingRefs = new Set<string>();
  for (const r of ctx.db.prepare('SELECT number, source_reference FROM cases').all() as { number: string; source_reference: string }[]) {
    existingRefs.add(normaliseLabel(r.number));
    if (r.source_reference) existingRefs.add(normaliseLabel(r.source_reference));
  }
  return { units, processes, people, clauses: knownClauseNumbers(), existingRefs, today: today(ctx) };
}

export interface ImportedCase {
  line: number;
  fields: ParsedInputOf<'cases.create'>;
  status: CaseStatus;
  closedOn: string | null;
  correction: string;
  rootCause: string;
  action: { description: string; ownerId: string; dueDate: string; doneOn: string | null } | null;
}

const LIMITS: Partial<Record<ImportField, number>> = {
  reference: 120, title: 200, description: 4000, correction: 4000, rootCause: 4000, action: 2000,
};

function checkRow(line: number, cells: string[], mapping: ImportMapping, lk: Lookups, seenRefs: Set<string>): { report: ImportRowReport; valid: ImportedCase | null } {
  const values: Partial<Record<ImportField, string>> = {};
  for (const f of IMPORT_FIELDS) {
    const col = mapping[f];
    if (col !== undefined && col !== null) values[f] = cells[col] ?? '';
  }
  const issues: ImportIssue[] = [];
  const v = (f: ImportField) => values[f] ?? '';
  const issue = (field: ImportField, message: ImportIssue['message'], value?: string) =>
    issues.push(value === undefined ? { field, message } : { field, message, value });

  for (const [f, max] of Object.entries(LIMITS) as [ImportField, number][]) if (v(f).length > max) issue(f, 'too_long');
  if (!v('title')) issue('title', 'required');

  const source = v('source') ? lookupChoice(v('source'), SOURCES) : null;
  if (!v('source')) issue('source', 'required');
  else if (!source) issue('source', 'unknown_source', v('source'));

  const severity = v('severity') ? lookupChoice(v('severity'), SEVERITIES) : 'minor';
  if (!severity) issue('severity', 'unknown_severity', v('severity'));

  const statusGiven = v('status') ? lookupChoice(v('status'), STATUSES) : 'open';
  if (!statusGiven) issue('status', 'unknown_status', v('status'));

  const one = (field: ImportField, map: Map<string, string[]>, unknown: ImportIssue['message'], ambiguous: ImportIssue['message']) => {
    const text = v(field);
    if (!text) return null;
    const ids = map.get(normaliseLabel(text)) ?? [];
    if (ids.length === 1) return ids[0] ?? null;
    issue(field, ids.length ? ambiguous : unknown, text);
    return null;
  };
  const unitId = one('unit', lk.units, 'unknown_unit', 'ambiguous_unit');
  if (!v('unit')) issue('unit', 'required');
  const processId = one('process', lk.processes, 'unknown_process', 'unknown_process');
  const ownerId = one('owner', lk.people, 'unknown_person', 'ambiguous_person');
  const actionOwnerId = one('actionOwner', lk.people, 'unknown_person', 'ambiguous_person');

  const clauses = parseClauseList(v('clauses'));
  for (const c of clauses) if (!lk.clauses.has(c)) issue('clauses', 'unknown_clause', c);

  const day = (field: ImportField, notFuture: boolean) => {
    const text = v(field);
    if (!text) return null;
    const d = parseDayText(text);
    if (!d) issue(field, 'bad_date', text);
    else if (notFuture && d > lk.today) issue(field, 'future_date', text);
    return d;
  };
  const detectedOn = day('detectedOn', true);
  if (!v('detectedOn')) issue('detectedOn', 'required');
  const dueDate = day('dueDate', false);
  if (detectedOn && dueDate && dueDate < detectedOn) issue('dueDate', 'due_before_detected');
  const actionDue = day('actionDue', false);
  const closedOn = day('closedOn', true);

  const ref = v('reference');
  if (ref) {
    const key = normaliseLabel(ref);
    if (lk.existingRefs.has(key)) issue('reference', 'already_imported', ref);
    else if (seenRefs.has(key)) issue('reference', 'duplicate_reference', ref);
    seenRefs.add(key);
  }

  const actionText = v('action');
  const actionOwner = actionOwnerId ?? ownerId;
  // An action already done needs no plan date of its own: the day it was done stands in.
  const actionDone = statusGiven === 'implemented' || statusGiven === 'closed';
  const actionDay = actionDue ?? dueDate ?? (actionDone ? closedOn : null);
  const hasAction = actionText !== '' && actionOwner !== null && actionDay !== null;
  if ((statusGiven === 'action_planned' || statusGiven === 'implemented') && !hasAction) issue('status', 'action_needed', v('status'));

  const report: ImportRowReport = { line, values, issues };
  if (issues.length || !source || !severity || !statusGiven || !unitId || !detectedOn) return { report, valid: null };

  // An action in an "open" or "reopened" row is a plan; in an implemented or closed row it is done.
  const status: CaseStatus = hasAction && (statusGiven === 'open' || statusGiven === 'reopened') ? 'action_planned' : statusGiven;
  return {
    report,
    valid: {
      line,
      fields: {
        title: v('title'), description: v('description'), source, sourceReference: ref, severity, unitId, processId,
        clauseNumbers: clauses, ownerId, detectedOn, dueDate,
      },
      status,
      closedOn: status === 'closed' ? closedOn : null,
      correction: v('correction'),
      rootCause: v('rootCause'),
      action: hasAction
        ? { description: actionText, ownerId: actionOwner, dueDate: actionDay, doneOn: actionDone ? closedOn ?? lk.today : null }
        : null,
    },
  };
}

interface Checked {
  table: Table;
  sha256: string;
  mapping: ImportMapping;
  missing: ImportField[];
  reports: ImportRowReport[];
  valid: ImportedCase[];
}

function sanitiseMapping(mapping: ImportMapping, columns: ImportColumn[]): ImportMapping {
  const indexes = new Set(columns.map((c) => c.index));
  const out: ImportMapping = {};
  for (const f of IMPORT_FIELDS) {
    const col = mapping[f];
    if (col !== undefined && col !== null && indexes.has(col)) out[f] = col;
  }
  return out;
}

async function check(ctx: ServiceContext, fileName: string, base64: string, given: ImportMapping | null): Promise<Checked> {
  const { table, sha256 } = await readImportFile(fileName, base64);
  const { synonyms, ignore } = headerSynonyms();
  const ignored = new Set(ignore.map(normaliseLabel));
  const mapping = sanitiseMapping(
    given ?? suggestMapping(table.columns.filter((c) => !ignored.has(normaliseLabel(c.name))), synonyms),
    table.columns,
  );
  const missing = missingRequiredFields(mapping);
  const lookups = loadLookups(ctx);
  const seen = new Set<string>();
  const reports: ImportRowReport[] = [];
  const valid: ImportedCase[] = [];
  for (const row of table.rows) {
    const r = checkRow(row.line, row.cells, mapping, lookups, seen);
    reports.push(r.report);
    if (r.valid && !missing.length) valid.push(r.valid);
  }
  return { table, sha256, mapping, missing, reports, valid };
}

/** Reads and checks the file; saves nothing. */
export async function previewImport(ctx: ServiceContext, input: ParsedInputOf<'cases.importPreview'>): Promise<ImportPreview> {
  const c = await check(ctx, input.fileName, input.base64, input.mapping);
  return {
    format: c.table.format,
    sheetName: c.table.sheetName,
    columns: c.table.columns,
    mapping: c.mapping,
    missingRequired: c.missing,
    totalRows: c.table.rows.length,
    validRows: c.valid.length,
    preview: c.reports.slice(0, PREVIEW_ROWS),
    errors: c.reports.filter((r) => r.issues.length),
  };
}

/**
 * Imports the valid rows in one transaction, each case with an "import" row in the audit trail,
 * plus one row for the import itself (file, its SHA-256, what was skipped and why).
 */
export async function commitImport(ctx: ServiceContext, input: ParsedInputOf<'cases.importCommit'>): Promise<ImportResult> {
  const c = await check(ctx, input.fileName, input.base64, input.mapping);
  if (c.missing.length) throw new AppError('invalid_input', { reason: 'unmapped', fields: c.missing });
  if (!c.valid.length) throw new AppError('invalid_input', { reason: 'nothing_to_import' });
  if (c.valid.length !== input.acceptedRowCount) {
    throw new AppError('conflict', { reason: 'import_changed', expected: input.acceptedRowCount, actual: c.valid.length });
  }
  const skipped = c.reports.filter((r) => r.issues.length);
  return mutate(ctx, (trail) => {
    const numbers: string[] = [];
    for (const row of c.valid) {
      const id = insertCase(ctx, {
        fields: row.fields, status: row.status, closedOn: row.closedOn,
        analysis: { correction: row.correction, rootCause: row.rootCause },
      });
      if (row.action) {
        const now = timestamp(ctx);
        ctx.db
          .prepare(
            `INSERT INTO case_actions (id, case_id, position, description, owner_person_id, due_date, done_on, created_at, updated_at)
             VALUES (?,?,?,?,?,?,?,?,?)`,
          )
          .run(ctx.newId(), id, 1, row.action.description, row.action.ownerId, row.action.dueDate, row.action.doneOn, now, now);
      }
      const created = getCase(ctx, id);
      numbers.push(created.number);
      trail({ entity: 'case', entityId: id, action: 'import', after: { ...created, importedFrom: { fileName: input.fileName, line: row.line } } });
    }
    trail({
      entity: 'case_import',
      entityId: ctx.newId(),
      action: 'import',
      after: { fileName: input.fileName, sha256: c.sha256, rows: c.table.rows.length, imported: numbers, skipped },
    });
    return { imported: numbers.length, numbers, skipped };
  });
}
