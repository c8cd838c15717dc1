import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import texts from '../../../shared/i18n/locales/en/backup.json';
import { backupDatabaseFile } from '../../backend/features/backup/snapshot';
import { restoreDatabase } from '../../backend/features/backup/restore';
import { fill } from '../../../shared/i18n/fill';
import { CliExit, fail } from '../exit';
import { describeError, printJson } from '../output';
import { warnIfUnsafePlace } from '../unsafe-warning';
import { isEncryptedDatabaseFile } from '../../backend/db/cipher';
import { askPassphrase } from '../db-passphrase';

const UNREADABLE = 2;
const errors = texts.errors as Record<string, string>;

/** Backup and restore refusals in the app's own words, else the common message. */
function describe(err: unknown): string {
  if (err instanceof AppError) {
    const reason = typeof err.params.reason === 'string' ? err.params.reason : '';
    const specific = errors[`${err.code}_${reason}`];
    if (specific) {
      const text = fill(specific, Object.fromEntries(Object.entries(err.params).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) as Record<string, string | number>);
      const where = typeof err.params.path === 'string' && !specific.includes('{{path}}') ? ` (${err.params.path})` : '';
      return `${text}${where} [${err.code}]`;
    }
  }
  return describeError(err);
}

function exitCodeOf(err: unknown): number {
  return err instanceof AppError && (err.code === 'file_unreadable' || err.code === 'wrong_passphrase') ? UNREADABLE : 1;
}

export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export async function runBackup(opts: { db: string; out: string; json?: boolean }): Promise<void> {
  if (!fs.existsSync(opts.db)) fail(`the database ${opts.db} does not exist.`, UNREADABLE);
  if (path.resolve(opts.db) === path.resolve(opts.out)) fail('--out names the database itself; name a new file for the backup.');
  warnIfUnsafePlace(opts.db);
  let result;
  try {
    // An encrypted database's backup is encrypted under the same passphrase.
    const passphrase = isEncryptedDatabaseFile(opts.db) ? askPassphrase(opts.db) : null;
    result = await backupDatabaseFile(opts.db, opts.out, passphrase);
  } catch (err) {
    if (err instanceof CliExit) throw err;
    fail(describe(err), exitCodeOf(err));
  }
  const out = path.resolve(opts.out);
  if (opts.json) printJson({ backup: out, schemaVersion: result.version, bytes: result.bytes, integrity: 'ok' });
  else process.stdout.write(`${fill(texts.cli.backupDone, { path: out, version: result.version, size: megabytes(result.bytes) })}\n`);
}

export function runRestore(copy: string, opts: { db: string; json?: boolean }): void {
  warnIfUnsafePlace(opts.db);
  let result;
  try {
    const passphrase = fs.existsSync(copy) && isEncryptedDatabaseFile(copy) ? askPassphrase(copy) : null;
    const currentPassphrase = fs.existsSync(opts.db) && isEncryptedDatabaseFile(opts.db) ? askPassphrase(opts.db) : null;
    result = restoreDatabase(copy, opts.db, { passphrase, currentPassphrase });
  } catch (err) {
    if (err instanceof CliExit) throw err;
    fail(describe(err), exitCodeOf(err));
  }
  const db = path.resolve(opts.db);
  if (opts.json) {
    printJson({ restored: path.resolve(copy), database: db, schemaVersion: result.version, keptAs: result.keptAs });
    return;
  }
  process.stdout.write(`${fill(texts.cli.restoreDone, { copy, db, version: result.version })}\n`);
  if (result.keptAs) process.stdout.write(`${fill(texts.cli.keptAs, { kept: result.keptAs })}\n`);
}
