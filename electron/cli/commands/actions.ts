import type { Command } from 'commander';
import type { ActionsOptions } from '../run/actions';

export function registerActions(program: Command): void {
  program
    .command('actions')
    .summary('list, export or import corrective actions')
    .description('List corrective-action cases: number, source, finding, status, owner, due date and whether overdue.')
    .requiredOption('--db <file>', 'database file')
    .option('--overdue', 'only overdue cases (the list for management)')
    .option('--open', 'only cases that are not closed')
    .option('--json', 'print JSON')
    .option('--export <file>', 'write the register to FILE (.xlsx, .csv or .pdf), with the same selection')
    .option('--lang <lang>', 'language of an export: sv or en', 'sv')
    .option('--import <file>', 'check a deviation register (.csv or .xlsx) and print its validation report')
    .option('--commit', 'with --import: import the valid rows (rows with errors are skipped)')
    .action(async (opts: ActionsOptions) => {
      const { runActions } = await import('../run/actions');
      await runActions(opts);
    });
}
