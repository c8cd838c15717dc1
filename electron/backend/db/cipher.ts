import fs from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';

/**
 * Encryption at rest (issue 14.5). `better-sqlite3` is better-sqlite3-multiple-ciphers under the
 * same name (SQLite3MultipleCiphers). Granska uses its SQLCipher 4 scheme, so an encrypted database
 * also opens in DB Browser for SQLite / the `sqlcipher` shell with the same passphrase: AES-256-CBC
 * with HMAC-SHA512 per page, the key derived by PBKDF2-HMAC-SHA512 (256,000 rounds) from the
 * passphrase and a random salt in the file's first 16 bytes.
 *
 * The passphrase goes to SQLite as bytes through `key()`/`rekey()`, never inside SQL text, so it
 * cannot appear in an SQL error, a log line or the statement cache.
 */

/** What the SQLite3MultipleCiphers connection adds to better-sqlite3's API. */
interface Keyable {
  key(key: Buffer): number;
  rekey(key: Buffer): number;
}

export const MIN_DB_PASSPHRASE_LENGTH = 8;

const SQLITE_HEADER = 'SQLite format 3\0';

function readHeader(file: string): Buffer | null {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const header = Buffer.alloc(16);
      const n = fs.readSync(fd, header, 0, 16, 0);
      return n === 16 ? header : null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/**
 * A plain SQLite file starts with "SQLite format 3"; an encrypted one with 16 random bytes (the
 * salt) and is whole pages long (SQLCipher's pages are 4096 bytes; 512 is SQLite's smallest).
 * Any other file of whole pages is treated as possibly encrypted: a wrong passphrase and "not a
 * database" then look the same to SQLite, and the message says both. A text file or a photo is
 * almost never whole pages long, so it stays "not a database".
 */
export function isEncryptedDatabaseFile(file: string): boolean {
  const header = readHeader(file);
  if (header === null || header.toString('latin1') === SQLITE_HEADER) return false;
  try {
    const { size } = fs.statSync(file);
    return size >= 512 && size % 512 === 0;
  } catch {
    return false;
  }
}

export function isPlainDatabaseFile(file: string): boolean {
  return readHeader(file)?.toString('latin1') === SQLITE_HEADER;
}

function configureCipher(db: Database.Database): void {
  db.pragma("cipher = 'sqlcipher'");
  db.pragma('legacy = 4');
}

/**
 * Opens a connection to `file` with the options given and, when a passphrase is given, keys it.
 * A wrong passphrase (or a file that is not a database at all) is `wrong_passphrase`, raised before
 * anything is written: SQLite reads page 1 to check the key, and a failed check writes nothing.
 */
export function openSqlite(file: string, options: Database.Options, passphrase?: string | null): Database.Database {
  const nativeBinding = process.env.GRANSKA_SQLITE_NATIVE_BINDING;
  const db = new Database(file, nativeBinding ? { ...options, nativeBinding } : options);
  if (passphrase) {
    try {
      keyConnection(db, passphrase);
    } catch (err) {
      db.close();
      throw err;
    }
  }
  return db;
}

/** Keys an open connection and proves the key by reading the schema. */
export function keyConnection(db: Database.Database, passphrase: string): void {
  configureCipher(db);
  (db as unknown as Keyable).key(Buffer.from(passphrase, 'utf8'));
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').pluck().get();
  } catch {
    throw new AppError('wrong_passphrase', { reason: 'database' });
  }
}

/**
 * Encrypts, re-encrypts or (with `null`) decrypts the database of an open connection in place.
 * SQLite3MultipleCiphers cannot rekey in WAL mode, so the journal goes to DELETE for the rewrite
 * (one transaction inside SQLite: a crash leaves the old file whole) and back to WAL after.
 */
export function rekeyConnection(db: Database.Database, passphrase: string | null): void {
  const journal = db.pragma('journal_mode', { simple: true }) as string;
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    // Another program (the app, a `granska` command) has the file open: it cannot be rewritten now.
    if (/SQLITE_(BUSY|LOCKED)/.test(String((err as { code?: string }).code))) throw new AppError('conflict', { reason: 'database_in_use' });
    throw err;
  }
  try {
    configureCipher(db);
    (db as unknown as Keyable).rekey(passphrase ? Buffer.from(passphrase, 'utf8') : Buffer.alloc(0));
  } finally {
    db.pragma(`journal_mode = ${journal === 'wal' ? 'WAL' : 'DELETE'}`);
  }
}

/** Refuses a passphrase too short to protect anything, before any file is touched. */
export function assertNewPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_DB_PASSPHRASE_LENGTH) {
    throw new AppError('invalid_input', { reason: 'passphrase_short', min: MIN_DB_PASSPHRASE_LENGTH });
  }
}
