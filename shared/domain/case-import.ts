import { z } from 'zod';

/**
 * Importing an existing deviation register (CSV or XLSX). The person maps the file's columns to
 * these fields, sees a preview and a validation report, and accepts. Policy: rows with errors are
 * listed with their reasons and skipped; the valid rows are imported together in one transaction,
 * and only when the person accepts exactly the number of valid rows the preview showed (so a file
 * changed in between imports nothing).
 */
export const IMPORT_FIELDS = [
  'reference',
  'title',
  'description',
  'source',
  'severity',
  'unit',
  'process',
  'clauses',
  'owner',
  'detectedOn',
  'dueDate',
  'status',
  'correction',
  'rootCause',
  'action',
  'actionOwner',
  'actionDue',
  'closedOn',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const REQUIRED_IMPORT_FIELDS: readonly ImportField[] = ['title', 'source', 'unit', 'detectedOn'];

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 5000;
/** Rows shown in the preview table; the validation report lists every row with an error. */
export const PREVIEW_ROWS = 50;

export const IMPORT_ISSUES = [
  'required',
  'too_long',
  'unknown_source',
  'unknown_status',
  'unknown_severity',
  'unknown_unit',
  'ambiguous_unit',
  'unknown_process',
  'unknown_person',
  'ambiguous_person',
  'unknown_clause',
  'bad_date',
  'future_date',
  'due_before_detected',
  'action_needed',
  'duplicate_reference',
  'already_imported',
] as const;
export type ImportIssueKey = (typeof IMPORT_ISSUES)[number];

export interface ImportIssue {
  field: ImportField;
  message: ImportIssueKey;
  value?: string;
}

export interface ImportColumn {
  index: number;
  name: string;
}

/** Field → index of the file's column; unmapped fields are absent or null. */
export type ImportMapping = Partial<Record<ImportField, number | null>>;

export interface ImportRowReport {
  /** The row as a spreadsheet program numbers it (the header is row 1 when it is the first row). */
  line: number;
  values: Partial<Record<ImportField, string>>;
  issues: ImportIssue[];
}

export interface ImportPreview {
  format: 'csv' | 'xlsx';
  sheetName: string | null;
  columns: ImportColumn[];
  mapping: ImportMapping;
  /** Required fields the mapping leaves out: nothing can be imported until they are mapped. */
  missingRequired: ImportField[];
  totalRows: number;
  validRows: number;
  /** The first rows, valid or not, as they will be read. */
  preview: ImportRowReport[];
  /** Every row with an error, with its reasons. */
  errors: ImportRowReport[];
}

export interface ImportResult {
  imported: number;
  numbers: string[];
  skipped: ImportRowReport[];
}

const importFile = z.object({
  fileName: z.string().trim().min(1, { message: 'required' }).max(255, { message: 'too_long' }),
  base64: z
    .string()
    .min(1, { message: 'required' })
    .max(Math.ceil(MAX_IMPORT_BYTES / 3) * 4 + 4, { message: 'too_long' }),
});

export const importMapping = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(1000).nullable());

export const importPreviewInput = importFile.extend({ mapping: importMapping.nullable().default(null) });
export const importCommitInput = importFile.extend({
  mapping: importMapping,
  /** How many rows the person saw as valid and accepted; anything else imports nothing. */
  acceptedRowCount: z.number().int().min(1),
});

// ---- reading values people write -----------------------------------------------------------------

/** Lower case, no accents' case differences, only letters and digits: "Klart senast:" → "klartsenast". */
export function normaliseLabel(s: string): string {
  return s
    .toLocaleLowerCase('sv')
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/**
 * Which column holds which field, judged from the header names: an exact name first (the app's
 * own export headers included), then a column whose name contains a known word, longest word first
 * so "Åtgärdsansvarig" is the action's owner and not the case's.
 */
export function suggestMapping(columns: ImportColumn[], synonyms: Record<ImportField, string[]>): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  const norm = columns.map((c) => ({ index: c.index, name: normaliseLabel(c.name) })).filter((c) => c.name);
  const words = IMPORT_FIELDS.flatMap((field) => synonyms[field].map((w) => ({ field, word: normaliseLabel(w) }))).filter((w) => w.word);

  for (const { field, word } of words) {
    if (mapping[field] !== undefined) continue;
    const hit = norm.find((c) => !used.has(c.index) && c.name === word);
    if (hit) {
      mapping[field] = hit.index;
      used.add(hit.index);
    }
  }
  for (const { field, word } of [...words].sort((a, b) => b.word.length - a.word.length)) {
    if (mapping[field] !== undefined || word.length < 4) continue;
    const hit = norm.find((c) => !used.has(c.index) && c.name.includes(word));
    if (hit) {
      mapping[field] = hit.index;
      used.add(hit.index);
    }
  }
  return mapping;
}

export function missingRequiredFields(mapping: ImportMapping): ImportField[] {
  return REQUIRED_IMPORT_FIELDS.filter((f) => mapping[f] === undefined || mapping[f] === null);
}

/** A date as registers hold it: 2026-03-05, 2026-03-05 14:10, 2026/3/5 or 20260305. */
export function parseDayText(text: string): string | null {
  const t = text.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(t);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const day = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(day) ? day : null;
}

/** Clause numbers in a cell: "7.2, 7.3", "ISO 9001:2015 8.5.1", "8.2.1; 8.2.2" (a standard's number is not a clause). */
export function parseClauseList(text: string): string[] {
  return [...new Set(text.match(/\d+(?:\.\d+)*/g) ?? [])].filter((n) => !/^\d{4,}$/.test(n));
}

/** Looks a written value up in a vocabulary of labels (both languages) and synonyms. */
export function lookupChoice<T extends string>(text: string, vocabulary: Map<string, T>): T | null {
  const key = normaliseLabel(text);
  return key ? vocabulary.get(key) ?? null : null;
}
