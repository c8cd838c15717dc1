import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';
import { externalTool } from '../backend/signing/helpers';

const pdftotext = externalTool('pdftotext', 'poppler-utils', true);
const BASIC = 'Basic internal audit course';
const LEAD_COURSE = 'Lead auditor training ISO 19011';

/**
 * Issue 15.1 as the coordinator does it: records an auditor's training, sets what a lead needs,
 * sees a planned audit's team fall short of it, and downloads the auditor register.
 */
describe.skipIf(skipE2E())('auditor competence in the browser', () => {
  let app: RunningApp;
  let audit: { id: string; number: string };
  let lead: string;

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'en' });
    const db = new Database(app.dbFile, { readonly: true });
    const row = db
      .prepare(
        `SELECT a.id, a.number, p.name AS lead FROM audits a JOIN audit_team t ON t.audit_id = a.id AND t.role = 'lead' JOIN people p ON p.id = t.person_id
         WHERE a.status = 'planned' AND a.type = 'internal' AND a.locked = 0 ORDER BY a.number LIMIT 1`,
      )
      .get() as { id: string; number: string; lead: string } | undefined;
    db.close();
    if (!row) throw new Error('the demo has no planned internal audit with a lead');
    audit = row;
    lead = row.lead;
  });
  afterAll(async () => app?.stop());

  it("adds a training record to the planned audit's lead", async () => {
    const { page } = app;
    await app.open('#/competence', 'en');
    await page.getByRole('button', { name: `Add training: ${lead}` }).click();
    const dialog = page.getByRole('dialog', { name: `Add training: ${lead}` });
    // the date is required: refused with the field marked, nothing saved
    await dialog.getByLabel(/^Course or qualification/).fill(BASIC);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => dialog.getByText('Some fields need attention. Nothing was saved.').isVisible(), { timeout: 15_000 }).toBe(true);
    await dialog.getByLabel(/^Completed/).fill('2026-02-10');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const person = page.getByRole('region', { name: lead, exact: true });
    await expect.poll(() => person.getByRole('cell', { name: BASIC, exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await person.getByRole('cell', { name: '2026-02-10', exact: true }).isVisible()).toBe(true);
    // one record, though Save was pressed twice (the first refused)
    expect(await person.getByRole('cell', { name: BASIC, exact: true }).count()).toBe(1);
  });

  it('sets the lead rule, and the planned audit warns that its lead lacks the missing course only', async () => {
    const { page } = app;
    const rule = page.getByRole('region', { name: 'Lead auditor' });
    const courses = rule.getByRole('textbox', { name: /Required courses/ });
    await courses.fill(BASIC);
    await courses.press('Enter');
    await courses.fill(LEAD_COURSE);
    await courses.press('Enter');
    await rule.getByRole('button', { name: 'Save rule: Lead auditor' }).click();
    // saved and read back: the rule survives a reload
    await app.open('#/competence', 'en');
    await expect.poll(() => page.getByRole('region', { name: 'Lead auditor' }).getByText(LEAD_COURSE).isVisible(), { timeout: 15_000 }).toBe(true);

    await app.open(`#/audits/${audit.id}`, 'en');
    const warning = page.getByRole('status').filter({ hasText: 'The team does not meet the competence rules' });
    await expect.poll(() => warning.isVisible(), { timeout: 20_000 }).toBe(true);
    expect(await warning.textContent()).toContain(`${lead} (Lead auditor) has no record of the course “${LEAD_COURSE}”.`);
    // the course she has on record is not held against her
    expect(await warning.textContent()).not.toContain(`“${BASIC}”`);
  });

  it("downloads the auditor register PDF with the lead's training and the rule", async () => {
    const { page } = app;
    await app.open('#/competence', 'en');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Auditor register (PDF)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const file = path.join(app.dataDir, 'register.pdf');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    if (!pdftotext.skip) {
      const text = spawnSync(pdftotext.path as string, [file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
      expect(text).toContain('Auditor register');
      expect(text).toContain(lead);
      expect(text).toContain(BASIC);
      expect(text).toContain(LEAD_COURSE);
    }
  });
});
