import fs from 'node:fs';
import path from 'node:path';
import { caseListQuery, type CaseSource, type CaseStatus, type DueState } from '../../../shared/domain/cases';
import type { ImportRowReport } from '../../../shared/domain/case-import';
import { AppError } from '../../../shared/errors';
import en from '../../../shared/i18n/locales/en/cases.json';
import type { ServiceContext } from '../../backend/core/context';
import { queryRegister } from '../../backend/features/cases';
import { fail } from '../exit';
import { printJson } from '../output';
import { openCliBackend } from '../session';

export interface ActionLine {
  number: string;
  title: string;
  source: CaseSource;
  findingNumber: string | null;
  status: CaseStatus;
  unit: string;
  owner: string | null;
  /** The next date the case answers to: its earliest open action, else its own due date. */
  dueDate: string | null;
  dueState: DueState;
  overdue: boolean;
}

export interface ActionsOptions {
  db: string;
  overdue?: boolean;
  open?: boolean;
  json?: boolean;
  export?: string;
  lang: string;
  import?: string;
  commit?: boolean;
}

/** The register as the terminal prints it, most urgent first; overdue judged on today's date. */
export function actionLines(ctx: ServiceContext, opts: { overdue?: boolean; open?: boolean } = {}): ActionLine[] {
  const q = caseListQuery.parse({ due: opts.overdue ? 'overdue' : opts.open ? 'not_closed' : 'all' });
  return queryRegister(ctx, q).map(({ item: c, unitName, ownerName }) => ({
    number: c.number, title: c.title, source: c.source, findingNumber: c.findingNumber, status: c.status, unit: unitName,
    owner: ownerName || null, dueDate: c.nextDue, dueState: c.dueState, overdue: c.dueState === 'overdue',
  }));
}

const FORMATS = { '.xlsx': 'xlsx', '.csv': 'csv', '.pdf': 'pdf' } as const;

function describeIssues(r: ImportRowReport): string {
  const fields = en.import.fields as Record<string, string>;
  const issues = en.import.issues as Record<string, string>;
  return r.issues
    .map((i) => (issues[i.message] ?? i.message).replace(/\{\{(\w+)\}\}/g, (_m, k: string) => (k === 'field' ? fields[i.field] ?? i.field : k === 'value' ? i.value ?? '' : '')))
    .join('; ');
}

function readInput(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new AppError('file_unreadable', { path: file });
  }
}

async function importRegister(ctx: ServiceContext, opts: ActionsOptions & { import: string }): Promise<void> {
  const { commitImport, previewImport } = await import('../../backend/features/cases/import');
  const input = { fileName: path.basename(opts.import), base64: readInput(opts.import).toString('base64') };
  const preview = await previewImport(ctx, { ...input, mapping: null });
  if (preview.missingRequired.length) {
    throw new AppError('invalid_input', { reason: 'unmapped', fields: preview.missingRequired });
  }
  const result = opts.commit && preview.validRows > 0
    ? await commitImport(ctx, { ...input, mapping: preview.mapping, acceptedRowCount: preview.validRows })
    : null;
  if (opts.json) {
    printJson({ totalRows: preview.totalRows, validRows: preview.validRows, errors: preview.errors, imported: result?.numbers ?? [] });
    return;
  }
  for (const r of preview.errors) process.stdout.write(`Row ${r.line}: ${describeIssues(r)}\n`);
  process.stdout.write(`${preview.validRows} of ${preview.totalRows} row(s) can be imported.\n`);
  if (result) process.stdout.write(`Imported ${result.imported} case(s): ${result.numbers.join(', ')}.\n`);
  else if (preview.validRows) process.stdout.write('Nothing imported; add --commit to import the valid rows.\n');
}

async function exportTo(ctx: ServiceContext, opts: ActionsOptions & { export: string }): Promise<void> {
  const format = FORMATS[path.extname(opts.export).toLowerCase() as keyof typeof FORMATS];
  if (!format) fail(`--export must end in .xlsx, .csv or .pdf (got ${opts.export}).`);
  const { exportRegister } = await import('../../backend/features/cases/export');
  const query = caseListQuery.parse({ due: opts.overdue ? 'overdue' : opts.open ? 'not_closed' : 'all' });
  const file = await exportRegister(ctx, { format, lang: opts.lang === 'en' ? 'en' : 'sv', query });
  fs.writeFileSync(opts.export, file.data);
  process.stdout.write(`Wrote ${opts.export}.\n`);
}

export async function runActions(opts: ActionsOptions): Promise<void> {
  if (opts.lang !== 'sv' && opts.lang !== 'en') fail('--lang must be sv or en.');
  if (opts.commit && !opts.import) fail('--commit only goes with --import FILE.');
  const backend = openCliBackend(opts.db);
  try {
    const ctx = backend.ctx();
    if (opts.import) return await importRegister(ctx, { ...opts, import: opts.import });
    if (opts.export) return await exportTo(ctx, { ...opts, export: opts.export });
    const lines = actionLines(ctx, opts);
    if (opts.json) {
      printJson(lines);
      return;
    }
    for (const l of lines) {
      const title = l.title.length > 50 ? `${l.title.slice(0, 49)}…` : l.title;
      process.stdout.write(
        `${l.number.padEnd(12)} ${l.status.padEnd(15)} ${(l.dueDate ?? '—').padEnd(10)} ${(l.overdue ? 'OVERDUE' : '').padEnd(7)} ${(l.owner ?? '—').padEnd(20)} ${title}\n`,
      );
    }
    process.stdout.write(`${lines.length} case(s), ${lines.filter((l) => l.overdue).length} overdue.\n`);
  } finally {
    backend.close();
  }
}
