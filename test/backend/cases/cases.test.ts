import { describe, expect, it } from 'vitest';
import type { Audit } from '../../../shared/domain/audits';
import type { Finding } from '../../../shared/domain/findings';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { CaseDetail, CaseListItem, CaseStatusRef, CaseSummary, MyActions, UnhandledFinding } from '../../../shared/domain/cases';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import { caller, rejection, testBackend } from '../../helpers/tmp';

// "Today" for these tests: 24 November 2026, mid-morning where the person sits.
const NOW = new Date(2026, 10, 24, 10, 0);

async function setup() {
  const backend = testBackend({ now: () => NOW });
  const call = caller(backend);
  const social = await call<Unit>('units.create', { name: 'Socialförvaltningen', code: 'SOC', kind: 'administration' });
  const care = await call<Unit>('units.create', { name: 'Äldreomsorgen', code: 'ÄO', kind: 'department', parentId: social.id });
  const quality = await call<Unit>('units.create', { name: 'Kvalitetsenheten', kind: 'department' });
  const housing = await call<Unit>('units.create', { name: 'Sjöviksbostäder AB', kind: 'company' });
  const homeCare = await call<Process>('processes.create', { name: 'Hemtjänst', ownerUnitId: care.id, riskLevel: 'high' });
  const karin = await call<Person>('people.create', {
    name: 'Karin Lindqvist', email: 'karin@sjovik.example', roles: ['audit_lead', 'auditor'], homeUnitId: quality.id,
  });
  const lars = await call<Person>('people.create', { name: 'Lars Öhman', email: 'lars@sjovik.example', roles: ['auditee_manager'], homeUnitId: care.id });
  const elin = await call<Person>('people.create', { name: 'Elin Sjögren', email: 'elin@sjovik.example', roles: [], homeUnitId: housing.id });
  return { backend, call, social, care, quality, housing, homeCare, karin, lars, elin };
}

type Setup = Awaited<ReturnType<typeof setup>>;

async function auditWithNonconformity(s: Setup) {
  let audit = await s.call<Audit>('audits.create', {
    title: 'Läkemedelshantering i hemtjänsten', type: 'internal', unitIds: [s.care.id], processIds: [s.homeCare.id],
    clauseNumbers: ['8.5.1'], startDate: '2026-10-05', endDate: '2026-10-06', team: [{ personId: s.karin.id, role: 'lead' }],
  });
  for (const to of ['planned', 'in_progress']) audit = await s.call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to });
  const nc = await s.call<Finding>('findings.create', {
    auditId: audit.id,
    fields: {
      type: 'minor_nc', clauseNumbers: ['8.5.1'], requirement: 'Signeringslistor ska föras för varje given dos.',
      evidence: 'Tre av tio signeringslistor i oktober saknade signaturer.', statement: 'Signeringslistor förs inte fullständigt. Det gäller kvällspasset.',
      unitId: s.care.id, processId: s.homeCare.id,
    },
  });
  const observation = await s.call<Finding>('findings.create', {
    auditId: audit.id, fields: { type: 'observation', clauseNumbers: ['8.5.1'], statement: 'Rutinen är svår att hitta på intranätet.' },
  });
  return { audit, nc, observation };
}

/** Issuing the report is the reports feature's job; here it is the premise for "reported". */
async function reportAudit(s: Setup, audit: Audit): Promise<Audit> {
  s.backend.database.prepare('UPDATE audits SET locked = 1 WHERE id = ?').run(audit.id);
  return s.call<Audit>('audits.transition', { id: audit.id, revision: audit.revision, to: 'reported' });
}

describe('nonconformity cases against a real database', () => {
  it('opens one case per audit nonconformity, filled in from the finding', async () => {
    const s = await setup();
    const { nc, observation } = await auditWithNonconformity(s);
    expect((await s.call<UnhandledFinding[]>('cases.findingsWithoutCase')).map((f) => f.number)).toEqual([nc.number]);

    const c = await s.call<CaseDetail>('cases.createFromFinding', { findingId: nc.id });
    expect(c).toMatchObject({
      number: 'AV-2026-001', status: 'open', source: 'internal_audit', severity: 'minor', findingId: nc.id, sourceReference: nc.number,
      title: 'Signeringslistor förs inte fullständigt', unitId: s.care.id, processId: s.homeCare.id, clauseNumbers: ['8.5.1'],
      // The unit's manager answers for it; the plan is due in 30 days.
      ownerId: s.lars.id, dueDate: '2026-12-24', nextDue: '2026-12-24', dueState: 'ok',
    });
    expect(c.finding).toMatchObject({ number: nc.number, auditNumber: nc.auditNumber });

    // Asking again gives the same case: a nonconformity has one case.
    expect((await s.call<CaseDetail>('cases.createFromFinding', { findingId: nc.id })).id).toBe(c.id);
    expect(await s.call<CaseStatusRef>('cases.forFinding', { findingId: nc.id })).toMatchObject({ id: c.id, number: 'AV-2026-001', status: 'open' });
    expect(await s.call('cases.forFinding', { findingId: observation.id })).toBeNull();
    expect(await s.call<UnhandledFinding[]>('cases.findingsWithoutCase')).toEqual([]);

    const refused = await rejection(s.call('cases.createFromFinding', { findingId: observation.id }));
    expect(refused).toMatchObject({ code: 'invalid_input', params: { reason: 'not_nonconformity' } });
    expect((await s.call<CaseListItem[]>('cases.list', {})).length).toBe(1);
  });

  it('runs the whole cycle, and the audit closes only once its nonconformity is verified effective', async () => {
    const s = await setup();
    const { audit, nc } = await auditWithNonconformity(s);
    let c = await s.call<CaseDetail>('cases.createFromFinding', { findingId: nc.id });
    let reported = await reportAudit(s, audit);

    c = await s.call<CaseDetail>('cases.updateAnalysis', {
      id: c.id, revision: c.revision,
      fields: {
        correction: 'Saknade signaturer kontrollerades mot journalen samma dag.',
        whys: ['Kvällspasset signerar inte.', 'Listan ligger i ett annat rum.', 'Ingen har bestämt var den ska ligga.', '', ''],
        rootCause: 'Rutinen anger inte var signeringslistan förvaras.', causeCategories: ['methods', 'communication'],
      },
    });
    expect(c.whys).toEqual(['Kvällspasset signerar inte.', 'Listan ligger i ett annat rum.', 'Ingen har bestämt var den ska ligga.']);

    // Planning an action is what moves the case on.
    c = await s.call<CaseDetail>('cases.addAction', {
      id: c.id, revision: c.revision, fields: { description: 'Förvara listan vid läkemedelsskåpet', ownerId: s.lars.id, dueDate: '2026-11-30' },
    });
    expect(c).toMatchObject({ status: 'action_planned', nextDue: '2026-11-30', dueState: 'due_soon' });
    const first = c.actions[0]!;

    expect(await rejection(s.call('cases.markImplemented', { id: c.id, revision: c.revision }))).toMatchObject({
      code: 'invalid_transition', params: { reason: 'actions_open' },
    });
    const future = await rejection(s.call('cases.setActionDone', { id: c.id, revision: c.revision, actionId: first.id, doneOn: '2026-11-25' }));
    expect(future.params.issues).toEqual([{ path: 'doneOn', message: 'not_future' }]);

    c = await s.call<CaseDetail>('cases.setActionDone', { id: c.id, revision: c.revision, actionId: first.id, doneOn: '2026-11-20' });
    c = await s.call<CaseDetail>('cases.markImplemented', { id: c.id, revision: c.revision });
    expect(c.status).toBe('implemented');

    // Only an auditor verifies.
    const notAuditor = await rejection(s.call('cases.verify', {
      id: c.id, revision: c.revision, fields: { verifiedOn: '2026-11-24', verifierId: s.lars.id, effective: true, evidence: 'Egen kontroll' },
    }));
    expect(notAuditor.params.issues).toEqual([{ path: 'verifierId', message: 'not_auditor' }]);

    c = await s.call<CaseDetail>('cases.verify', {
      id: c.id, revision: c.revision,
      fields: { verifiedOn: '2026-11-22', verifierId: s.karin.id, effective: false, evidence: 'Två av tio listor saknade fortfarande signaturer.' },
    });
    expect(c).toMatchObject({ status: 'reopened', closedOn: null });

    const stillOpen = await rejection(s.call('audits.transition', { id: reported.id, revision: reported.revision, to: 'closed' }));
    expect(stillOpen).toMatchObject({ code: 'invalid_transition', params: { reason: 'open_nonconformities' } });

    c = await s.call<CaseDetail>('cases.addAction', {
      id: c.id, revision: c.revision, fields: { description: 'Utbilda kvällspersonalen i rutinen', ownerId: s.lars.id, dueDate: '2026-12-15' },
    });
    expect(c.status).toBe('action_planned');
    c = await s.call<CaseDetail>('cases.setActionDone', { id: c.id, revision: c.revision, actionId: c.actions[1]!.id, doneOn: '2026-11-23' });
    c = await s.call<CaseDetail>('cases.markImplemented', { id: c.id, revision: c.revision });
    const early = await rejection(s.call('cases.verify', {
      id: c.id, revision: c.revision, fields: { verifiedOn: '2026-11-22', verifierId: s.karin.id, effective: true, evidence: 'Stickprov' },
    }));
    expect(early.params.issues).toEqual([{ path: 'verifiedOn', message: 'before_done', params: { day: '2026-11-23' } }]);
    c = await s.call<CaseDetail>('cases.verify', {
      id: c.id, revision: c.revision,
      fields: { verifiedOn: '2026-11-24', verifierId: s.karin.id, effective: true, evidence: 'Stickprov på tjugo listor: alla signerade.' },
    });
    expect(c).toMatchObject({ status: 'closed', closedOn: '2026-11-24', nextDue: null, dueState: 'closed' });
    expect(c.verifications.map((v) => v.effective)).toEqual([false, true]);

    reported = await s.call<Audit>('audits.get', { id: reported.id });
    const closed = await s.call<Audit>('audits.transition', { id: reported.id, revision: reported.revision, to: 'closed' });
    expect(closed.status).toBe('closed');
    expect((await s.call<Finding>('findings.get', { id: nc.id })).status).toBe('closed');

    // A closed case is the record; it stays as it is.
    const locked = await rejection(s.call('cases.addAction', {
      id: c.id, revision: c.revision, fields: { description: 'Något mer', ownerId: s.lars.id, dueDate: '2026-12-31' },
    }));
    expect(locked).toMatchObject({ code: 'locked', params: { reason: 'case_closed' } });

    const trail = await s.call<AuditTrailEntry[]>('trail.list', { entityId: c.id });
    expect(trail.map((e) => e.action).reverse()).toEqual([
      'create_from_finding', 'analysis', 'add_action', 'status', 'complete_action', 'implement', 'verify_not_effective',
      'add_action', 'status', 'complete_action', 'implement', 'verify_effective',
    ]);
    expect(trail.every((e) => e.actor.length > 0)).toBe(true);
  });

  it('refuses stale and invalid changes and saves nothing', async () => {
    const s = await setup();
    const c = await s.call<CaseDetail>('cases.create', {
      title: 'Klagomål på utebliven städning', source: 'complaint', severity: 'minor', unitId: s.housing.id, detectedOn: '2026-11-02',
    });
    await s.call('cases.update', { id: c.id, revision: 1, fields: { title: 'Klagomål på städning i trapphus', source: 'complaint', severity: 'minor', unitId: s.housing.id, detectedOn: '2026-11-02' } });
    expect((await rejection(s.call('cases.addAction', {
      id: c.id, revision: 1, fields: { description: 'Byt städleverantör', ownerId: s.elin.id, dueDate: '2026-12-01' },
    }))).code).toBe('conflict');

    const bad = await rejection(s.call('cases.create', {
      title: ' ', source: 'rumour', severity: 'minor', unitId: s.housing.id, detectedOn: '2026-13-01', clauseNumbers: ['8.5.1'],
    }));
    expect(bad.params.issues).toEqual(expect.arrayContaining([
      { path: 'title', message: 'required' }, { path: 'source', message: 'choose' }, { path: 'detectedOn', message: 'day' },
    ]));
    const unknownUnit = await rejection(s.call('cases.create', { title: 'X', source: 'incident', severity: 'major', unitId: 'nope', detectedOn: '2026-11-01' }));
    expect(unknownUnit.params.issues).toEqual([{ path: 'unitId', message: 'not_found' }]);
    const badClause = await rejection(s.call('cases.create', {
      title: 'X', source: 'incident', severity: 'major', unitId: s.care.id, detectedOn: '2026-11-01', clauseNumbers: ['99.9'],
    }));
    expect(badClause.params.issues).toEqual([{ path: 'clauseNumbers', message: 'not_found', params: { value: '99.9' } }]);
    const dueBefore = await rejection(s.call('cases.create', {
      title: 'X', source: 'incident', severity: 'major', unitId: s.care.id, detectedOn: '2026-11-01', dueDate: '2026-10-01',
    }));
    expect(dueBefore.params.issues).toEqual([{ path: 'dueDate', message: 'end_before_start' }]);
    expect((await s.call<CaseListItem[]>('cases.list', {})).map((x) => x.title)).toEqual(['Klagomål på städning i trapphus']);
  });

  it('filters, sorts and counts the register the way a coordinator asks, with overdue judged on today', async () => {
    const s = await setup();
    const make = async (title: string, f: Record<string, unknown>) =>
      s.call<CaseDetail>('cases.create', { title, severity: 'minor', detectedOn: '2026-09-01', ...f });
    const late = await make('Fel dos till brukare', { source: 'incident', unitId: s.care.id, processId: s.homeCare.id, clauseNumbers: ['8.5.1'], dueDate: '2026-11-10', ownerId: s.lars.id });
    const soon = await make('Klagomål på bemötande', { source: 'complaint', unitId: s.social.id, dueDate: '2026-12-01', ownerId: s.lars.id });
    const later = await make('Låg svarsfrekvens i brukarenkäten', { source: 'survey', unitId: s.housing.id, clauseNumbers: ['9.1.2'], dueDate: '2027-03-01' });
    let done = await make('Trasig tvättmaskin', { source: 'self_detected', unitId: s.housing.id, dueDate: '2026-10-01' });
    done = await s.call<CaseDetail>('cases.addAction', { id: done.id, revision: done.revision, fields: { description: 'Reparera', ownerId: s.elin.id, dueDate: '2026-10-01' } });
    done = await s.call<CaseDetail>('cases.setActionDone', { id: done.id, revision: done.revision, actionId: done.actions[0]!.id, doneOn: '2026-09-30' });
    done = await s.call<CaseDetail>('cases.markImplemented', { id: done.id, revision: done.revision });
    await s.call<CaseDetail>('cases.verify', { id: done.id, revision: done.revision, fields: { verifiedOn: '2026-10-15', verifierId: s.karin.id, effective: true, evidence: 'Fungerar' } });
    // An action owned by Elin in Lars's case: "my actions" finds it through the action.
    await s.call('cases.addAction', { id: soon.id, revision: soon.revision, fields: { description: 'Samtal med brukaren', ownerId: s.elin.id, dueDate: '2026-11-20' } });

    const numbers = async (q: Record<string, unknown>) => (await s.call<CaseListItem[]>('cases.list', q)).map((c) => c.title);
    // Most urgent first: the action of "bemötande" was due 20 Nov, "Fel dos" 10 Nov; closed last.
    expect(await numbers({})).toEqual(['Fel dos till brukare', 'Klagomål på bemötande', 'Låg svarsfrekvens i brukarenkäten', 'Trasig tvättmaskin']);
    expect(await numbers({ due: 'overdue' })).toEqual(['Fel dos till brukare', 'Klagomål på bemötande']);
    expect(await numbers({ due: 'not_closed', sort: 'number', descending: true })).toEqual(['Låg svarsfrekvens i brukarenkäten', 'Klagomål på bemötande', 'Fel dos till brukare']);
    // A whole administration includes its departments.
    expect(await numbers({ unitId: s.social.id, sort: 'number' })).toEqual(['Fel dos till brukare', 'Klagomål på bemötande']);
    expect(await numbers({ clause: '8.5' })).toEqual(['Fel dos till brukare']);
    expect(await numbers({ source: 'survey' })).toEqual(['Låg svarsfrekvens i brukarenkäten']);
    expect(await numbers({ processId: s.homeCare.id })).toEqual(['Fel dos till brukare']);
    expect(await numbers({ ownerId: s.elin.id, sort: 'number' })).toEqual(['Klagomål på bemötande', 'Trasig tvättmaskin']);
    expect(await numbers({ statuses: ['closed'] })).toEqual(['Trasig tvättmaskin']);
    expect(await numbers({ search: 'DOS TILL' })).toEqual(['Fel dos till brukare']);

    const [row] = await s.call<CaseListItem[]>('cases.list', { search: 'bemötande' });
    expect(row).toMatchObject({ status: 'action_planned', nextDue: '2026-11-20', dueState: 'overdue', actionCount: 1, openActionCount: 1 });
    expect((await s.call<CaseListItem[]>('cases.list', { search: 'svarsfrekvens' }))[0]?.dueState).toBe('ok');
    expect(late.number).toBe('AV-2026-001');

    const summary = await s.call<CaseSummary>('cases.summary');
    expect(summary).toMatchObject({ today: '2026-11-24', total: 4, notClosed: 3, overdue: 2, dueSoon: 0, byStatus: { open: 2, action_planned: 1, closed: 1 } });
    expect(summary.byUnit.map((u) => [u.unitName, u.notClosed, u.overdue, u.closed])).toEqual([
      ['Socialförvaltningen', 1, 1, 0], ['Äldreomsorgen', 1, 1, 0], ['Sjöviksbostäder AB', 1, 0, 1],
    ]);

    const mine = await s.call<MyActions>('cases.myActions', { personId: s.elin.id });
    expect(mine.actions.map((a) => [a.caseNumber, a.description, a.dueState])).toEqual([[soon.number, 'Samtal med brukaren', 'overdue']]);
    expect(mine.cases).toEqual([]);
    const lars = await s.call<MyActions>('cases.myActions', { personId: s.lars.id });
    expect(lars.cases.map((c) => c.title)).toEqual(['Fel dos till brukare', 'Klagomål på bemötande']);
    expect(later.status).toBe('open');
  });
});
