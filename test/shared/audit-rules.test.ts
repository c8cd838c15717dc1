import { describe, expect, it } from 'vitest';
import {
  AUDIT_STATUSES,
  auditFields,
  auditNumber,
  canTransition,
  impartialityWarnings,
  nextStatuses,
  type AuditStatus,
  type TransitionFacts,
} from '../../shared/domain/audits';

const calm: TransitionFacts = { openNonconformities: 0, reportIssued: false, impartialityWarnings: 0, impartialityJustified: false, external: false };

describe('audit status transitions', () => {
  it('allows exactly the forward path and one step back before the report', () => {
    const allowed = (from: AuditStatus) => AUDIT_STATUSES.filter((to) => canTransition(from, to, { ...calm, reportIssued: from === 'reported' }).ok);
    expect(allowed('draft')).toEqual(['planned']);
    expect(allowed('planned')).toEqual(['draft', 'in_progress']);
    expect(allowed('in_progress')).toEqual(['planned']);
    expect(allowed('reported')).toEqual(['closed']);
    expect(allowed('closed')).toEqual([]);
  });

  it('needs a justification to leave draft when the team has impartiality warnings', () => {
    expect(canTransition('draft', 'planned', { ...calm, impartialityWarnings: 2 })).toEqual({ ok: false, reason: 'impartiality_unjustified' });
    expect(canTransition('draft', 'planned', { ...calm, impartialityWarnings: 2, impartialityJustified: true })).toEqual({ ok: true });
  });

  it('needs an issued report to be reported, except for the certification body’s audits', () => {
    expect(canTransition('in_progress', 'reported', calm)).toEqual({ ok: false, reason: 'report_not_issued' });
    expect(canTransition('in_progress', 'reported', { ...calm, reportIssued: true })).toEqual({ ok: true });
    expect(canTransition('in_progress', 'reported', { ...calm, external: true })).toEqual({ ok: true });
  });

  it('closes only when every nonconformity is closed, and never goes back after the report', () => {
    expect(canTransition('reported', 'closed', { ...calm, reportIssued: true, openNonconformities: 1 })).toEqual({ ok: false, reason: 'open_nonconformities' });
    expect(canTransition('reported', 'closed', { ...calm, reportIssued: true })).toEqual({ ok: true });
    expect(canTransition('in_progress', 'planned', { ...calm, reportIssued: true })).toEqual({ ok: false, reason: 'locked' });
    expect(canTransition('closed', 'reported', calm)).toEqual({ ok: false, reason: 'not_allowed' });
    expect(nextStatuses('reported', { ...calm, reportIssued: true, openNonconformities: 3 })).toEqual([
      { to: 'closed', check: { ok: false, reason: 'open_nonconformities' } },
    ]);
  });

  it('does not close while a report correction is open (the audit is unlocked again)', () => {
    expect(canTransition('reported', 'closed', { ...calm, reportIssued: false })).toEqual({ ok: false, reason: 'report_not_issued' });
    expect(canTransition('reported', 'closed', { ...calm, reportIssued: false, external: true })).toEqual({ ok: true });
  });
});

describe('impartiality', () => {
  const units = [
    { id: 'soc', parentId: null },
    { id: 'aldre', parentId: 'soc' },
    { id: 'ifo', parentId: 'soc' },
    { id: 'mbf', parentId: null },
  ];
  const processes = [{ id: 'hemtjanst', ownerUnitId: 'aldre' }, { id: 'bygglov', ownerUnitId: 'mbf' }];
  const people = [
    { id: 'amira', homeUnitId: 'soc' },
    { id: 'lars', homeUnitId: 'aldre' },
    { id: 'maria', homeUnitId: 'ifo' },
    { id: 'henrik', homeUnitId: 'mbf' },
    { id: 'nobody', homeUnitId: null },
  ];
  const org = { units, processes, people };
  const plan = (unitIds: string[], processIds: string[], team: [string, 'lead' | 'auditor'][]) => ({
    type: 'internal' as const, unitIds, processIds, team: team.map(([personId, role]) => ({ personId, role })),
  });

  it('flags a member whose home unit is audited, contains the audited unit, or lies inside it', () => {
    // Socialförvaltningen's Amira auditing Äldreomsorgen, and Äldreomsorgen's Lars auditing Socialförvaltningen.
    expect(impartialityWarnings(plan(['aldre'], [], [['amira', 'lead']]), org)).toEqual([
      { personId: 'amira', role: 'lead', kind: 'own_unit', homeUnitId: 'soc', unitId: 'aldre', processId: null },
    ]);
    expect(impartialityWarnings(plan(['soc'], [], [['lars', 'auditor']]), org).map((w) => w.kind)).toEqual(['own_unit']);
    expect(impartialityWarnings(plan(['aldre'], [], [['lars', 'lead']]), org)).toHaveLength(1);
  });

  it('does not flag siblings, unrelated units or people without a home unit', () => {
    expect(impartialityWarnings(plan(['aldre'], [], [['maria', 'lead'], ['henrik', 'auditor'], ['nobody', 'auditor']]), org)).toEqual([]);
  });

  it('flags a member whose unit owns an audited process, and none for external audits', () => {
    expect(impartialityWarnings(plan(['mbf'], ['hemtjanst'], [['henrik', 'lead'], ['lars', 'auditor']]), org)).toEqual([
      { personId: 'henrik', role: 'lead', kind: 'own_unit', homeUnitId: 'mbf', unitId: 'mbf', processId: null },
      { personId: 'lars', role: 'auditor', kind: 'own_process', homeUnitId: 'aldre', unitId: 'aldre', processId: 'hemtjanst' },
    ]);
    expect(impartialityWarnings({ ...plan(['aldre'], [], [['lars', 'lead']]), type: 'external_surveillance' }, org)).toEqual([]);
  });
});

describe('audit plan validation', () => {
  const valid = {
    title: 'Hemtjänst', type: 'internal', clauseNumbers: ['8.5'], startDate: '2027-03-02', endDate: '2027-03-03',
    team: [{ personId: 'p1', role: 'lead' }],
  };
  const issues = (over: Record<string, unknown>) => {
    const r = auditFields.safeParse({ ...valid, ...over });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
  };

  it('accepts a minimal plan', () => {
    expect(issues({})).toEqual([]);
  });

  it('reports every problem at once: end before start, no criteria, no lead', () => {
    expect(issues({ endDate: '2027-03-01', clauseNumbers: [], team: [] })).toEqual(
      expect.arrayContaining(['endDate:end_before_start', 'clauseNumbers:no_criteria', 'team:lead_required']),
    );
    expect(issues({ title: ' ' })).toEqual(['title:required']);
    expect(issues({ startDate: '2027-02-30' })).toEqual(['startDate:day']);
  });

  it('refuses two leads, the same person twice, and schedule entries outside the audit’s dates', () => {
    expect(issues({ team: [{ personId: 'p1', role: 'lead' }, { personId: 'p2', role: 'lead' }] })).toEqual(['team:one_lead']);
    expect(issues({ team: [{ personId: 'p1', role: 'lead' }, { personId: 'p1', role: 'auditor' }] })).toEqual(['team.1.personId:duplicate']);
    expect(issues({ schedule: [{ day: '2027-03-05', activity: 'interview' }] })).toEqual(['schedule.0.day:outside_dates']);
    expect(issues({ schedule: [{ day: '2027-03-02', startTime: '10:00', endTime: '09:00', activity: 'interview' }] })).toEqual([
      'schedule.0.endTime:end_before_start',
    ]);
    expect(issues({ schedule: [{ day: '2027-03-02', startTime: '25:00', activity: 'interview' }] })).toEqual(['schedule.0.startTime:time']);
  });

  it('numbers audits readably by type', () => {
    expect(auditNumber('internal', 2027, 4)).toBe('IR-2027-004');
    expect(auditNumber('supplier', 2027, 12)).toBe('LR-2027-012');
    expect(auditNumber('external_recertification', 2028, 1)).toBe('EX-2028-001');
  });
});
