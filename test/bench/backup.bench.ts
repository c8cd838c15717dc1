import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Backend } from '../../electron/backend/backend';
import { inspectDatabaseFile } from '../../electron/backend/features/backup/inspect';
import { backupDatabaseFile, backupOpenDatabase } from '../../electron/backend/features/backup/snapshot';
import { loadDemoData } from '../../electron/backend/features/app/demo';

/** Stored photos in the database; GRANSKA_BENCH_BACKUP_MB overrides. */
const MEGABYTES = Number(process.env.GRANSKA_BENCH_BACKUP_MB ?? 200);

/** The longest time the event loop could not run (a frozen window, in the app) while `work` ran. */
async function withStallMeter<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; longestStallMs: number }> {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  const result = await work();
  const ms = performance.now() - start;
  clearInterval(timer);
  longest = Math.max(longest, performance.now() - last);
  return { result, ms, longestStallMs: longest };
}

/**
 * What a backup costs on a database full of photos, as ratios against copying the same bytes with
 * the file system: the in-app online backup (and how long it ever holds the event loop), the
 * command's VACUUM INTO, and the integrity check every backup passes before it is named.
 */
export default async function bench(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-bench-backup-'));
  try {
    const dbFile = path.join(dir, 'granska.sqlite');
    const backend = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
    backend.open(dbFile);
    loadDemoData(backend.ctx());
    const insert = backend.database.prepare("INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, 'image/jpeg', '2027-03-10T09:00:00Z')");
    backend.database.transaction(() => {
      for (let i = 0; i < MEGABYTES; i++) {
        const data = crypto.randomBytes(1024 * 1024);
        insert.run(crypto.createHash('sha256').update(data).digest('hex'), data, data.length);
      }
    })();
    backend.database.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = fs.statSync(dbFile).size;

    const copyStart = performance.now();
    fs.copyFileSync(dbFile, path.join(dir, 'plain-copy.sqlite'));
    const copyMs = performance.now() - copyStart;

    const online = await withStallMeter(() => backupOpenDatabase(backend.database, path.join(dir, 'online.sqlite')));
    const checkStart = performance.now();
    inspectDatabaseFile(path.join(dir, 'online.sqlite'));
    const checkMs = performance.now() - checkStart;
    backend.close();
    const vacuum = await withStallMeter(() => backupDatabaseFile(dbFile, path.join(dir, 'vacuum.sqlite')));

    const mb = (bytes / 1024 / 1024).toFixed(0);
    console.log(`database: ${mb} MB (demo data + ${MEGABYTES} one-megabyte photos); plain file copy ${copyMs.toFixed(0)} ms = 1.00`);
    console.log(`in-app backup (online backup API + integrity check): ${online.ms.toFixed(0)} ms = ${(online.ms / copyMs).toFixed(2)}× the copy; longest event-loop stall ${online.longestStallMs.toFixed(0)} ms`);
    console.log(`  of which integrity_check + schema check alone: ${checkMs.toFixed(0)} ms = ${(checkMs / copyMs).toFixed(2)}× the copy (it runs in one piece)`);
    console.log(`granska backup (VACUUM INTO + integrity check): ${vacuum.ms.toFixed(0)} ms = ${(vacuum.ms / copyMs).toFixed(2)}× the copy`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
