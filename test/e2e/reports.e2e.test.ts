import crypto from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

const PASSPHRASE = 'korrekt-häst-batteri-häftklammer';
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex');

/**
 * The "done when": a lead creates a signing identity, issues and signs the report of the
 * audit in progress, saves copies (identical, with the recorded SHA-256) and verifies one in the
 * app and on the command line.
 */
describe.skipIf(skipE2E())('issuing, saving and verifying a signed report in the browser', () => {
  let app: RunningApp;
  let auditId: string;
  let auditNumber: string;
  let saved: Buffer;

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'sv' });
    const audits = JSON.parse(app.cli(['audits', '--db', app.dbFile, '--json']).stdout) as { id: string; number: string; status: string }[];
    const inProgress = audits.find((a) => a.status === 'in_progress');
    if (!inProgress) throw new Error('the demo has no audit in progress');
    auditId = inProgress.id;
    auditNumber = inProgress.number;
  });
  afterAll(async () => app?.stop());

  it('creates a self-signed signing identity and shows its fingerprint', async () => {
    const { page } = app;
    await app.open('#/signing', 'sv');
    await page.getByRole('button', { name: 'Skapa identitet…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Skapa självsignerad identitet' });
    // the demo already holds its own identity (Karin Lindqvist's); this lead makes her own
    await dialog.getByLabel(/^Namn/).fill('Sofia Bergström');
    await dialog.getByLabel(/^E-post/).fill('sofia.bergstrom@sjovik.example');
    await dialog.getByLabel(/^Lösenfras/).fill(PASSPHRASE);
    await dialog.getByLabel(/^Upprepa lösenfrasen/).fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Spara' }).click();
    const table = page.getByRole('table', { name: 'Signeringsidentiteter' });
    await expect.poll(() => table.getByRole('row', { name: /Sofia Bergström/ }).count(), { timeout: 20_000 }).toBe(1);
    expect(await table.textContent()).toMatch(/([0-9A-F]{2}:){31}[0-9A-F]{2}/);
  });

  it('previews, then issues and signs the report, which locks the audit', async () => {
    const { page } = app;
    await app.open(`#/audits/${auditId}?tab=report`, 'sv');
    await page.getByRole('button', { name: 'Förhandsgranska', exact: true }).click();
    await expect.poll(() => page.getByTitle('Förhandsgranskning av rapporten').isVisible(), { timeout: 20_000 }).toBe(true);

    await page.getByRole('button', { name: 'Utfärda och signera…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Utfärda och signera rapporten' });
    await dialog.getByRole('textbox', { name: /^Signeringsidentitet/ }).click();
    await page.getByRole('option', { name: /^Sofia Bergström/ }).click();
    await dialog.getByLabel(/^Lösenfras/).fill('fel lösenfras');
    await dialog.getByRole('button', { name: 'Utfärda och signera', exact: true }).click();
    await expect.poll(() => dialog.getByText('Lösenfrasen är fel.').isVisible(), { timeout: 20_000 }).toBe(true);
    await dialog.getByLabel(/^Lösenfras/).fill(PASSPHRASE);
    await dialog.getByRole('button', { name: 'Utfärda och signera', exact: true }).click();
    // Sofia is on the team as an auditor, not the lead: refused, and told why
    await expect.poll(() => dialog.getByText(/Endast revisionens ledare \(Karin Lindqvist.*\) får signera rapporten/).isVisible(), { timeout: 20_000 }).toBe(true);
    // the coordinator lets auditors sign too (the setting the issuing rule reads), and she tries again
    const db = new Database(app.dbFile);
    db.prepare("INSERT INTO settings (key, value) VALUES ('reportSignerRoles', '[\"audit_lead\",\"auditor\"]') ON CONFLICT(key) DO UPDATE SET value = excluded.value").run();
    db.close();
    await dialog.getByRole('button', { name: 'Utfärda och signera', exact: true }).click();
    const revisions = page.getByRole('table', { name: 'Utfärdade versioner' });
    await expect.poll(() => revisions.getByRole('row', { name: /Sofia Bergström/ }).count(), { timeout: 30_000 }).toBe(1);
    expect(await page.getByText('Låst', { exact: true }).first().isVisible()).toBe(true);
  });

  it('saves the same bytes every time, with the recorded SHA-256', async () => {
    const { page } = app;
    const download = async () => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Spara kopia 1' }).click()]);
      return fs.readFileSync((await file.path()) as string);
    };
    saved = await download();
    const again = await download();
    expect(saved.equals(again)).toBe(true);
    const cell = await page.getByRole('table', { name: 'Utfärdade versioner' }).locator('code').first().getAttribute('title');
    expect(cell).toBe(sha256(saved));
  });

  it('verifies the saved copy: invalid while its signer is on no trusted list, valid once she is, in the app and from the command line', async () => {
    const { page } = app;
    const file = `${app.dataDir}/rapport.pdf`;
    fs.writeFileSync(file, saved);
    await app.open('#/verify', 'sv');
    await page.locator('input[type="file"]').setInputFiles(file);
    // the demo trusts its own Karin Lindqvist; Sofia's new certificate is on no list yet
    const untrusted = page.getByRole('status', { name: 'Inte giltig' });
    await expect.poll(() => untrusted.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await untrusted.textContent()).toContain('Undertecknaren är inte betrodd');
    const before = app.cli(['verify', file, '--db', app.dbFile]);
    expect(before.status).toBe(1);
    expect(before.stdout).toMatch(/^\S+: INVALID — The signer is not trusted/m);

    await app.open('#/signing', 'sv');
    await page.getByRole('button', { name: 'Åtgärder för Sofia Bergström' }).click();
    await page.getByRole('menuitem', { name: 'Lägg till som betrodd' }).click();
    const trusted = page.getByRole('table', { name: 'Betrodda certifikat' });
    await expect.poll(() => trusted.getByText(/Sofia Bergström/).count(), { timeout: 20_000 }).toBeGreaterThan(0);

    await app.open('#/verify', 'sv');
    await page.locator('input[type="file"]').setInputFiles(file);
    const verdict = page.getByRole('status', { name: 'Giltig: signerad av en betrodd undertecknare och oförändrad' });
    await expect.poll(() => verdict.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await page.getByRole('region', { name: 'Kontroller' }).textContent()).toContain(`Filen är rapport ${auditNumber}, version 1`);

    const cli = app.cli(['verify', file, '--db', app.dbFile]);
    expect(cli.status, cli.stdout + cli.stderr).toBe(0);
    expect(cli.stdout).toContain(`The file is report ${auditNumber}, revision 1`);
  });
});
