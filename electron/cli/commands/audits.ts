import type { Command } from 'commander';
import type { AuditsOptions } from '../run/audits';

export function registerAudits(program: Command): void {
  program
    .command('audits')
    .summary('list audits: team, criteria, impartiality')
    .description('List every audit: number, title, type, status, dates, units, processes, criteria, team and impartiality warnings.')
    .requiredOption('--db <file>', 'database file')
    .option('--json', 'print JSON instead of a table')
    .action(async (opts: AuditsOptions) => {
      const { runAudits } = await import('../run/audits');
      runAudits(opts);
    });
}
