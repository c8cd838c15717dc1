import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../electron/backend/db/migrations';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

const ORIGINAL = 'Sjöviks kommunkoncern';
const CHANGED = 'Namnet efter säkerhetskopian';

function setOrgName(file: string, name: string): void {
  const db = new Database(file);
  try {
    db.prepare("UPDATE settings SET value = ? WHERE key = 'organisationName'").run(name);
  } finally {
    db.close();
  }
}

describe.skipIf(skipE2E())('restore from a backup in browser mode (Settings › Backups)', () => {
  let app: RunningApp;
  let backup: string;
  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'en' });
  });
  afterAll(async () => app?.stop());

  const bakFiles = () => fs.readdirSync(app.dataDir).filter((f) => f.endsWith('.bak'));

  async function chooseAndConfirm(file: string) {
    const { page } = app;
    await page.getByLabel('Backup file to restore').setInputFiles(file);
    const dialog = page.getByRole('dialog', { name: 'Restore from a backup' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.getByText(`Replace the open database with the backup ${path.basename(file)}?`, { exact: false }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Restore' }).click();
  }

  it('takes a backup, and the database then changes', async () => {
    await app.open('#/settings', 'en');
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Backups' }).isVisible()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download a backup' }).click()]);
    backup = path.join(app.dataDir, 'kopia', 'kopia.sqlite');
    fs.mkdirSync(path.dirname(backup));
    await download.saveAs(backup);
    setOrgName(app.dbFile, CHANGED);
    await app.open('#/settings', 'en');
    await expect.poll(() => page.getByRole('banner').getByText(CHANGED).isVisible()).toBe(true);
  });

  it('refuses a file that is no database, a damaged one, one of a newer schema and another program’s, in words, changing nothing', async () => {
    const { page } = app;
    const dir = path.dirname(backup);
    const notDb = path.join(dir, 'anteckningar.sqlite');
    fs.writeFileSync(notDb, 'Det här är ingen databas.\n'.repeat(50));
    const damaged = path.join(dir, 'skadad.sqlite');
    const bytes = fs.readFileSync(backup);
    // Pages past the header overwritten: SQLite opens the file, its integrity check does not pass.
    for (let i = 4096; i < bytes.length - 4096; i += 8192) bytes.fill(0x5a, i, i + 512);
    fs.writeFileSync(damaged, bytes);
    const newer = path.join(dir, 'nyare.sqlite');
    fs.copyFileSync(backup, newer);
    const n = new Database(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    const foreign = path.join(dir, 'annat-program.sqlite');
    const f = new Database(foreign);
    f.exec('CREATE TABLE recept (namn TEXT); INSERT INTO recept VALUES (\'kanelbullar\');');
    f.close();

    const cases: [string, string][] = [
      [notDb, 'The file is not a database. Nothing was changed.'],
      [damaged, "The file is damaged: it did not pass SQLite's integrity check. Nothing was changed."],
      [newer, `The backup was made by a newer version of Granska (schema ${LATEST_VERSION + 1}; this version supports ${LATEST_VERSION}). Nothing was changed. Update Granska to restore it.`],
      [foreign, 'The file is a database, but not a Granska database. Nothing was changed.'],
    ];
    for (const [file, message] of cases) {
      await chooseAndConfirm(file);
      const alert = page.getByRole('alert').filter({ hasText: 'The backup was not restored.' });
      await expect.poll(() => alert.textContent(), { timeout: 15_000 }).toContain(message);
      await page.reload();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('banner').getByText(CHANGED).isVisible()).toBe(true);
      expect(bakFiles()).toEqual([]);
    }
  });

  it('restores the backup: the open database is kept as .bak and the app reloads showing the restored data', async () => {
    const { page } = app;
    await chooseAndConfirm(backup);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'The backup was restored.' }).isVisible(), { timeout: 15_000 }).toBe(true);
    // The page reloads by itself and shows the restored database.
    await expect.poll(() => page.getByRole('banner').getByText(ORIGINAL).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await page.getByRole('banner').getByText(CHANGED).count()).toBe(0);
    expect(bakFiles()).toHaveLength(1);
    const kept = new Database(path.join(app.dataDir, bakFiles()[0]!), { readonly: true });
    try {
      expect(kept.prepare("SELECT value FROM settings WHERE key = 'organisationName'").pluck().get()).toBe(CHANGED);
    } finally {
      kept.close();
    }
  });
});
