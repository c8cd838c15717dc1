import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { BackupStatus } from '../../../shared/contract/backup';
import { loadDemoData, seedScale } from '../../../electron/backend/features/app';
import { inspectDatabaseFile, inspectDatabaseFileInWorker } from '../../../electron/backend/features/backup/inspect';
import { caller, tempDir, testBackend } from '../../helpers/tmp';

/**
 * A backup's integrity check reads every page of the copy (23 s for a 1 GB register). It runs in a
 * worker thread: the daily automatic backup after opening must not hold every call the window makes.
 */
describe('the check of a backup just written', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('leaves the backend answering while it reads the copy', async () => {
    loadDemoData(backend.ctx());
    seedScale(backend.ctx(), 60_000);
    const status = await call<BackupStatus>('backup.runNow', {});
    expect(status.lastError).toBeNull();
    const copy = status.backups[0]!.file;
    // What the check costs on this thread, on the same copy.
    const started = performance.now();
    inspectDatabaseFile(copy);
    const checkMs = performance.now() - started;

    // The longest the event loop was held while a second backup was taken and checked.
    let last = performance.now();
    let longest = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 1);
    try {
      expect((await call<BackupStatus>('backup.runNow', {})).lastError).toBeNull();
    } finally {
      clearInterval(ticker);
    }
    expect(checkMs).toBeGreaterThan(50);
    expect(longest, `the check alone took ${checkMs.toFixed(0)} ms`).toBeLessThan(checkMs / 2);
  }, 120_000);

  it('refuses a damaged copy from the worker as it does on this thread, and a newer one', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.sqlite');
    await backend.database.backup(good);
    expect(await inspectDatabaseFileInWorker(good)).toEqual(inspectDatabaseFile(good));

    const damaged = path.join(dir, 'damaged.sqlite');
    const bytes = fs.readFileSync(good);
    bytes.fill(0x5a, 8192, 8192 + 40_960);
    fs.writeFileSync(damaged, bytes);
    const here = (() => {
      try {
        inspectDatabaseFile(damaged);
      } catch (err) {
        return err;
      }
      return null;
    })();
    expect(here).toMatchObject({ code: 'file_unreadable', params: { reason: 'backup_damaged' } });
    await expect(inspectDatabaseFileInWorker(damaged)).rejects.toMatchObject({ code: 'file_unreadable', params: { reason: 'backup_damaged', path: damaged } });
    await expect(inspectDatabaseFileInWorker(good, 1)).rejects.toMatchObject({ code: 'unsupported_version', params: { supported: 1 } });
  });
});
