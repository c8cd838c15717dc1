import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

describe.skipIf(skipE2E())('backups in browser mode', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'en' });
  });
  afterAll(async () => app?.stop());

  it('makes the day’s automatic backup after start and shows it in Settings', async () => {
    await app.open('#/settings', 'en');
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Backups' }).isVisible()).toBe(true);
    // It starts a few seconds after the app; Settings shows what was there when it opened, so look again.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.waitForLoadState('networkidle');
          return page.getByText(/^Last backup in the folder: \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/).isVisible();
        },
        { timeout: 30_000, interval: 2_000 },
      )
      .toBe(true);
    expect(fs.readdirSync(path.join(app.dataDir, 'backups')).filter((f) => f.endsWith('.sqlite'))).toHaveLength(1);
    expect(await page.getByRole('textbox', { name: 'Folder (full path)' }).inputValue()).toBe(path.join(app.dataDir, 'backups'));
  });

  it('downloads a checked backup that holds the data, and the running app’s database cannot be restored over', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a backup' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^e2e-backup-\d{4}-\d{2}-\d{2}\.sqlite$/);
    const saved = path.join(app.dataDir, 'downloaded.sqlite');
    await download.saveAs(saved);
    const db = new Database(saved, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.prepare("SELECT value FROM settings WHERE key = 'organisationName'").pluck().get()).toBe('Sjöviks kommunkoncern');
      expect(db.prepare('SELECT count(*) FROM audits').pluck().get()).toBeGreaterThan(0);
    } finally {
      db.close();
    }

    // `granska restore` while the app has the database open: refused, nothing replaced.
    const r = app.cli(['restore', saved, '--db', app.dbFile]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('The database is open in another program (perhaps Granska). Close it and try again. Nothing was changed.');
    expect(fs.readdirSync(app.dataDir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.getByRole('heading', { name: 'Backups' }).isVisible()).toBe(true);
  });
});
