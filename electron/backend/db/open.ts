import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { ensureSyncMeta } from '../sync/capture';
import { isEncryptedDatabaseFile, openSqlite } from './cipher';

export type Db = Database.Database;

export interface OpenResult {
  db: Db;
  /** Where the pre-migration copy was written, when one was needed. */
  backupPath: string | null;
  migratedFrom: number;
  /** Opened (or created) with a passphrase: the file is encrypted. */
  encrypted: boolean;
}

export interface OpenOptions {
  migrations?: typeof MIGRATIONS;
  now?: () => Date;
  /**
   * The database's passphrase: needed for an encrypted file (without it, `wrong_passphrase` with
   * reason `required`, nothing touched); for a new file, it is created encrypted. Ignored for an
   * existing plain file, so one passphrase in the environment does not stop plain files opening.
   */
  passphrase?: string | null;
}

/**
 * Opens (or creates) a Granska database and brings it to the latest schema. A file from a newer
 * Granska is refused untouched: migrating it down is impossible, writing to it would corrupt it.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): OpenResult {
  const migrations = opts.migrations ?? MIGRATIONS;
  const latest = opts.migrations ? migrations.length : LATEST_VERSION;
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const existed = file !== ':memory:' && fs.existsSync(file) && fs.statSync(file).size > 0;

  // Read before any connection to the file exists: closing a descriptor of a file SQLite holds
  // open in this process would drop SQLite's POSIX locks on it.
  const encrypted = existed && isEncryptedDatabaseFile(file);
  if (encrypted && !opts.passphrase) throw new AppError('wrong_passphrase', { reason: 'required', path: file });
  const passphrase = encrypted || (!existed && file !== ':memory:') ? (opts.passphrase ?? null) : null;

  let db: Db;
  try {
    // openSqlite honours GRANSKA_SQLITE_NATIVE_BINDING: the Electron launcher points it at a copy of
    // the native module built for Electron's ABI, so the Node build stays usable for tests, the CLI
    // and browser mode.
    db = openSqlite(file, { fileMustExist: false }, passphrase);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('file_unreadable', { path: file });
  }
  try {
    // Reading the version first, before any pragma that writes, so a newer file stays untouched.
    const version = readVersion(db);
    if (version > latest) {
      throw new AppError('unsupported_version', { found: version, supported: latest });
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    registerFunctions(db);

    let backupPath: string | null = null;
    if (existed && version < latest) {
      // With an encrypted database, VACUUM INTO writes the copy encrypted under the same key.
      const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
      backupPath = `${file}.v${version}-${stamp}.bak`;
      db.prepare('VACUUM INTO ?').run(backupPath);
    }
    for (let v = version; v < latest; v++) {
      const migration = migrations[v];
      if (!migration) break;
      // PRAGMA foreign_keys is ignored inside a transaction, so it is switched around it.
      if (migration.foreignKeysOff) db.pragma('foreign_keys = OFF');
      try {
        db.transaction(() => {
          db.exec(migration.sql);
          migration.run?.(db);
          if (migration.foreignKeysOff && (db.pragma('foreign_key_check') as unknown[]).length) throw new Error('foreign_key_check');
          db.pragma(`user_version = ${v + 1}`);
        })();
      } finally {
        if (migration.foreignKeysOff) db.pragma('foreign_keys = ON');
      }
    }
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sync_meta'").get()) ensureSyncMeta(db);
    return { db, backupPath, migratedFrom: version, encrypted: Boolean(passphrase) };
  } catch (err) {
    db.close();
    if (err instanceof AppError) throw err;
    throw new AppError('file_unreadable', { path: file });
  }
}

/**
 * SQLite folds case for ASCII only; people search for "äldre" and expect "Äldreomsorgen". `fold()`
 * lowercases the way Swedish and English readers expect.
 */
function registerFunctions(db: Db): void {
  db.function('fold', { deterministic: true }, (value: unknown) =>
    typeof value === 'string' ? value.toLocaleLowerCase('sv') : value,
  );
}

function readVersion(db: Db): number {
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } catch {
    // Not an SQLite file at all.
    throw new AppError('file_unreadable', {});
  }
}

export function isDatabaseEmpty(db: Db): boolean {
  const row = db.prepare('SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM people) AS n').get() as { n: number };
  return row.n === 0;
}
