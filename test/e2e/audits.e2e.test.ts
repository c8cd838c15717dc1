import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

interface CliAudit {
  number: string;
  title: string;
  status: string;
  clauses: string[];
  team: { name: string; role: string }[];
  impartialityWarnings: { person: string; kind: string; unit: string }[];
  impartialityJustification: string;
}

const TITLE = 'Arbetsmiljö för omsorgen';

describe.skipIf(skipE2E())('audit planning in the browser', () => {
  let app: RunningApp;
  const audits = () => JSON.parse(app.cli(['audits', '--db', app.dbFile, '--json']).stdout) as CliAudit[];

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'sv' });
  });
  afterAll(async () => app?.stop());

  it('shows a clause that no audit covers as a gap in the coverage matrix', async () => {
    await app.open('#/programme/coverage', 'sv');
    const { page } = app;
    const cell = page.getByRole('cell', { name: /^7\.1\.4 · Äldreomsorgen: / });
    await expect.poll(() => cell.getAttribute('aria-label')).toBe('7.1.4 · Äldreomsorgen: Inte täckt');
    const gaps = page.getByRole('region', { name: 'Luckor' });
    expect(await gaps.getByText('7.1.4 Miljö för processernas genomförande').isVisible()).toBe(true);
  });

  it('refuses a plan with the end before the start, no criteria and no lead, and saves nothing', async () => {
    const before = audits().length;
    const { page } = app;
    await app.open('#/audits/new', 'sv');
    await page.getByLabel(/^Rubrik/).fill(TITLE);
    await page.getByLabel(/^Startdatum/).fill('2027-04-13');
    await page.getByLabel(/^Slutdatum/).fill('2027-04-12');
    await page.getByRole('button', { name: 'Ta bort Person' }).click();
    await page.getByRole('button', { name: 'Spara plan' }).click();

    await expect.poll(() => page.getByText('Slutdatum ligger före startdatum').isVisible()).toBe(true);
    expect(await page.getByText('Välj minst ett krav i standarden').isVisible()).toBe(true);
    expect(await page.getByText('Teamet behöver en revisionsledare').isVisible()).toBe(true);
    expect(page.url()).toContain('#/audits/new');
    expect(audits().length).toBe(before);
  });

  it('plans an audit whose lead is not impartial, needs a justification to leave draft, and changes coverage', async () => {
    const { page } = app;
    await page.getByLabel(/^Slutdatum/).fill('2027-04-14');
    // Criteria from the searchable tree.
    await page.getByRole('textbox', { name: 'Sök bland kraven' }).fill('7.1.4');
    await page.getByRole('checkbox', { name: '7.1.4 Miljö för processernas genomförande' }).check();
    await page.getByRole('textbox', { name: 'Sök bland kraven' }).fill('internrevision');
    await page.getByRole('checkbox', { name: '9.2 Internrevision' }).check();
    expect(await page.getByText('Valda: 7.1.4, 9.2').isVisible()).toBe(true);
    // Äldreomsorgen is audited; the lead works in Socialförvaltningen, which holds it.
    await page.getByRole('textbox', { name: 'Enheter som granskas' }).click();
    await page.getByRole('option', { name: 'Äldreomsorgen (ÄO)' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Lägg till teammedlem' }).click();
    await page.getByRole('textbox', { name: /^Person/ }).click();
    await page.getByRole('option', { name: 'Amira Haddad – Socialförvaltningen' }).click();

    const warning = page.getByRole('status').filter({ hasText: 'Opartiskhet' });
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toContain(
      'Amira Haddad (Revisionsledare) hör till Socialförvaltningen, som är eller ingår i den granskade enheten Äldreomsorgen.',
    );

    await page.getByRole('button', { name: 'Spara plan' }).click();
    await expect.poll(() => page.url()).toMatch(/#\/audits\/[0-9a-f-]{36}$/);
    const saved = audits().find((a) => a.title === TITLE);
    expect(saved).toMatchObject({ status: 'draft', clauses: ['7.1.4', '9.2'], team: [{ name: 'Amira Haddad', role: 'lead' }] });
    expect(saved?.number).toMatch(/^IR-2027-\d{3}$/);

    // Without a justification the plan cannot leave draft.
    const markPlanned = page.getByRole('button', { name: 'Markera som planerad' });
    await expect.poll(() => markPlanned.isDisabled()).toBe(true);
    await page.getByLabel(/^Motivering för teamet/).fill('Amira har aldrig arbetat i äldreomsorgen och leder revisionen tillsammans med en extern kollega.');
    await page.getByRole('button', { name: 'Spara plan' }).click();
    await expect.poll(() => markPlanned.isEnabled()).toBe(true);
    await markPlanned.click();
    await expect.poll(() => page.getByText('Planerad', { exact: true }).first().isVisible()).toBe(true);

    // The checklist comes from the question bank for the chosen clauses.
    await page.getByRole('button', { name: 'Lägg till frågor för kriterierna' }).click();
    const checklist = page.getByRole('list', { name: 'Checklistans frågor' });
    await expect.poll(() => checklist.getByRole('listitem').count()).toBeGreaterThan(1);
    expect(await checklist.getByText('7.1.4').first().isVisible()).toBe(true);

    const planned = audits().find((a) => a.title === TITLE);
    expect(planned).toMatchObject({ status: 'planned', impartialityJustification: expect.stringContaining('äldreomsorgen') });
    expect(planned?.impartialityWarnings).toEqual([{ person: 'Amira Haddad', role: 'lead', kind: 'own_unit', unit: 'Äldreomsorgen', process: null }]);

    // The matrix now shows the clause as planned for the unit, and the gap is gone.
    await app.open('#/programme/coverage', 'sv');
    const cell = page.getByRole('cell', { name: /^7\.1\.4 · Äldreomsorgen: / });
    await expect.poll(() => cell.getAttribute('aria-label')).toBe(`7.1.4 · Äldreomsorgen: Planerad (${planned?.number})`);
    expect(await page.getByRole('region', { name: 'Luckor' }).getByText('7.1.4 Miljö för processernas genomförande').count()).toBe(0);
  });

  it('lists the audit under its filters and shows it in the calendar, in English too', async () => {
    const { page } = app;
    await app.open('#/audits?year=2027&status=planned', 'en');
    const table = page.getByRole('table', { name: 'Audits' });
    await expect.poll(() => table.getByRole('row', { name: new RegExp(TITLE) }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /Fjärrvärme och avfall/ }).count()).toBe(0); // a draft
    await page.getByRole('tab', { name: 'Calendar' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'January 2027' }).isVisible()).toBe(true);
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Next month' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'April 2027' }).isVisible()).toBe(true);
    // Shown on both of its days, 13 and 14 April.
    expect(await page.getByRole('button', { name: new RegExp(`${TITLE}, Planned`) }).count()).toBe(2);
  });
});
