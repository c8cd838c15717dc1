import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalTool, run } from '../backend/signing/helpers';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

const pdfsig = externalTool('pdfsig', 'poppler-utils', true);

describe.skipIf(skipE2E())('management review in the browser', () => {
  let app: RunningApp;
  const lastYear = new Date().getFullYear() - 1;

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'sv' });
  });
  afterAll(async () => app?.stop());

  it('creates a review prefilled from the demo data, records a decision with an action, and issues it signed', async () => {
    const { page } = app;
    await app.open('#/management-review', 'sv');
    await expect.poll(() => page.getByRole('heading', { name: 'Ledningens genomgång', exact: true }).isVisible()).toBe(true);
    const table = page.getByRole('table', { name: 'Ledningens genomgång' });
    await expect.poll(() => table.getByRole('row', { name: new RegExp(`Ledningens genomgång ${lastYear} .*Utfärdad`) }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Ny ledningens genomgång' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny ledningens genomgång' });
    await dialog.getByLabel('Titel').fill('Extra ledningens genomgång');
    await dialog.getByLabel('Mötesdatum').fill(`${lastYear + 1}-03-02`);
    await dialog.getByRole('button', { name: 'Spara' }).click();

    // the inputs Granska has data for start filled; the others wait for the meeting's words
    await expect.poll(() => page.getByRole('heading', { name: /Extra ledningens genomgång/ }).isVisible()).toBe(true);
    expect(await page.getByLabel('c 6) Revisionsresultat').inputValue()).toMatch(/Revisionsprogrammet: \d+ av \d+/);
    expect(await page.getByLabel('c 4) Avvikelser och korrigerande åtgärder').inputValue()).toMatch(/Ärenden upptäckta under perioden: \d+/);
    expect(await page.getByLabel('b) Förändringar i externa och interna frågor som är relevanta för ledningssystemet').inputValue()).toBe('');
    await page.getByLabel('b) Förändringar i externa och interna frågor som är relevanta för ledningssystemet').fill('Ny upphandlingslag från 1 januari.');
    // an emptied input can be filled from Granska again; what was written stays
    const c4 = page.getByLabel('c 4) Avvikelser och korrigerande åtgärder');
    const prefilled = await c4.inputValue();
    await c4.fill('');
    await page.getByRole('button', { name: 'Fyll tomma underlag från Granska' }).click();
    await expect.poll(() => c4.inputValue()).toBe(prefilled);
    expect(await page.getByLabel('b) Förändringar i externa och interna frågor som är relevanta för ledningssystemet').inputValue()).toBe('Ny upphandlingslag från 1 januari.');

    await page.getByRole('button', { name: 'Lägg till beslut' }).click();
    const decision = page.getByRole('group', { name: 'Beslut 1' });
    await decision.getByLabel(/^Beslut/).fill('Revisionsprogrammet ska omfatta klagomålshanteringen.');
    await decision.getByLabel('Åtgärd (blir ett spårat ärende när genomgången utfärdas)').fill('Lägg in klagomålsprocessen i nästa års program.');
    // an action without owner, unit or date is refused with the fields named
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => decision.getByText('Obligatoriskt').count()).toBeGreaterThanOrEqual(1);

    await decision.getByLabel('Ansvarig enhet').click();
    await page.getByRole('option', { name: 'Kvalitets- och utvecklingsenheten' }).click();
    await decision.getByLabel('Åtgärdsansvarig').click();
    await page.getByRole('option', { name: 'Karin Lindqvist' }).click();
    await decision.getByLabel('Klart senast').fill(`${lastYear + 1}-06-30`);
    await page.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByRole('status').getByText('Sparat').isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Utfärda och signera' }).click();
    const issue = page.getByRole('dialog', { name: 'Utfärda ledningens genomgång' });
    await issue.getByLabel('Lösenfras').fill('fel lösenfras');
    await issue.getByRole('button', { name: 'Utfärda och signera' }).click();
    await expect.poll(() => issue.getByRole('alert').isVisible()).toBe(true);
    await issue.getByLabel('Lösenfras').fill('sjovik-demo-2026');
    await issue.getByRole('button', { name: 'Utfärda och signera' }).click();

    await expect.poll(() => page.getByText('En utfärdad ledningens genomgång kan inte ändras.').isVisible(), { timeout: 30_000 }).toBe(true);
    const caseLink = page.getByRole('link', { name: /^Ärende / });
    expect(await caseLink.isVisible()).toBe(true);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Ladda ner signerad PDF' }).click();
    const file = path.join(app.dataDir, 'protokoll.pdf');
    await (await download).saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdfsig.path, 'pdfsig is required').toBeTruthy();
    expect(run(pdfsig.path as string, [file]).stdout).toContain('Signature is Valid.');
    const verified = app.cli(['verify', file, '--db', app.dbFile]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);

    // the action is a tracked case of source management review
    await caseLink.click();
    await expect.poll(() => page.getByRole('heading', { name: 'Revisionsprogrammet ska omfatta klagomålshanteringen.' }).isVisible()).toBe(true);
    expect(await page.getByText('Lägg in klagomålsprocessen i nästa års program.').isVisible()).toBe(true);
  }, 120_000);

  it('shows the trends as charts on the overview', async () => {
    const { page } = app;
    await app.open('#/', 'sv');
    const trends = page.getByRole('region', { name: 'Trender' });
    await expect.poll(() => trends.locator('.recharts-surface').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(5);
    expect(await trends.getByRole('img', { name: /Stapeldiagram över iakttagelser per år och typ\. \d{4}:/ }).isVisible()).toBe(true);
    if (process.env.GRANSKA_SCREENSHOT_DIR) {
      await trends.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(process.env.GRANSKA_SCREENSHOT_DIR, 'overview-trends.png'), fullPage: true });
    }
  }, 60_000);
});
