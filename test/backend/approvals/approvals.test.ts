import { describe, expect, it } from 'vitest';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { TransitionOption } from '../../../shared/contract/audits';
import type { ReportOverview } from '../../../shared/domain/reports';
import type { ApprovalRequirements, ApprovalStatus } from '../../../shared/domain/approvals';
import type { Audit } from '../../../shared/domain/audits';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { Programme } from '../../../shared/domain/programme';
import { issueReport } from '../../../electron/backend/features/reports';
import { caller, rejection, testBackend } from '../../helpers/tmp';

let clock = new Date('2026-11-24T09:00:00Z');
const tick = () => (clock = new Date(clock.getTime() + 60_000));

async function setup() {
  const backend = testBackend({ now: () => clock });
  const call = caller(backend);
  const unit = await call<Unit>('units.create', { name: 'Äldreomsorgen', kind: 'department' });
  const process = await call<Process>('processes.create', { name: 'Hemtjänst', ownerUnitId: unit.id, riskLevel: 'high' });
  const karin = await call<Person>('people.create', { name: 'Karin Lindqvist', email: 'karin@example.org', roles: ['audit_lead'] });
  const amira = await call<Person>('people.create', { name: 'Amira Haddad', email: 'amira@example.org', roles: ['auditor'] });
  const programme = await call<Programme>('programme.create', { title: 'Revisionsprogram 2026–2028', cycleStartYear: 2026, leadPersonId: karin.id });
  const audit = await call<Audit>('audits.create', {
    title: 'Hemtjänstens planering', type: 'internal', unitIds: [unit.id], processIds: [process.id], clauseNumbers: ['8.5'],
    startDate: '2027-03-02', endDate: '2027-03-03', team: [{ personId: karin.id, role: 'lead' }],
  });
  const decide = (subjectKind: string, subjectId: string, decision: 'approved' | 'returned', approverPersonId = karin.id, comment = '') => {
    tick();
    return call<ApprovalStatus>('approvals.decide', { subjectKind, subjectId, decision, approverPersonId, comment });
  };
  const status = (subjectKind: string, subjectId: string) => call<ApprovalStatus>('approvals.status', { subjectKind, subjectId });
  const approvalRows = () => backend.database.prepare('SELECT count(*) FROM approvals').pluck().get() as number;
  return { backend, call, unit, process, karin, amira, programme, audit, decide, status, approvalRows };
}

describe('recorded approvals against a real database', () => {
  it('records an approval with approver and time, and writes it to the audit trail', async () => {
    const { call, audit, karin, decide, status } = await setup();
    expect(await status('audit_plan', audit.id)).toMatchObject({ state: 'none', required: false, history: [] });
    const approved = await decide('audit_plan', audit.id, 'approved');
    expect(approved.state).toBe('approved');
    expect(approved.history).toEqual([
      expect.objectContaining({ decision: 'approved', approverPersonId: karin.id, approverName: 'Karin Lindqvist', decidedAt: clock.toISOString(), stale: false, revision: audit.revision }),
    ]);
    const trail = await call<AuditTrailEntry[]>('trail.list', { entityId: audit.id });
    const row = trail.find((e) => e.entity === 'audit_plan');
    expect(row).toMatchObject({ action: 'approve', after: { decision: 'approved', approver: 'Karin Lindqvist', approverPersonId: karin.id } });
  });

  it('returns with a comment, and refuses a return without one, changing nothing', async () => {
    const { call, audit, karin, decide, status, approvalRows } = await setup();
    const refused = await rejection(call('approvals.decide', { subjectKind: 'audit_plan', subjectId: audit.id, decision: 'returned', approverPersonId: karin.id, comment: '  ' }));
    expect(refused).toMatchObject({ code: 'invalid_input', params: { issues: [{ path: 'comment', message: 'comment_required' }] } });
    expect(approvalRows()).toBe(0);
    const returned = await decide('audit_plan', audit.id, 'returned', karin.id, 'Lägg till intervju med processägaren.');
    expect(returned).toMatchObject({ state: 'returned', history: [{ decision: 'returned', comment: 'Lägg till intervju med processägaren.' }] });
    // a later approval is the newest decision; the return stays in the history
    const approved = await decide('audit_plan', audit.id, 'approved');
    expect(approved.state).toBe('approved');
    expect(approved.history.map((a) => a.decision)).toEqual(['approved', 'returned']);
    expect((await status('audit_plan', audit.id)).history).toHaveLength(2);
    const trail = await call<AuditTrailEntry[]>('trail.list', { entityId: audit.id });
    expect(trail.filter((e) => e.entity === 'audit_plan').map((e) => e.action).sort()).toEqual(['approve', 'return']);
  });

  it('lets only a person with the audit lead role decide', async () => {
    const { call, audit, amira, approvalRows } = await setup();
    const refused = await rejection(call('approvals.decide', { subjectKind: 'audit_plan', subjectId: audit.id, decision: 'approved', approverPersonId: amira.id }));
    expect(refused).toMatchObject({ code: 'forbidden', params: { reason: 'not_approver', name: 'Amira Haddad' } });
    const missing = await rejection(call('approvals.decide', { subjectKind: 'audit_plan', subjectId: 'no-such-audit', decision: 'approved', approverPersonId: amira.id }));
    expect(missing.code).toBe('forbidden');
    expect(approvalRows()).toBe(0);
  });

  it('shows an approval stale once the approved plan changes, but not after a status change', async () => {
    const { call, audit, decide, status, karin } = await setup();
    await decide('audit_plan', audit.id, 'approved');
    const planned = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to: 'planned' });
    expect((await status('audit_plan', audit.id)).state).toBe('approved');
    const { id, revision, ...rest } = planned;
    void id;
    await call<Audit>('audits.update', {
      id: audit.id, revision,
      fields: {
        title: rest.title, type: rest.type, unitIds: rest.unitIds, processIds: rest.processIds, clauseNumbers: ['8.5', '9.1'],
        startDate: rest.startDate, endDate: rest.endDate, team: [{ personId: karin.id, role: 'lead' }],
      },
    });
    const stale = await status('audit_plan', audit.id);
    expect(stale.state).toBe('stale');
    expect(stale.history[0]).toMatchObject({ decision: 'approved', stale: true });
    expect((await decide('audit_plan', audit.id, 'approved')).state).toBe('approved');
  });

  it('blocks "planned" until the plan is approved when the coordinator requires it', async () => {
    const { call, audit, decide } = await setup();
    const req = await call<ApprovalRequirements>('approvals.setRequirements', { programme: false, programme_year: false, audit_plan: true, report: false });
    expect(req.audit_plan).toBe(true);
    const options = await call<TransitionOption[]>('audits.transitions', { id: audit.id });
    expect(options).toEqual([{ to: 'planned', check: { ok: false, reason: 'plan_not_approved' } }]);
    const refused = await rejection(call('audits.transition', { id: audit.id, revision: audit.revision, to: 'planned' }));
    expect(refused).toMatchObject({ code: 'invalid_transition', params: { reason: 'plan_not_approved' } });
    expect((await call<Audit>('audits.get', { id: audit.id })).status).toBe('draft');
    // a returned plan does not pass either
    await decide('audit_plan', audit.id, 'returned', undefined, 'Saknar stickprov.');
    expect((await call<TransitionOption[]>('audits.transitions', { id: audit.id }))[0]?.check.ok).toBe(false);
    await decide('audit_plan', audit.id, 'approved');
    const planned = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to: 'planned' });
    expect(planned.status).toBe('planned');
  });

  it('blocks the year\'s audits until the year plan is approved, and the year plan until the programme is, when required', async () => {
    const { call, audit, programme, decide, status } = await setup();
    await call('approvals.setRequirements', { programme: true, programme_year: true, audit_plan: false, report: false });
    const year = programme.years.find((y) => y.year === 2027)!;
    expect(await call<TransitionOption[]>('audits.transitions', { id: audit.id })).toEqual([{ to: 'planned', check: { ok: false, reason: 'year_plan_not_approved' } }]);
    const early = await rejection(decide('programme_year', year.id, 'approved'));
    expect(early).toMatchObject({ code: 'invalid_transition', params: { reason: 'programme_not_approved' } });
    expect((await status('programme_year', year.id)).state).toBe('none');
    await decide('programme', programme.id, 'approved');
    await decide('programme_year', year.id, 'approved');
    expect((await call<TransitionOption[]>('audits.transitions', { id: audit.id }))[0]?.check).toEqual({ ok: true });
  });

  it('holds the report back until it is approved as it will be issued, when required', async () => {
    const { call, audit, decide, status, backend } = await setup();
    await call('approvals.setRequirements', { programme: false, programme_year: false, audit_plan: false, report: true });
    backend.database.prepare("UPDATE audits SET status = 'in_progress', summary = 'S', conclusion = 'C', fulfilment = 'largely' WHERE id = ?").run(audit.id);
    expect((await call<ReportOverview>('reports.status', { auditId: audit.id })).blockers).toEqual(['approval']);
    const approved = await decide('report', audit.id, 'approved');
    expect(approved.history[0]?.revision).toBe(1);
    expect((await call<ReportOverview>('reports.status', { auditId: audit.id })).blockers).toEqual([]);
    // new conclusions after the approval: the report to be issued is no longer the approved one
    const current = await call<Audit>('audits.get', { id: audit.id });
    await call('reports.saveConclusions', {
      auditId: audit.id, revision: current.revision,
      fields: { summary: 'Ny sammanfattning', conclusion: 'C', fulfilment: 'largely', divergingOpinions: '', areasNotCovered: '' },
    });
    expect((await status('report', audit.id)).state).toBe('stale');
    expect((await call<ReportOverview>('reports.status', { auditId: audit.id })).blockers).toEqual(['approval']);
    // issuing checks the approval before it ever opens a signing key
    const refused = await rejection(
      issueReport(backend.ctx(), { auditId: audit.id, auditRevision: null, lang: 'sv', signerRole: '', reason: '' }, { p12: Buffer.alloc(0), passphrase: 'x', identityId: null }),
    );
    expect(refused).toMatchObject({ code: 'invalid_transition', params: { reason: 'report_not_approved' } });
    expect(backend.database.prepare('SELECT count(*) FROM report_revisions').pluck().get()).toBe(0);
  });

  it('journals approvals for packages and the team server, under the audit they belong to', async () => {
    const { audit, programme, decide, backend } = await setup();
    await decide('audit_plan', audit.id, 'approved');
    await decide('programme', programme.id, 'approved');
    const changes = backend.database.prepare("SELECT row_id, audit_id, fields_json FROM change_log WHERE tbl = 'approvals' ORDER BY seq").all() as {
      row_id: string; audit_id: string | null; fields_json: string;
    }[];
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ audit_id: audit.id });
    expect(JSON.parse(changes[0]!.fields_json)).toMatchObject({ subject_kind: 'audit_plan', subject_id: audit.id, decision: 'approved' });
    expect(changes[1]).toMatchObject({ audit_id: null });
  });
});
