import type { Command } from 'commander';

export function registerTrail(program: Command): void {
  const trail = program.command('trail').summary('the audit trail: check that it is intact');
  trail
    .command('verify')
    .summary('check the audit trail hash chain (0 = intact)')
    .description(
      'Recompute the hash chain of the audit trail: every entry is chained to the one before it, so an entry edited, removed ' +
        'or inserted outside Granska is found, and the first such entry is named. Removing entries from the very end is shown ' +
        'only by comparing the printed last link with one noted earlier. ' +
        'Exit code 0: intact; 1: broken; 2: the database cannot be read.',
    )
    .requiredOption('--db <file>', 'the database to check')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { db: string; json?: boolean }) => {
      const { runTrailVerify } = await import('../run/trail');
      runTrailVerify(opts);
    });
}
