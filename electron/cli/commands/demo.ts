import type { Command } from 'commander';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .summary('create a demo database (Sjöviks kommunkoncern)')
    .description('Create a database holding the fictional municipal group "Sjöviks kommunkoncern": units, processes, people, an audit programme with audits in every status, findings and corrective-action cases.')
    .requiredOption('--db <file>', 'database file to create (refused if it already holds data)')
    .option('--encrypt', 'create the database encrypted (SQLCipher 4); the passphrase comes from GRANSKA_DB_PASSPHRASE or is asked for twice')
    .option('--scale <findings>', 'also add this many generated findings in historic audits (same data on every run), for trying the app at size')
    .action(async (opts: { db: string; scale?: string; encrypt?: boolean }) => {
      const { runDemo } = await import('../run/demo');
      await runDemo(opts);
    });
}
