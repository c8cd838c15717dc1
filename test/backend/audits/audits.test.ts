import { describe, expect, it } from 'vitest';
import type { Audit, ChecklistItem, Question } from '../../../shared/domain/audits';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { Programme } from '../../../shared/domain/programme';
import type { CoverageReport, TransitionOption } from '../../../shared/contract/audits';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { ApprovalStatus } from '../../../shared/domain/approvals';
import { caller, rejection, testBackend } from '../../helpers/tmp';

const NOW = new Date('2026-11-24T09:00:00Z');

async function setup() {
  const backend = testBackend({ now: () => NOW });
  const call = caller(backend);
  const social = await call<Unit>('units.create', { name: 'Socialförvaltningen', code: 'SOC', kind: 'administration' });
  const care = await call<Unit>('units.create', { name: 'Äldreomsorgen', kind: 'department', parentId: social.id });
  const build = await call<Unit>('units.create', { name: 'Miljö- och byggförvaltningen', kind: 'administration' });
  const homeCare = await call<Process>('processes.create', { name: 'Hemtjänst', ownerUnitId: care.id, riskLevel: 'high' });
  const permits = await call<Process>('processes.create', { name: 'Bygglov', ownerUnitId: build.id, riskLevel: 'low' });
  const karin = await call<Person>('people.create', { name: 'Karin Lindqvist', email: 'karin@example.org', roles: ['audit_lead'], homeUnitId: build.id });
  const amira = await call<Person>('people.create', { name: 'Amira Haddad', email: 'amira@example.org', roles: ['auditor'], homeUnitId: social.id });
  const plan = (over: Record<string, unknown> = {}) => ({
    title: 'Hemtjänstens planering',
    type: 'internal',
    unitIds: [care.id],
    processIds: [homeCare.id],
    clauseNumbers: ['8.5'],
    startDate: '2027-03-02',
    endDate: '2027-03-03',
    team: [{ personId: karin.id, role: 'lead' }],
    ...over,
  });
  return { backend, call, social, care, build, homeCare, permits, karin, amira, plan };
}

describe('audit plans against a real database', () => {
  it('creates a plan with a readable number, normalised clauses, team and schedule, and lists it by its filters', async () => {
    const { call, care, karin, plan } = await setup();
    const audit = await call<Audit>('audits.create', plan({
      clauseNumbers: ['8.5', '9.2'],
      otherCriteria: [{ kind: 'law', text: 'Socialtjänstlagen (2001:453)' }],
      schedule: [
        { day: '2027-03-02', startTime: '09:00', endTime: '09:30', activity: 'opening_meeting', place: 'Solgården', participants: 'Enhetschef' },
        { day: '2027-03-03', startTime: '15:00', endTime: '15:30', activity: 'closing_meeting' },
      ],
      auditeeContacts: [{ name: 'Lars Öhman', email: 'Lars@Example.org', role: 'Verksamhetschef' }],
      distribution: [{ name: 'Socialnämnden' }],
    }));
    expect(audit).toMatchObject({ number: 'IR-2027-001', status: 'draft', year: 2027, revision: 1, locked: false });
    // Picking section 8.5 stores it with every sub-clause, so coverage and checklists see them all.
    expect(audit.clauseNumbers).toEqual(['8.5', '8.5.1', '8.5.2', '8.5.3', '8.5.4', '8.5.5', '8.5.6', '9.2']);
    expect(audit.team).toEqual([{ personId: karin.id, role: 'lead' }]);
    expect(audit.schedule.map((s) => s.activity)).toEqual(['opening_meeting', 'closing_meeting']);
    expect(audit.auditeeContacts[0]?.email).toBe('lars@example.org');

    const second = await call<Audit>('audits.create', plan({ title: 'Leverantörsbesök', type: 'supplier', unitIds: [] }));
    expect(second.number).toBe('LR-2027-002');

    expect((await call<Audit[]>('audits.list', { year: 2027, unitId: care.id })).map((a) => a.number)).toEqual(['IR-2027-001']);
    expect((await call<Audit[]>('audits.list', { leadPersonId: karin.id, type: 'supplier' })).map((a) => a.number)).toEqual(['LR-2027-002']);
    expect(await call<Audit[]>('audits.list', { year: 2026 })).toEqual([]);
    expect((await call<Audit[]>('audits.list', { search: 'hemtjänst' })).length).toBe(1);
  });

  it('refuses an invalid plan with a clear message per field and saves nothing', async () => {
    const { call, plan, karin } = await setup();
    const err = await rejection(call('audits.create', plan({ endDate: '2027-03-01', clauseNumbers: [], team: [{ personId: karin.id, role: 'auditor' }] })));
    expect(err.code).toBe('invalid_input');
    expect(err.params.issues).toEqual(
      expect.arrayContaining([
        { path: 'endDate', message: 'end_before_start' },
        { path: 'clauseNumbers', message: 'no_criteria' },
        { path: 'team', message: 'lead_required' },
      ]),
    );
    const bad = await rejection(call('audits.create', plan({ clauseNumbers: ['99.9'] })));
    expect(bad.params.issues).toEqual([{ path: 'clauseNumbers.0', message: 'not_found' }]);
    const outside = await rejection(call('audits.create', plan({ schedule: [{ day: '2027-04-01', activity: 'interview' }] })));
    expect(outside.params.issues).toEqual([{ path: 'schedule.0.day', message: 'outside_dates' }]);
    expect(await call<Audit[]>('audits.list', {})).toEqual([]);
    expect((await call<AuditTrailEntry[]>('trail.list', {})).filter((e) => e.entity === 'audit')).toEqual([]);
  });

  it('warns about impartiality through unit ancestry and needs a justification to leave draft', async () => {
    const { call, plan, amira, karin } = await setup();
    // Amira works in Socialförvaltningen, which holds Äldreomsorgen (audited) and owns Hemtjänst through it.
    const audit = await call<Audit>('audits.create', plan({ team: [{ personId: karin.id, role: 'lead' }, { personId: amira.id, role: 'auditor' }] }));
    const options = await call<TransitionOption[]>('audits.transitions', { id: audit.id });
    expect(options).toEqual([{ to: 'planned', check: { ok: false, reason: 'impartiality_unjustified' } }]);
    const refused = await rejection(call('audits.transition', { id: audit.id, revision: audit.revision, to: 'planned' }));
    expect(refused).toMatchObject({ code: 'invalid_transition', params: { reason: 'impartiality_unjustified' } });
    expect((await call<Audit>('audits.get', { id: audit.id })).status).toBe('draft');

    const justified = await call<Audit>('audits.update', {
      id: audit.id, revision: audit.revision,
      fields: plan({
        team: [{ personId: karin.id, role: 'lead' }, { personId: amira.id, role: 'auditor' }],
        impartialityJustification: 'Amira har specialistkunskap; hon granskar inte sitt eget arbete och leds av Karin.',
      }),
    });
    const planned = await call<Audit>('audits.transition', { id: audit.id, revision: justified.revision, to: 'planned' });
    expect(planned.status).toBe('planned');
    expect(planned.impartialityJustification).toContain('specialistkunskap');

    // Out of draft, removing the justification while the conflict remains is refused.
    const err = await rejection(call('audits.update', {
      id: audit.id, revision: planned.revision,
      fields: plan({ team: [{ personId: karin.id, role: 'lead' }, { personId: amira.id, role: 'auditor' }] }),
    }));
    expect(err.params.issues).toEqual([{ path: 'impartialityJustification', message: 'justification_required' }]);
  });

  it('moves through the statuses by the rules and refuses the rest', async () => {
    const { call, backend, plan } = await setup();
    let audit = await call<Audit>('audits.create', plan());
    const move = async (to: string) => (audit = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to }));
    expect((await rejection(call('audits.transition', { id: audit.id, revision: audit.revision, to: 'closed' }))).params.reason).toBe('not_allowed');
    await move('planned');
    await move('in_progress');
    expect((await rejection(call('audits.transition', { id: audit.id, revision: audit.revision, to: 'reported' }))).params.reason).toBe(
      'report_not_issued',
    );
    // Issuing a report (another feature) locks the audit and marks it reported.
    backend.database.prepare("UPDATE audits SET locked = 1, status = 'reported' WHERE id = ?").run(audit.id);
    audit = await call<Audit>('audits.get', { id: audit.id });
    const locked = await rejection(call('audits.update', { id: audit.id, revision: audit.revision, fields: plan({ title: 'Ändrad' }) }));
    expect(locked.code).toBe('locked');
    await move('closed');
    expect(audit.status).toBe('closed');
    const stale = await rejection(call('audits.transition', { id: audit.id, revision: 1, to: 'reported' }));
    expect(stale.code).toBe('conflict');
  });

  it('lets external audits be reported without a Granska report and renumbers a draft that moves year', async () => {
    const { call, plan } = await setup();
    let audit = await call<Audit>('audits.create', plan({ type: 'external_surveillance', externalBody: 'Certifieringsorganet AB' }));
    expect(audit.number).toBe('EX-2027-001');
    audit = await call<Audit>('audits.update', { id: audit.id, revision: audit.revision, fields: plan({ type: 'external_surveillance', startDate: '2028-01-10', endDate: '2028-01-11' }) });
    expect(audit.number).toBe('EX-2028-001');
    for (const to of ['planned', 'in_progress', 'reported']) {
      audit = await call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to });
    }
    expect(audit.status).toBe('reported');
  });

  it('deletes only drafts', async () => {
    const { call, plan } = await setup();
    const draft = await call<Audit>('audits.create', plan());
    expect(await call('audits.delete', { id: draft.id, revision: draft.revision })).toEqual({ id: draft.id });
    const other = await call<Audit>('audits.create', plan());
    const planned = await call<Audit>('audits.transition', { id: other.id, revision: other.revision, to: 'planned' });
    expect((await rejection(call('audits.delete', { id: planned.id, revision: planned.revision }))).params.reason).toBe('not_draft');
  });
});

describe('question bank and planned checklists', () => {
  it('seeds the bank once from the starter file, edits it, and generates a checklist from the criteria', async () => {
    const { call, plan } = await setup();
    const bank = await call<Question[]>('questions.list', {});
    expect(bank.length).toBeGreaterThan(60);
    const for92 = bank.filter((q) => q.clauseNumber === '9.2');
    expect(for92.length).toBeGreaterThan(0);

    const own = await call<Question>('questions.create', { clauseNumber: '9.2', textSv: 'Hur väljer ni revisorer?', textEn: 'How do you choose auditors?' });
    expect(own.position).toBe(for92.length + 1);
    const moved = await call<Question[]>('questions.move', { id: own.id, direction: 'up' });
    expect(moved.map((q) => q.id).indexOf(own.id)).toBe(for92.length - 1);
    await call('questions.archive', { id: for92[0]!.id, revision: for92[0]!.revision, archived: true });

    const audit = await call<Audit>('audits.create', plan({ clauseNumbers: ['9.2'] }));
    const items = await call<ChecklistItem[]>('checklist.generate', { auditId: audit.id, lang: 'sv' });
    expect(items.map((i) => i.text)).toContain('Hur väljer ni revisorer?');
    expect(items.some((i) => i.questionId === for92[0]!.id)).toBe(false);
    expect(items.every((i) => i.clauseNumber === '9.2')).toBe(true);
    // Generating again adds nothing new.
    expect((await call<ChecklistItem[]>('checklist.generate', { auditId: audit.id, lang: 'en' })).length).toBe(items.length);

    const added = await call<ChecklistItem[]>('checklist.add', { auditId: audit.id, text: 'Egen fråga om stickprov', clauseNumber: null });
    expect(added.at(-1)?.text).toBe('Egen fråga om stickprov');
    const reversed = added.map((i) => i.id).reverse();
    const reordered = await call<ChecklistItem[]>('checklist.reorder', { auditId: audit.id, ids: reversed });
    expect(reordered.map((i) => i.id)).toEqual(reversed);
    expect(reordered.map((i) => i.position)).toEqual(reversed.map((_, k) => k + 1));
    const removed = await call<ChecklistItem[]>('checklist.remove', { auditId: audit.id, id: reversed[0]! });
    expect(removed.length).toBe(added.length - 1);
    expect((await rejection(call('checklist.reorder', { auditId: audit.id, ids: reversed }))).params.reason).toBe('checklist_changed');
    // The bank is not refilled once it is the organisation's own.
    expect((await call<Question[]>('questions.list', { includeArchived: true })).length).toBe(bank.length + 1);
  });

  it('refuses checklist changes once the audit is locked', async () => {
    const { call, backend, plan } = await setup();
    const audit = await call<Audit>('audits.create', plan());
    backend.database.prepare('UPDATE audits SET locked = 1 WHERE id = ?').run(audit.id);
    expect((await rejection(call('checklist.generate', { auditId: audit.id, lang: 'en' }))).code).toBe('locked');
    expect((await rejection(call('checklist.add', { auditId: audit.id, text: 'x' }))).code).toBe('locked');
  });
});

describe('programme and coverage', () => {
  it('creates a cycle with one row per year, approves a year, and shows the approval stale when the year changes', async () => {
    const { call, karin } = await setup();
    const p = await call<Programme>('programme.create', { title: 'Revisionsprogram 2026–2028', cycleStartYear: 2026, leadPersonId: karin.id, excludedClauses: ['8.3'] });
    expect(p.years.map((y) => y.year)).toEqual([2026, 2027, 2028]);
    const y2027 = p.years[1]!;
    const approved = await call<ApprovalStatus>('approvals.decide', { subjectKind: 'programme_year', subjectId: y2027.id, decision: 'approved', approverPersonId: karin.id });
    expect(approved).toMatchObject({ state: 'approved', history: [{ approverPersonId: karin.id, decidedAt: NOW.toISOString(), stale: false }] });
    const edited = await call<Programme>('programme.updateYear', {
      id: y2027.id, revision: y2027.revision, fields: { objectives: 'Fokus på hemtjänst', leadPersonId: karin.id },
    });
    expect(edited.years[1]).toMatchObject({ objectives: 'Fokus på hemtjänst' });
    expect(await call<ApprovalStatus>('approvals.status', { subjectKind: 'programme_year', subjectId: y2027.id })).toMatchObject({ state: 'stale' });

    const overlap = await rejection(call('programme.create', { title: 'Krock', cycleStartYear: 2028 }));
    expect(overlap.params.issues).toEqual([{ path: 'cycleStartYear', message: 'overlap' }]);
    const longer = await call<Programme>('programme.update', { id: p.id, revision: p.revision, fields: { title: p.title, cycleStartYear: 2026, cycleYears: 4 } });
    expect(longer.years.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029]);
  });

  it('shows planned and done cells and the gaps, and changes as audits are planned and completed', async () => {
    const { call, backend, plan, care, social, build, homeCare, permits } = await setup();
    const p = await call<Programme>('programme.create', { title: 'Program', cycleStartYear: 2026, excludedClauses: ['8.3'] });
    const before = await call<CoverageReport>('coverage.get', { programmeId: p.id });
    expect(before.clauses).not.toContain('8.3.1');
    expect(before.gaps.clauses).toEqual(before.clauses);
    expect(before.gaps.processes.sort()).toEqual([homeCare.id, permits.id].sort());

    const audit = await call<Audit>('audits.create', plan({ clauseNumbers: ['8.5.1'] }));
    expect(audit.programmeId).toBe(p.id);
    const after = await call<CoverageReport>('coverage.get', { programmeId: p.id });
    const row = after.byUnit.rows.find((r) => r.clause === '8.5.1')!;
    const col = (id: string) => after.byUnit.columns.indexOf(id);
    expect(row.cells[col(care.id)]).toEqual({ state: 'planned', audits: ['IR-2027-001'] });
    expect(row.cells[col(social.id)]?.state).toBe('planned'); // the unit above counts too
    expect(row.cells[col(build.id)]?.state).toBe('none');
    expect(after.gaps.clauses).not.toContain('8.5.1');
    expect(after.gaps.processes).toEqual([permits.id]);
    // High risk asks for every year of the three: one year is not enough.
    expect(after.gaps.underAudited).toEqual([{ processId: homeCare.id, riskLevel: 'high', required: 3, planned: 1 }]);

    backend.database.prepare("UPDATE audits SET status = 'reported', locked = 1 WHERE id = ?").run(audit.id);
    const done = await call<CoverageReport>('coverage.get', { programmeId: p.id });
    expect(done.byProcess.rows.find((r) => r.clause === '8.5.1')?.cells[done.byProcess.columns.indexOf(homeCare.id)]?.state).toBe('done');
    const only2026 = await call<CoverageReport>('coverage.get', { programmeId: p.id, year: 2026 });
    expect(only2026.year).toBe(2026);
    expect(only2026.gaps.clauses).toContain('8.5.1');
  });
});
