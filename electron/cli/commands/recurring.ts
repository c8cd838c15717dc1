import type { Command } from 'commander';
import type { RecurringOptions } from '../run/recurring';

export function registerRecurring(program: Command): void {
  program
    .command('recurring')
    .summary('plan recurring audits: preview, then --commit')
    .description(
      'Shows the draft audits a recurrence would create over the programme cycle that holds --from, and which existing audits already cover their intervals. With --commit creates the missing drafts in one transaction; running it again creates none.',
    )
    .requiredOption('--db <file>', 'database file')
    .option('--process <name>', 'the process to audit (its name)')
    .option('--unit <name>', 'the unit to audit (its name or code)')
    .requiredOption('--every <n>', 'interval, in years (or months with --months)')
    .option('--months', 'the interval is in months')
    .requiredOption('--from <date>', 'first audit date, YYYY-MM-DD')
    .requiredOption('--lead <email>', 'lead auditor of the drafts (e-mail address)')
    .option('--commit', 'create the drafts (without it: preview only)')
    .option('--json', 'print JSON')
    .action(async (opts: RecurringOptions) => {
      const { runRecurring } = await import('../run/recurring');
      runRecurring(opts);
    });
}
