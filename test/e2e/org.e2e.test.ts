import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

describe.skipIf(skipE2E())('organisation in the browser', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp({ lang: 'sv' });
  });
  afterAll(async () => app?.stop());

  it('offers the three ways in on first start', async () => {
    await app.open('#/', 'sv');
    const { page } = app;
    await expect.poll(() => page.getByRole('heading', { name: 'Välkommen till Granska' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Börja tomt' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Läs in demodata' }).isVisible()).toBe(true);
    // Browser mode has no native dialogs; the button says so instead of failing silently.
    expect(await page.getByRole('button', { name: 'Öppna…' }).isDisabled()).toBe(true);
  });

  it('creates a unit, shows it listed, and still has it after a reload', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Börja tomt' }).click();
    await page.getByRole('button', { name: 'Ny enhet' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny enhet' });
    await dialog.getByLabel(/^Namn/).fill('Socialförvaltningen');
    await dialog.getByLabel('Kortnamn').fill('SOC');
    await dialog.getByRole('textbox', { name: /^Typ/ }).click();
    await page.getByRole('option', { name: 'Förvaltning' }).click();
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);

    const table = page.getByRole('table', { name: 'Enheter' });
    await expect.poll(() => table.getByRole('row', { name: /Socialförvaltningen/ }).count()).toBe(1);

    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByRole('table', { name: 'Enheter' }).getByRole('row', { name: /Socialförvaltningen/ }).count()).toBe(1);
  });

  it('shows field messages for invalid input and saves nothing', async () => {
    const { page } = app;
    await page.getByRole('tab', { name: 'Personer' }).click();
    await page.getByRole('button', { name: 'Ny person' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ny person' });
    await dialog.getByLabel(/^Namn/).fill('Åsa Öberg');
    await dialog.getByLabel(/^E-post/).fill('inte-en-adress');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => dialog.getByText('Ange en giltig e-postadress').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();

    // Nothing reached the database: the CLI-independent check is the list after a reload.
    await page.reload();
    await page.waitForLoadState('networkidle');
    await page.getByRole('tab', { name: 'Personer' }).click();
    await expect.poll(() => page.getByText('Inga personer ännu.').isVisible()).toBe(true);
  });

  it('switches language and keeps the choice after a reload', async () => {
    const { page } = app;
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByRole('tab', { name: 'People' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Organisation' }).isVisible()).toBe(true);
    // Reload without ?lang: the saved preference wins.
    await page.goto(page.url().replace(/lang=sv&?/, ''));
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.getByRole('link', { name: 'Settings' }).isVisible()).toBe(true);
  });
});
