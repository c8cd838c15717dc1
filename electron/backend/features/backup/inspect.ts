import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, isErrorPayload } from '../../../../shared/errors';
import { startWorker } from '../../core/worker';
import { LATEST_VERSION } from '../../db/migrations';
import { isEncryptedDatabaseFile, openSqlite } from '../../db/cipher';

/** Tables every Granska database has had since its first schema; a file without them is someone else's. */
const GRANSKA_TABLES = ['settings', 'audit_trail', 'units', 'people'];

export interface Inspection {
  /** The copy's schema version (`user_version`). */
  version: number;
  bytes: number;
}

/**
 * Checks a database file that is about to be trusted (a backup just written, a copy about to be
 * restored): an SQLite file, whole (`PRAGMA integrity_check`), Granska's, and of a schema this
 * version can open. Refusals are AppErrors the person can act on; the file is never changed, and
 * it must be a private copy (opening a WAL file may create its -shm beside it).
 */
export function inspectDatabaseFile(file: string, latest: number = LATEST_VERSION, passphrase: string | null = null): Inspection {
  let bytes: number;
  try {
    bytes = fs.statSync(file).size;
  } catch {
    throw new AppError('file_unreadable', { path: file });
  }
  const plain = hasSqliteHeader(file);
  // A file that is not plain SQLite may be an encrypted backup: checked with the passphrase, or
  // refused with a message that asks for it. With the wrong one it is `wrong_passphrase`.
  if (!plain && !isEncryptedDatabaseFile(file)) throw new AppError('file_unreadable', { reason: 'backup_not_database', path: file });
  if (!plain && !passphrase) throw new AppError('wrong_passphrase', { reason: 'backup_required', path: file });
  let db: Database.Database;
  try {
    db = openSqlite(file, { fileMustExist: true }, plain ? null : passphrase);
  } catch (err) {
    if (err instanceof AppError) throw new AppError(err.code, { ...err.params, reason: 'backup', path: file });
    throw new AppError('file_unreadable', { reason: 'backup_damaged', path: file });
  }
  try {
    let version: number;
    let problems: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      // Newer first: a newer file may well be whole, and "update Granska" is the advice that helps.
      if (version > latest) throw new AppError('unsupported_version', { found: version, supported: latest, reason: 'backup' });
      problems = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('file_unreadable', { reason: 'backup_damaged', path: file });
    }
    if (problems.length !== 1 || problems[0] !== 'ok') throw new AppError('file_unreadable', { reason: 'backup_damaged', path: file });
    const tables = new Set(db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
    if (version < 1 || GRANSKA_TABLES.some((t) => !tables.has(t))) {
      throw new AppError('file_unreadable', { reason: 'backup_not_granska', path: file });
    }
    return { version, bytes };
  } finally {
    db.close();
  }
}

function hasSqliteHeader(file: string): boolean {
  const header = Buffer.alloc(16);
  try {
    const fd = fs.openSync(file, 'r');
    try {
      fs.readSync(fd, header, 0, 16, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
  return header.toString('latin1') === 'SQLite format 3\0';
}

/** inspectDatabaseFile in a worker thread: the same checks and refusals, without holding the backend. */
export function inspectDatabaseFileInWorker(file: string, latest: number = LATEST_VERSION, passphrase: string | null = null): Promise<Inspection> {
  return new Promise((resolve, reject) => {
    const worker = startWorker('inspect-worker', path.join(__dirname, 'inspect-worker.ts'), { file, latest, passphrase });
    worker.once('message', (msg: { ok: true; inspection: Inspection } | { ok: false; error: unknown }) => {
      void worker.terminate();
      if (msg.ok) resolve(msg.inspection);
      else reject(isErrorPayload(msg.error) ? new AppError(msg.error.code, msg.error.params) : new AppError('file_unreadable', { reason: 'backup_damaged', path: file }));
    });
    worker.once('error', reject);
  });
}
