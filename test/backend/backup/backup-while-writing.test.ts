import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { restoreDatabase } from '../../../electron/backend/features/backup/restore';
import type { BackupStatus } from '../../../shared/contract/backup';
import type { ChecklistEntry } from '../../../shared/domain/findings';
import { tempDir } from '../../helpers/tmp';
import { startAutosaveChild } from '../conduct/autosave-child';
import { conductFixture } from '../conduct/fixture';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Writer {
  itemId: string;
  acked: { text: string; revision: number } | null;
  count: number;
}

/**
 * The real backend in a child process (what `granska serve` and the app run), with three
 * checklist answers being typed into as fast as it answers, while backups are taken: one from
 * `granska backup` in a process of its own (another connection, VACUUM INTO), one inside the
 * app through its own connection (the online backup API, page batch by page batch, with the
 * writes interleaved). Each backup must pass integrity_check and hold every save acknowledged
 * before it began.
 */
describe('a backup taken while an auditor types', () => {
  it('passes integrity_check and holds every save acknowledged before it began', async () => {
    const dir = tempDir('granska-backup-writing-');
    const dbFile = path.join(dir, 'live.sqlite');
    const setup = new Backend({ dataDir: dir, transport: 'http', version: 'test' });
    setup.open(dbFile);
    const { items } = await conductFixture(setup);
    // Forty photos' worth of stored attachments, so a backup takes long enough for saves to land during it.
    const insert = setup.database.prepare("INSERT INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, 'image/jpeg', '2027-03-10T09:00:00Z')");
    for (let i = 0; i < 40; i++) {
      const data = crypto.randomBytes(1024 * 1024);
      insert.run(crypto.createHash('sha256').update(data).digest('hex'), data, data.length);
    }
    setup.close();

    const { child, exited, post } = await startAutosaveChild(dbFile, dir);
    try {
      const writers: Writer[] = items.slice(0, 3).map((i) => ({ itemId: i.id, acked: null, count: 0 }));
      let stop = false;
      const typing = writers.map(async (w, k) => {
        let revision = (items[k] as ChecklistEntry).revision;
        let text = '';
        while (!stop) {
          // Each save appends a word, so a later text always begins with every earlier one.
          text += `${text ? ' ' : ''}ord${w.count + 1}-fråga${k + 1}`;
          const saved = await post<ChecklistEntry>('checklist.update', { id: w.itemId, revision, fields: { evidence: text } });
          revision = saved.revision;
          w.acked = { text: saved.evidence, revision: saved.revision };
          w.count += 1;
        }
      });
      const settle = () => new Promise((r) => setTimeout(r, 400));
      const ackedNow = () => writers.map((w) => ({ ...w.acked, count: w.count }));
      const total = () => writers.reduce((n, w) => n + w.count, 0);

      await settle();
      // 1. `granska backup` in a process of its own, while the backend goes on saving.
      const cliBefore = ackedNow();
      const cliCopy = path.join(dir, 'cli-backup.sqlite');
      const cliStart = total();
      const cli = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const p = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/cli/main.ts'), 'backup', '--db', dbFile, '--out', cliCopy, '--json'], { cwd: ROOT });
        let out = '';
        p.stdout.on('data', (d: Buffer) => (out += d.toString()));
        p.stderr.on('data', (d: Buffer) => (out += d.toString()));
        p.once('exit', (code) => resolve({ code, out }));
      });
      const duringCli = total() - cliStart;
      expect(cli.code, cli.out).toBe(0);
      expect(JSON.parse(cli.out)).toMatchObject({ backup: cliCopy, integrity: 'ok' });

      await settle();
      // 2. Inside the app, through its own connection: Settings › Back up now.
      const appBefore = ackedNow();
      const appStart = total();
      const status = await post<BackupStatus>('backup.runNow', {});
      const duringApp = total() - appStart;
      expect(status.lastError).toBeNull();
      const appCopy = status.backups[0]?.file as string;

      // 3. Restoring over a database the running backend holds open is refused, and it goes on working.
      expect(() => restoreDatabase(cliCopy, dbFile)).toThrow(expect.objectContaining({ code: 'conflict' }));
      expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
      const beforeRefusal = total();
      await settle();
      expect(total()).toBeGreaterThan(beforeRefusal);

      stop = true;
      await Promise.all(typing);

      // Saves kept landing while each backup was written: the backups were taken under load.
      expect(duringCli + duringApp).toBeGreaterThan(0);
      for (const [copy, before] of [
        [cliCopy, cliBefore],
        [appCopy, appBefore],
      ] as const) {
        const db = new Database(copy, { readonly: true });
        try {
          expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
          writers.forEach((w, k) => {
            const row = db.prepare('SELECT evidence, revision FROM checklist_items WHERE id = ?').get(w.itemId) as { evidence: string; revision: number };
            const acked = before[k];
            expect(row.revision).toBeGreaterThanOrEqual(acked?.revision ?? 0);
            expect(row.evidence.startsWith(acked?.text ?? '')).toBe(true);
          });
          expect(db.prepare('SELECT count(*) FROM blobs').pluck().get()).toBe(40);
        } finally {
          db.close();
        }
      }
      console.log(
        `[backup-while-writing] ${total()} saves acknowledged; ${duringCli} landed while granska backup ran, ${duringApp} during the in-app online backup; both pass integrity_check and hold every earlier save`,
      );
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  });
});
