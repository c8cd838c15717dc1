import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import { openSqlite } from '../../db/cipher';
import { inspectDatabaseFile, type Inspection } from './inspect';
import { fsyncDir, fsyncFile, partialName } from './snapshot';

export interface RestoreResult extends Inspection {
  /** Where the database that was replaced is kept; null when there was none. */
  keptAs: string | null;
}

/** `<file>.<time>.bak`, beside the database, so it is found where the database is. */
export function keptName(dbFile: string, now: Date): string {
  return `${dbFile}.${now.toISOString().replace(/[:.]/g, '-')}.bak`;
}

/**
 * Replaces the database file with a copy, in an order where every failure leaves things as they
 * were: the copy is copied beside the database and checked first (a damaged file, another
 * program's file or a newer schema is refused before anything changes); then the current database
 * is written whole to a `.bak`; only then does the checked copy take the database's name, by one
 * rename. The database must be closed by its owner first; another program holding it open
 * (the app, while the `granska` command restores) is detected and refused.
 */
export function restoreDatabase(
  copy: string,
  dbFile: string,
  opts: {
    now?: Date;
    /** The backup's passphrase, when it is encrypted (it is checked with it). */
    passphrase?: string | null;
    /** The current database's, when it is encrypted: its `.bak` is then written encrypted alike. */
    currentPassphrase?: string | null;
  } = {},
): RestoreResult {
  const target = path.resolve(dbFile);
  if (!fs.existsSync(copy)) throw new AppError('file_unreadable', { path: copy });
  if (path.resolve(copy) === target) throw new AppError('conflict', { reason: 'restore_same_file', path: copy });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const staged = partialName(target);
  try {
    try {
      fs.copyFileSync(copy, staged);
    } catch {
      throw new AppError('file_unreadable', { path: copy });
    }
    let inspection: Inspection;
    try {
      inspection = inspectDatabaseFile(staged, undefined, opts.passphrase ?? null);
    } catch (err) {
      // The person named the copy, not our staging file.
      if (err instanceof AppError) throw new AppError(err.code, { ...err.params, path: copy });
      throw err;
    }
    fsyncFile(staged);
    const keptAs = fs.existsSync(target) && fs.statSync(target).size > 0 ? keepCurrent(target, opts.now ?? new Date(), opts.currentPassphrase ?? null) : null;
    // The old WAL belongs to the old file; left beside the new one, SQLite would replay it into it.
    for (const side of ['-wal', '-shm']) fs.rmSync(`${target}${side}`, { force: true });
    fs.renameSync(staged, target);
    fsyncDir(path.dirname(target));
    return { ...inspection, keptAs };
  } finally {
    for (const leftover of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

/**
 * Writes the current database whole (WAL included) to its `.bak`, holding an exclusive lock: if
 * any other connection has the file open, SQLite refuses the lock and nothing is replaced.
 * Closing the connection checkpoints and removes the WAL, so the file left behind is complete.
 */
function keepCurrent(target: string, now: Date, passphrase: string | null): string {
  const kept = keptName(target, now);
  let db: Database.Database | null = null;
  try {
    // An encrypted database without its passphrase cannot be read: its bytes are kept as they are (still encrypted).
    db = openSqlite(target, { fileMustExist: true, timeout: 0 }, passphrase);
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (err) {
    db?.close();
    if ((err as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw new AppError('conflict', { reason: 'restore_in_use', path: target });
    // The current file is damaged (often the very reason to restore): kept byte for byte instead.
    return keepRawFiles(target, kept);
  }
  try {
    db.prepare('VACUUM INTO ?').run(kept);
    fsyncFile(kept);
    return kept;
  } catch {
    fs.rmSync(kept, { force: true });
    db.close();
    db = null;
    return keepRawFiles(target, kept);
  } finally {
    db?.close();
  }
}

function keepRawFiles(target: string, kept: string): string {
  try {
    fs.copyFileSync(target, kept);
    if (fs.existsSync(`${target}-wal`)) fs.copyFileSync(`${target}-wal`, `${kept}-wal`);
    fsyncFile(kept);
    return kept;
  } catch {
    fs.rmSync(kept, { force: true });
    fs.rmSync(`${kept}-wal`, { force: true });
    throw new AppError('forbidden', { reason: 'backup_unwritable', path: path.dirname(target) });
  }
}
