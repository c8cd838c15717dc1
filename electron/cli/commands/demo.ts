import fs from 'node:fs';
import type { Command } from 'commander';
import { AppError } from '../../../shared/errors';
import { loadDemoData } from '../../backend/demo';
import { openCliBackend } from '../session';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Create a database holding the fictional municipal group "Sjöviks kommunkoncern".')
    .requiredOption('--db <file>', 'database file to create (refused if it already holds data)')
    .action((opts: { db: string }) => {
      if (fs.existsSync(opts.db) && fs.statSync(opts.db).size > 0) {
        // Opening would migrate it; refusing before touching keeps someone's real data as it was.
        throw new AppError('conflict', { reason: 'not_empty', path: opts.db });
      }
      const backend = openCliBackend(opts.db, { mustExist: false });
      try {
        const keys = loadDemoData(backend.ctx());
        process.stdout.write(
          `Demo data written to ${opts.db}: ${keys.units.size} units, ${keys.processes.size} processes, ${keys.people.size} people.\n`,
        );
      } finally {
        backend.close();
      }
    });
}
