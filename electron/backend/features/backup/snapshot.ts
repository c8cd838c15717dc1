import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError } from '../../../../shared/errors';
import type { Db } from '../../db/open';
import { openSqlite } from '../../db/cipher';
import { inspectDatabaseFileInWorker, type Inspection } from './inspect';

/**
 * A backup is written under a temporary name in the target folder, checked, flushed to disk and
 * only then renamed to its real name: a backup interrupted half-way (power cut, full disk) never
 * looks like a complete one.
 */
export function partialName(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out)}.${crypto.randomBytes(4).toString('hex')}.partial`);
}

/**
 * Backup through the app's own open connection with SQLite's online backup API. better-sqlite3
 * copies a batch of pages per turn of the event loop, so the window stays responsive; writes made
 * through this same connection meanwhile are carried into the copy by SQLite, so the copy is the
 * database as it was when the last page was copied.
 */
export async function backupOpenDatabase(db: Db, out: string, passphrase: string | null = null): Promise<Inspection> {
  return finish(
    out,
    async (tmp) => {
      // SQLite's backup API cannot copy into a target with another (no) key; VACUUM INTO writes the
      // copy encrypted under the database's own key, in one read transaction. It runs in one step,
      // so a large encrypted database holds the window for a moment longer than a plain one.
      if (passphrase) db.prepare('VACUUM INTO ?').run(tmp);
      else await db.backup(tmp);
    },
    passphrase,
  );
}

/**
 * Backup of a database file from another process (the `granska` command while the app may be
 * running): `VACUUM INTO` reads inside one read transaction, so the copy is the database as it was
 * at that instant, whatever the app writes meanwhile (WAL readers never wait for writers).
 * The source is opened read-only and never migrated.
 */
export function backupDatabaseFile(dbFile: string, out: string, passphrase: string | null = null): Promise<Inspection> {
  return finish(out, (tmp) => {
    let db: Database.Database;
    try {
      db = openSqlite(dbFile, { readonly: true, fileMustExist: true }, passphrase);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('file_unreadable', { path: dbFile });
    }
    try {
      db.pragma('busy_timeout = 5000');
      db.prepare('VACUUM INTO ?').run(tmp);
    } catch {
      throw new AppError('file_unreadable', { path: dbFile });
    } finally {
      db.close();
    }
  }, passphrase);
}

async function finish(out: string, write: (tmp: string) => void | Promise<void>, passphrase: string | null): Promise<Inspection> {
  const target = path.resolve(out);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
  } catch {
    throw new AppError('forbidden', { reason: 'backup_unwritable', path: path.dirname(target) });
  }
  const tmp = partialName(target);
  try {
    try {
      await write(tmp);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw new AppError('forbidden', { reason: 'backup_unwritable', path: path.dirname(target) });
    }
    // Every page is read: in a worker, so the window is answered meanwhile (seconds on a large database).
    const inspection = await inspectDatabaseFileInWorker(tmp, undefined, passphrase);
    // Flushing hundreds of megabytes takes a while; done off the main thread, the window stays responsive.
    const handle = await fs.promises.open(tmp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    fs.renameSync(tmp, target);
    fsyncDir(path.dirname(target));
    return inspection;
  } finally {
    for (const leftover of [tmp, `${tmp}-wal`, `${tmp}-shm`, `${tmp}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** So the rename itself survives a power cut; not possible on Windows, where renames are durable enough. */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // some file systems refuse fsync on a folder; the file's own data is already on disk
  }
}
