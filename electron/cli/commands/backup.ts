import type { Command } from 'commander';

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .summary('write a checked copy; safe while the app runs')
    .description(
      'Write a consistent copy of the database, safe while the app is using it, under a temporary name; it gets its real name only once ' +
        "SQLite's integrity check and the schema version passed. Exit code 0: written; 1: refused (newer schema, folder not writable); 2: the database cannot be read.",
    )
    .requiredOption('--db <file>', 'the database to back up (never changed)')
    .requiredOption('--out <file>', 'the backup file to write (replaced if it exists)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { db: string; out: string; json?: boolean }) => {
      const { runBackup } = await import('../run/backup');
      await runBackup(opts);
    });

  program
    .command('restore')
    .summary('replace a database with a backup (keeps a .bak)')
    .description(
      "Check the backup first (SQLite's integrity check, a Granska database, a schema this version can open): a damaged file, " +
        'another program\'s file or a newer schema is refused and nothing changes. Then the current database is kept beside it as ' +
        '<file>.<time>.bak and the backup takes its place. Close the app first. Exit code 0: restored; 1: refused; 2: the backup cannot be read.',
    )
    .argument('<copy>', 'the backup to restore')
    .requiredOption('--db <file>', 'the database file to replace (created if missing)')
    .option('--json', 'print the result as JSON')
    .action(async (copy: string, opts: { db: string; json?: boolean }) => {
      const { runRestore } = await import('../run/backup');
      runRestore(copy, opts);
    });
}
