import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupEntry } from '../../../../shared/contract/backup';

/** How many automatic backups of one database are kept; older ones are removed after a new one is complete. */
export const KEEP_AUTOMATIC = 7;

/**
 * Automatic backups of every database share one folder, so each file name says which database it
 * belongs to: the database's name and a short hash of its full path (two "granska.sqlite" files in
 * different folders never prune each other's backups), then the UTC time, which also sorts them.
 * `granska-3fa2c1d0-2026-12-04T05-10-00Z.sqlite`
 */
export function backupPrefix(dbPath: string): string {
  const base = path.basename(dbPath).replace(/\.(sqlite|granska|db)$/i, '').replace(/[^\p{L}\p{N}_-]+/gu, '_').slice(0, 60) || 'granska';
  const hash = crypto.createHash('sha256').update(path.resolve(dbPath)).digest('hex').slice(0, 8);
  return `${base}-${hash}`;
}

export function backupFileName(dbPath: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/:/g, '-');
  return `${backupPrefix(dbPath)}-${stamp}.sqlite`;
}

const STAMP = /-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.sqlite$/;

/** This database's automatic backups in `folder`, newest first. Half-written ones have another name and never appear. */
export function listBackups(folder: string, dbPath: string): BackupEntry[] {
  const prefix = `${backupPrefix(dbPath)}-`;
  const names = safeReaddir(folder);
  const out: BackupEntry[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = STAMP.exec(name.slice(prefix.length - 1));
    if (!m) continue;
    const file = path.join(folder, name);
    try {
      out.push({ file, at: `${m[1]}T${m[2]}:${m[3]}:${m[4]}Z`, bytes: fs.statSync(file).size });
    } catch {
      // removed meanwhile
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

/** The local calendar day, the one a person means by "today". */
function localDay(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Due on the first start of a day: no backup yet, or the newest is from an earlier local day. */
export function isBackupDue(backups: BackupEntry[], now: Date): boolean {
  const newest = backups[0];
  return !newest || localDay(new Date(newest.at)) !== localDay(now);
}

/** A partial file this old was left by a backup that never finished (the app was closed mid-way). */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/** Removes all but the newest `keep`, and half-written leftovers; returns what was removed. */
export function pruneBackups(folder: string, dbPath: string, keep = KEEP_AUTOMATIC, now = Date.now()): string[] {
  const removed: string[] = [];
  const partialPrefix = `.${backupPrefix(dbPath)}-`;
  for (const name of safeReaddir(folder)) {
    if (!name.startsWith(partialPrefix) || !name.endsWith('.partial')) continue;
    const file = path.join(folder, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_PARTIAL_MS) {
        fs.rmSync(file, { force: true });
        removed.push(file);
      }
    } catch {
      // gone already
    }
  }
  for (const old of listBackups(folder, dbPath).slice(keep)) {
    try {
      fs.rmSync(old.file, { force: true });
      removed.push(old.file);
    } catch {
      // a locked file (antivirus, Windows) is removed next time
    }
  }
  return removed;
}

function safeReaddir(folder: string): string[] {
  try {
    return fs.readdirSync(folder);
  } catch {
    return [];
  }
}
