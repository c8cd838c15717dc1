import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { caseListQuery, type CaseSource, type CaseStatus, type DueState } from '../../../shared/domain/cases';
import type { ImportRowReport } from '../../../shared/domain/case-import';
import en from '../../../renderer/src/i18n/locales/en/cases.json';
import type { ServiceContext } from '../../backend/services/context';
import { queryRegister } from '../../backend/services/cases-register';
import { exportRegister } from '../../backend/services/cases-export';
import { commitImport, previewImport } from '../../backend/services/cases-import';
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

export function registerActions(program: Command): void {
  program
    .command('actions')
    .description('List corrective-action cases: number, source, finding, status, owner, due date and whether overdue.')
    .requiredOption('--db <file>', 'database file')
    .option('--overdue', 'only overdue cases (the list for management)')
    .option('--open', 'only cases that are not closed')
    .option('--json', 'print JSON')
    .option('--export <file>', 'write the register to FILE (.xlsx, .csv or .pdf), with the same selection')
    .option('--lang <lang>', 'language of an export: sv or en', 'sv')
    .option('--import <file>', 'check a deviation register (.csv or .xlsx) and print its validation report')
    .option('--commit', 'with --import: import the valid rows (rows with errors are skipped)')
    .action(async (opts: { db: string; overdue?: boolean; open?: boolean; json?: boolean; export?: string; lang: string; import?: string; commit?: boolean }) => {
      const backend = openCliBackend(opts.db);
      try {
        const ctx = backend.ctx();
        if (opts.import) {
          const input = { fileName: path.basename(opts.import), base64: fs.readFileSync(opts.import).toString('base64') };
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
          return;
        }
        if (opts.export) {
          const format = FORMATS[path.extname(opts.export).toLowerCase() as keyof typeof FORMATS];
          if (!format) throw new AppError('file_type_refused', { type: path.extname(opts.export) || opts.export });
          const lang = opts.lang === 'en' ? 'en' : 'sv';
          const query = caseListQuery.parse({ due: opts.overdue ? 'overdue' : opts.open ? 'not_closed' : 'all' });
          const file = await exportRegister(ctx, { format, lang, query });
          fs.writeFileSync(opts.export, file.data);
          process.stdout.write(`Wrote ${opts.export}.\n`);
          return;
        }
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
    });
}
