import fs from 'node:fs';
import { Workbook } from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDay } from '../../shared/domain/cases';
import type { Audit } from '../../shared/domain/audits';
import type { Finding } from '../../shared/domain/findings';
import type { Person, Unit } from '../../shared/domain/org';
import { apiCall, skipE2E, startApp, type RunningApp } from '../helpers/e2e';

describe.skipIf(skipE2E())('corrective actions in the browser', () => {
  let app: RunningApp;
  let audit: Audit;
  let finding: Finding;
  const today = localDay(new Date());

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'sv' });
    // The premise: an external surveillance audit that found one nonconformity and is reported.
    const people = await apiCall<Person[]>(app, 'people.list', {});
    const units = await apiCall<Unit[]>(app, 'units.list', {});
    const karin = people.find((p) => p.name === 'Karin Lindqvist')!;
    const care = units.find((u) => u.name === 'Äldreomsorgen')!;
    await apiCall(app, 'app.updateSettings', { currentPersonId: karin.id });
    audit = await apiCall<Audit>(app, 'audits.create', {
      title: 'Certifieringsorganets uppföljning av läkemedelshantering', type: 'external_surveillance', unitIds: [care.id],
      clauseNumbers: ['8.5.1'], startDate: addDays(today, -20), endDate: addDays(today, -20), team: [{ personId: karin.id, role: 'lead' }],
    });
    for (const to of ['planned', 'in_progress']) audit = await apiCall<Audit>(app, 'audits.transition', { id: audit.id, revision: audit.revision, to });
    finding = await apiCall<Finding>(app, 'findings.create', {
      auditId: audit.id,
      fields: {
        type: 'minor_nc', clauseNumbers: ['8.5.1'], unitId: care.id,
        requirement: 'Läkemedelslistor ska stämmas av vid varje ändrad ordination.',
        evidence: 'Två av åtta läkemedelslistor var inte avstämda efter ändrad ordination.',
        statement: 'Läkemedelslistor stäms inte av efter ändrad ordination. Det gäller två boenden.',
      },
    });
    audit = await apiCall<Audit>(app, 'audits.transition', { id: audit.id, revision: audit.revision, to: 'reported' });
  });
  afterAll(async () => app?.stop());

  it('runs a nonconformity through planning, a failed verification, reopening and closure, and then the audit closes', async () => {
    const { page } = app;
    await app.open('#/cases', 'sv');
    await expect.poll(() => page.getByRole('heading', { name: 'Avvikelser och korrigerande åtgärder' }).isVisible()).toBe(true);

    // The nonconformity has no case yet: the register says so and opens one from it.
    await page.getByRole('button', { name: 'Visa och skapa ärenden' }).click();
    await page.getByRole('dialog', { name: 'Avvikelser från revisioner utan ärende' }).getByRole('button', { name: `Skapa ärende ${finding.number}` }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Läkemedelslistor stäms inte av efter ändrad ordination' }).isVisible()).toBe(true);
    const status = (name: string) => page.getByLabel(`Status: ${name}`, { exact: true }).isVisible();
    expect(await status('Öppen')).toBe(true);
    expect(await page.getByRole('link', { name: new RegExp(`avvikelse ${finding.number}`) }).isVisible()).toBe(true);

    // Correction and the five whys.
    await page.getByRole('tab', { name: 'Korrigering och orsak' }).click();
    await page.getByLabel('Korrigering (omedelbar åtgärd)').fill('Listorna stämdes av samma dag.');
    await page.getByLabel('Varför 1?').fill('Sjuksköterskan hann inte stämma av.');
    await page.getByLabel('Varför 2?').fill('Avstämningen är inte schemalagd.');
    await page.getByLabel('Grundorsak', { exact: true }).fill('Rutinen saknar tid och ansvarig för avstämning.');
    await page.getByText('Rutiner och arbetssätt', { exact: true }).click();
    expect(await page.getByRole('checkbox', { name: 'Rutiner och arbetssätt' }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Spara analys' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Spara analys' }).isDisabled()).toBe(true);

    // Plan an action: the case moves to "action planned".
    const addAction = async (text: string) => {
      await page.getByRole('tab', { name: /Åtgärder/ }).click();
      await page.getByRole('button', { name: 'Lägg till åtgärd' }).click();
      const dialog = page.getByRole('dialog', { name: 'Lägg till åtgärd' });
      await dialog.getByRole('textbox', { name: 'Åtgärd' }).fill(text);
      await dialog.getByRole('textbox', { name: 'Ansvarig' }).click();
      await page.getByRole('option', { name: 'Amira Haddad' }).click();
      await dialog.getByLabel('Klart senast').fill(addDays(today, 10));
      await dialog.getByRole('button', { name: 'Spara' }).click();
      await expect.poll(() => dialog.isVisible()).toBe(false);
    };
    const implement = async () => {
      await page.getByRole('button', { name: 'Markera som klar' }).click();
      await expect.poll(() => page.getByText(`Klar ${today}`).last().isVisible()).toBe(true);
      await page.getByRole('button', { name: 'Markera ärendet som genomfört' }).click();
      await expect.poll(() => status('Genomförd')).toBe(true);
    };
    const verify = async (result: string, evidence: string) => {
      await page.getByRole('tab', { name: 'Verifiering' }).click();
      const form = page.getByRole('form', { name: 'Verifiering av effektivitet' });
      // The person chosen in settings is an auditor and is offered as the verifier.
      expect(await form.getByRole('textbox', { name: 'Verifierad av' }).inputValue()).toBe('Karin Lindqvist');
      await form.getByRole('radio', { name: result }).check();
      await form.getByLabel('Underlag').fill(evidence);
      await form.getByRole('button', { name: 'Registrera verifiering' }).click();
    };

    await addAction('Schemalägg avstämning av läkemedelslistor varje tisdag');
    await expect.poll(() => status('Åtgärd planerad')).toBe(true);
    expect(await page.getByRole('button', { name: 'Markera ärendet som genomfört' }).isDisabled()).toBe(true);
    await implement();

    // Not effective: the case reopens and the audit still cannot close.
    await verify('Inte effektiv – återöppna ärendet', 'Stickprov: en av fem listor fortfarande inte avstämd.');
    await expect.poll(() => status('Återöppnad')).toBe(true);
    expect(await page.getByText('Åtgärderna var inte effektiva. Utred orsaken på nytt och planera nya åtgärder.').isVisible()).toBe(true);
    const stillOpen = await apiCall(app, 'audits.transition', { id: audit.id, revision: audit.revision, to: 'closed' }).catch((e: Error) => e.message);
    expect(stillOpen).toContain('open_nonconformities');

    // A new action, done, implemented, and this time effective: the case closes.
    await addAction('Lägg avstämningen i sjuksköterskornas checklista');
    await expect.poll(() => status('Åtgärd planerad')).toBe(true);
    await implement();
    await verify('Effektiv – stäng ärendet', 'Stickprov på tio listor: alla avstämda inom ett dygn.');
    await expect.poll(() => page.getByText(`Ärendet är stängt: åtgärderna verifierades som effektiva ${today}.`, { exact: false }).isVisible()).toBe(true);
    const history = page.getByRole('tabpanel');
    expect(await history.getByText('Inte effektiv', { exact: true }).isVisible()).toBe(true);
    expect(await history.getByText('Effektiv', { exact: true }).isVisible()).toBe(true);

    // The audit's own status control now lets it close.
    await app.open(`#/audits/${audit.id}`, 'sv');
    await page.getByRole('button', { name: 'Avsluta revisionen' }).click();
    await expect.poll(async () => (await apiCall<Audit>(app, 'audits.get', { id: audit.id })).status).toBe('closed');

    const cli = app.cli(['actions', '--db', app.dbFile, '--json']);
    expect(cli.status).toBe(0);
    const lines = JSON.parse(cli.stdout) as { findingNumber: string | null; status: string; overdue: boolean; source: string }[];
    expect(lines.find((l) => l.findingNumber === finding.number)).toMatchObject({ status: 'closed', overdue: false, source: 'external_audit' });
  });

  it('shows management the overdue cases, highlighted, and hands them over as a PDF', async () => {
    const { page } = app;
    await app.open('#/cases', 'sv');
    const overdueCard = page.getByRole('button', { name: /^Försenade: \d+$/ });
    const count = Number(/(\d+)$/.exec((await overdueCard.getAttribute('aria-label')) ?? '')?.[1]);
    expect(count).toBeGreaterThan(0);
    await overdueCard.click();
    const table = page.getByRole('table', { name: 'Åtgärdsregister' });
    await expect.poll(() => table.getByRole('row').count()).toBe(count + 1);
    expect(await table.getByText('Försenad', { exact: true }).count()).toBe(count);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exportera' }).click();
    await page.getByRole('menuitem', { name: 'PDF för ledningen' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`atgardsregister-${today}.pdf`);
    const saved = await file.path();
    expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('imports an existing register from XLSX only after the preview and the person’s acceptance', async () => {
    const { page } = app;
    const wb = new Workbook();
    const ws = wb.addWorksheet('Avvikelser');
    ws.addRow(['Löpnr', 'Datum', 'Rubrik', 'Källa', 'Enhet', 'Ansvarig', 'Klart senast']);
    ws.addRow(['G-1', new Date(Date.UTC(2026, 2, 4)), 'Trasig lyft på Solgården', 'Incident', 'Äldreomsorgen', 'Lars Öhman', addDays(today, 30)]);
    ws.addRow(['G-2', new Date(Date.UTC(2026, 3, 9)), 'Klagomål på snöröjning', 'Klagomål', 'Hemtjänst Norr', '', '']);
    ws.addRow(['G-3', new Date(Date.UTC(2026, 4, 12)), 'Fel i hyresavi', 'Klagomål', 'Sjöviksbostäder AB', 'Gustav Holm', '']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());

    await app.open('#/cases', 'sv');
    const before = (await apiCall<unknown[]>(app, 'cases.list', {})).length;
    await page.getByRole('button', { name: 'Importera…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importera avvikelseregister' });
    await dialog.locator('input[type="file"]').setInputFiles({ name: 'gamla-avvikelser.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await expect.poll(() => dialog.getByText('2 av 3 rader kan importeras.').isVisible()).toBe(true);
    expect(await dialog.getByRole('list', { name: 'Valideringsrapport' }).getByText('Okänd enhet ”Hemtjänst Norr”').isVisible()).toBe(true);
    // Nothing is saved before acceptance.
    expect((await apiCall<unknown[]>(app, 'cases.list', {})).length).toBe(before);

    await dialog.getByRole('button', { name: 'Importera 2 ärenden' }).click();
    await expect.poll(() => dialog.getByText('2 ärenden importerades.').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Stäng' }).click();
    await page.getByRole('textbox', { name: 'Sök' }).fill('Trasig lyft');
    await expect.poll(() => page.getByRole('table', { name: 'Åtgärdsregister' }).getByRole('row', { name: /AV-2026-\d{3}.*Trasig lyft på Solgården/ }).count()).toBe(1);
    expect((await apiCall<unknown[]>(app, 'cases.list', {})).length).toBe(before + 2);
  });

  it('reads in English too', async () => {
    const { page } = app;
    await app.open('#/cases/mine', 'en');
    await expect.poll(() => page.getByRole('heading', { name: 'Nonconformities and corrective actions' }).isVisible()).toBe(true);
    expect(await page.getByRole('tab', { name: 'My actions', selected: true }).isVisible()).toBe(true);
    // Karin was chosen in settings: her cases waiting for verification (if any) and actions show without picking anyone.
    expect(await page.getByRole('textbox', { name: 'Person' }).inputValue()).toBe('Karin Lindqvist');
    await page.getByRole('tab', { name: 'By unit' }).click();
    await expect.poll(() => page.getByRole('table', { name: 'Cases by unit' }).getByRole('row', { name: /Äldreomsorgen/ }).isVisible()).toBe(true);
  });
});
