import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApprovalStatus } from '../../shared/domain/approvals';
import type { Audit } from '../../shared/domain/audits';
import type { Person } from '../../shared/domain/org';
import type { Programme } from '../../shared/domain/programme';
import { apiCall, skipE2E, startApp, type RunningApp } from '../helpers/e2e';

/**
 * Issue 15.2 as the coordinator meets it: the programme shows its approvals; the coordinator
 * requires approved audit plans in Settings; the plan returned earlier cannot be marked as planned
 * until she approves it, and then it can.
 */
describe.skipIf(skipE2E())('approvals in the browser', () => {
  let app: RunningApp;
  let draft: Audit;

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'en' });
    const people = await apiCall<Person[]>(app, 'people.list', {});
    const karin = people.find((p) => p.email === 'karin.lindqvist@sjovik.example')!;
    await apiCall(app, 'app.updateSettings', { currentPersonId: karin.id });
    const drafts = await apiCall<Audit[]>(app, 'audits.list', { status: 'draft' });
    const plans = await apiCall<ApprovalStatus[]>(app, 'approvals.statuses', { subjectKind: 'audit_plan', subjectIds: drafts.map((a) => a.id) });
    draft = drafts.find((a) => a.id === plans.find((s) => s.state === 'returned')?.subjectId)!;
    expect(draft).toBeTruthy();
  });
  afterAll(async () => app?.stop());

  it('shows the approved programme and the year plans with who approved them', async () => {
    const [programme] = await apiCall<Programme[]>(app, 'programme.list', {});
    await app.open('#/programme', 'en');
    const { page } = app;
    const panel = page.getByRole('region', { name: 'Approval of the audit programme' });
    await expect.poll(() => panel.getByText('Approved', { exact: true }).isVisible()).toBe(true);
    expect(await panel.getByText(/Approved by Karin Lindqvist, \d{4}-11-20/).isVisible()).toBe(true);
    const year = page.getByRole('region', { name: `Approval of the year plan ${programme!.cycleStartYear}` });
    expect(await year.getByText(/Approved by Karin Lindqvist/).isVisible()).toBe(true);
    await year.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/granska-approvals-programme.png', fullPage: false });
  });

  it('previews recurring audits of a process, creates the missing drafts, and has nothing left to create after', async () => {
    const { page } = app;
    const before = (await apiCall<Audit[]>(app, 'audits.list', { status: 'draft' })).length;
    await app.open('#/programme', 'en');
    await page.getByRole('button', { name: 'Plan recurring audits…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Recurring audits' });
    await dialog.getByRole('textbox', { name: 'Process or unit' }).fill('Hemtjänst');
    await page.getByRole('option', { name: 'Hemtjänst', exact: true }).click();
    await dialog.getByLabel('First audit on').fill('2026-03-01');
    await dialog.getByRole('button', { name: 'Show what will be created' }).click();
    const table = dialog.getByRole('table');
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.getByText(/Already planned: IR-2027-\d+ Hemtjänst och särskilt boende/).isVisible()).toBe(true);
    expect(await table.getByText('Will be created: Hemtjänst').isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/granska-recurring.png', fullPage: false });
    await dialog.getByRole('button', { name: 'Create 1 draft audit' }).click();
    await expect.poll(async () => (await apiCall<Audit[]>(app, 'audits.list', { status: 'draft' })).length).toBe(before + 1);

    await page.getByRole('button', { name: 'Plan recurring audits…' }).click();
    await dialog.getByRole('textbox', { name: 'Process or unit' }).fill('Hemtjänst');
    await page.getByRole('option', { name: 'Hemtjänst', exact: true }).click();
    await dialog.getByLabel('First audit on').fill('2026-03-01');
    await dialog.getByRole('button', { name: 'Show what will be created' }).click();
    await expect.poll(() => dialog.getByText('Nothing to create: every occurrence in the cycle is already planned.').isVisible()).toBe(true);
  });

  it('holds a returned plan in draft once Settings require approval, and lets it pass after the coordinator approves', async () => {
    const { page } = app;
    await app.open('#/settings', 'en');
    const required = page.getByRole('region', { name: 'Required approvals' });
    await required.getByRole('checkbox', { name: 'Each audit plan, before the audit is marked as planned' }).check();
    await expect.poll(() => apiCall<{ audit_plan: boolean }>(app, 'approvals.requirements', {}).then((r) => r.audit_plan)).toBe(true);

    await app.open(`#/audits/${draft.id}`, 'en');
    const panel = page.getByRole('region', { name: 'Approval of the audit plan' });
    await expect.poll(() => panel.getByText('Returned', { exact: true }).isVisible()).toBe(true);
    expect(await panel.getByText('Lägg till intervju med processägaren', { exact: false }).isVisible()).toBe(true);
    expect(await panel.getByText('Required before the audit is marked as planned (Settings).').isVisible()).toBe(true);
    const markPlanned = page.getByRole('button', { name: 'Mark as planned' });
    expect(await markPlanned.isDisabled()).toBe(true);
    await markPlanned.hover({ force: true });
    await expect.poll(() => page.getByText('The audit plan must be approved before the audit is marked as planned').isVisible()).toBe(true);

    await panel.getByRole('button', { name: 'Approve' }).click();
    const dialog = page.getByRole('dialog', { name: 'Approve the audit plan' });
    await dialog.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => panel.getByText('Approved', { exact: true }).isVisible()).toBe(true);
    expect(await panel.getByText(/Approved by Karin Lindqvist/).isVisible()).toBe(true);
    await page.screenshot({ path: '/tmp/granska-approvals-plan.png', fullPage: false });

    await expect.poll(() => markPlanned.isEnabled()).toBe(true);
    await markPlanned.click();
    await expect.poll(async () => (await apiCall<Audit>(app, 'audits.get', { id: draft.id })).status).toBe('planned');

    const db = new Database(app.dbFile, { readonly: true });
    try {
      const rows = db.prepare("SELECT action, actor FROM audit_trail WHERE entity = 'audit_plan' AND entity_id = ? ORDER BY seq").all(draft.id) as { action: string; actor: string }[];
      expect(rows.map((r) => r.action)).toEqual(['return', 'approve']);
      expect(rows[1]?.actor).toContain('Karin Lindqvist');
    } finally {
      db.close();
    }
  });
});
