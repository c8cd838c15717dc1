import type { Command } from 'commander';
import type { FindingsOptions } from '../run/findings';

export function registerFindings(program: Command): void {
  program
    .command('findings')
    .summary('list findings with clauses and status')
    .description('List findings: number, audit, type, clauses, statement and status (open/closed for nonconformities).')
    .requiredOption('--db <file>', 'database file')
    .option('--audit <number>', 'only this audit, e.g. IR-2027-004')
    .option('--json', 'print JSON')
    .action(async (opts: FindingsOptions) => {
      const { runFindings } = await import('../run/findings');
      runFindings(opts);
    });
}
