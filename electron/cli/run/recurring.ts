import { recurrenceInput, type RecurrencePreview, type RecurrenceResult } from '../../../shared/domain/recurring';
import { AppError } from '../../../shared/errors';
import { createRecurrence, previewRecurrence } from '../../backend/features/audits';
import { zodIssues } from '../../backend/router';
import { fail } from '../exit';
import { printJson } from '../output';
import { openCliBackend } from '../session';

export interface RecurringOptions {
  db: string;
  process?: string;
  unit?: string;
  every: string;
  months?: boolean;
  from: string;
  lead: string;
  commit?: boolean;
  json?: boolean;
}

export function runRecurring(opts: RecurringOptions): void {
  if (!opts.process === !opts.unit) fail('name exactly one of --process and --unit.');
  const backend = openCliBackend(opts.db);
  try {
    const ctx = backend.ctx();
    const one = (sql: string, ...p: unknown[]) => ctx.db.prepare(sql).pluck().get(...p) as string | undefined;
    const targetId = opts.process
      ? one('SELECT id FROM processes WHERE name = ? AND archived = 0', opts.process)
      : one('SELECT id FROM units WHERE (name = ? OR code = ?) AND archived = 0', opts.unit, opts.unit);
    if (!targetId) fail(`there is no ${opts.process ? `process "${opts.process}"` : `unit "${opts.unit}"`}.`);
    const leadPersonId = one('SELECT id FROM people WHERE lower(email) = lower(?) AND archived = 0', opts.lead);
    if (!leadPersonId) fail(`there is no person with the e-mail address ${opts.lead}.`);
    const year = Number(opts.from.slice(0, 4));
    const programmeId = one('SELECT id FROM programmes WHERE ? BETWEEN cycle_start_year AND cycle_start_year + cycle_years - 1 ORDER BY cycle_start_year DESC', year);
    if (!programmeId) fail(`no programme's cycle holds ${opts.from}.`);
    const parsed = recurrenceInput.safeParse({
      programmeId, targetKind: opts.process ? 'process' : 'unit', targetId, every: Number(opts.every), unit: opts.months ? 'months' : 'years',
      firstDate: opts.from, leadPersonId,
    });
    if (!parsed.success) throw new AppError('invalid_input', { issues: zodIssues(parsed.error) });
    const result: RecurrencePreview | RecurrenceResult = opts.commit ? createRecurrence(ctx, parsed.data) : previewRecurrence(ctx, parsed.data);
    if (opts.json) {
      printJson(result);
      return;
    }
    if (result.intervalMonths < result.requestedMonths) {
      process.stdout.write(`${result.targetName}: its risk asks for an audit at least every ${result.intervalMonths} months; the interval was shortened.\n`);
    }
    for (const o of result.occurrences) {
      process.stdout.write(`${o.date}  ${o.existing ? `covered by ${o.existing.number} ${o.existing.title}` : opts.commit ? 'created' : 'to create'}\n`);
    }
    const created = opts.commit ? (result as RecurrenceResult).created : null;
    if (created) process.stdout.write(`${created.length} draft audit(s) created${created.length ? `: ${created.map((c) => c.number).join(', ')}` : ''}\n`);
    else process.stdout.write(`${result.toCreate} draft audit(s) to create; run again with --commit to create them\n`);
  } finally {
    backend.close();
  }
}
