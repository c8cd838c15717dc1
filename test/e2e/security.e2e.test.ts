import crypto from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

const PASS = 'Midsommarstång & jordgubbar 1998';
const sha = (file: string) => (fs.existsSync(file) ? crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex') : null);

describe.skipIf(skipE2E())('an encrypted database in browser mode', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'en', encryptWith: PASS });
  }, 120_000);
  afterAll(async () => app?.stop());

  it('asks for the passphrase; a wrong one is refused with a message and the file stays untouched, the right one opens it', async () => {
    const { page } = app;
    await app.open('#/', 'en');
    await page.getByRole('heading', { name: 'This database is encrypted' }).waitFor();
    const before = [sha(app.dbFile), sha(`${app.dbFile}-wal`)];

    const field = page.getByLabel('Passphrase', { exact: true });
    await field.fill('midsommarstång & jordgubbar 1998');
    await page.getByRole('button', { name: 'Open' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toBe('The passphrase is wrong, or the file is not a Granska database. The file was not changed.');
    expect(await field.inputValue()).toBe('');
    expect([sha(app.dbFile), sha(`${app.dbFile}-wal`)]).toEqual(before);

    await field.fill(PASS);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('Sjöviks kommunkoncern').first().waitFor();
    await expect.poll(() => page.getByRole('heading', { name: 'This database is encrypted' }).count()).toBe(0);

    // Settings says the database is encrypted.
    await app.open('#/settings', 'en');
    await expect.poll(() => page.getByTestId('encryption-state').textContent()).toContain('This database is encrypted (SQLCipher 4, AES-256)');
  });
});
