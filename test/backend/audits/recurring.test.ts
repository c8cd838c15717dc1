import { describe, expect, it } from 'vitest';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { Audit } from '../../../shared/domain/audits';
import type { Person, Process, Unit } from '../../../shared/domain/org';
import type { Programme } from '../../../shared/domain/programme';
import { addMonths, recurrenceDates, type RecurrencePreview, type RecurrenceResult } from '../../../shared/domain/recurring';
import { caller, rejection, testBackend } from '../../helpers/tmp';

async function setup() {
  const backend = testBackend({ now: () => new Date('2026-01-15T09:00:00Z') });
  const call = caller(backend);
  const unit = await call<Unit>('units.create', { name: 'Äldreomsorgen', kind: 'department' });
  const homeCare = await call<Process>('processes.create', { name: 'Hemtjänst', ownerUnitId: unit.id, riskLevel: 'high' });
  const permits = await call<Process>('processes.create', { name: 'Bygglov', ownerUnitId: unit.id, riskLevel: 'low' });
  const karin = await call<Person>('people.create', { name: 'Karin Lindqvist', email: 'karin@example.org', roles: ['audit_lead'] });
  const programme = await call<Programme>('programme.create', { title: 'Program 2026–2028', cycleStartYear: 2026, leadPersonId: karin.id });
  const input = (over: Record<string, unknown> = {}) => ({
    programmeId: programme.id, targetKind: 'process', targetId: homeCare.id, every: 1, unit: 'years', firstDate: '2026-03-01', leadPersonId: karin.id, ...over,
  });
  return { backend, call, unit, homeCare, permits, karin, programme, input };
}

describe('recurring audits over the programme cycle', () => {
  it('counts months the way a calendar does', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(recurrenceDates('2026-03-01', 18, '2028-12-31').map((d) => d.date)).toEqual(['2026-03-01', '2027-09-01']);
  });

  it('previews first, creates the missing drafts in one go, and creates nothing the second time', async () => {
    const { call, input, homeCare, karin } = await setup();
    // an audit already planned in the second window covers it
    const existing = await call<Audit>('audits.create', {
      title: 'Hemtjänst 2027', type: 'internal', processIds: [homeCare.id], clauseNumbers: ['7.2'], startDate: '2027-05-10', endDate: '2027-05-10',
      team: [{ personId: karin.id, role: 'lead' }],
    });
    const preview = await call<RecurrencePreview>('programme.recurringPreview', input());
    expect(preview.occurrences.map((o) => [o.date, o.existing?.number ?? null])).toEqual([
      ['2026-03-01', null],
      ['2027-03-01', existing.number],
      ['2028-03-01', null],
    ]);
    expect(preview.toCreate).toBe(2);
    expect(await call<Audit[]>('audits.list', {})).toHaveLength(1); // a preview writes nothing

    const result = await call<RecurrenceResult>('programme.recurringCreate', input());
    expect(result.created.map((c) => c.startDate)).toEqual(['2026-03-01', '2028-03-01']);
    expect(result.toCreate).toBe(0);
    const drafts = (await call<Audit[]>('audits.list', {})).filter((a) => a.id !== existing.id);
    expect(drafts).toHaveLength(2);
    for (const d of drafts) {
      expect(d).toMatchObject({ status: 'draft', title: 'Hemtjänst', processIds: [homeCare.id], team: [{ personId: karin.id, role: 'lead' }] });
      // the clauses the process was last audited against
      expect(d.clauseNumbers).toEqual(['7.2']);
    }
    const again = await call<RecurrenceResult>('programme.recurringCreate', input());
    expect(again.created).toEqual([]);
    expect(await call<Audit[]>('audits.list', {})).toHaveLength(3);

    const trail = await call<AuditTrailEntry[]>('trail.list', {});
    expect(trail.filter((e) => e.action === 'recurring')).toHaveLength(1);
  });

  it('never plans a process less often than its risk asks', async () => {
    const { call, input, permits } = await setup();
    const high = await call<RecurrencePreview>('programme.recurringPreview', input({ every: 3, unit: 'years' }));
    expect(high).toMatchObject({ requestedMonths: 36, intervalMonths: 12 });
    expect(high.occurrences).toHaveLength(3);
    const low = await call<RecurrencePreview>('programme.recurringPreview', input({ targetId: permits.id, every: 6, unit: 'months' }));
    expect(low).toMatchObject({ requestedMonths: 6, intervalMonths: 6 });
    expect(low.occurrences).toHaveLength(6);
  });

  it('plans a unit, and refuses a first date outside the cycle or an unknown target, changing nothing', async () => {
    const { call, input, unit } = await setup();
    const units = await call<RecurrencePreview>('programme.recurringPreview', input({ targetKind: 'unit', targetId: unit.id, every: 2, unit: 'years' }));
    expect(units.occurrences.map((o) => o.date)).toEqual(['2026-03-01', '2028-03-01']);
    const outside = await rejection(call('programme.recurringCreate', input({ firstDate: '2030-01-01' })));
    expect(outside).toMatchObject({ code: 'invalid_input', params: { issues: [{ path: 'firstDate', message: 'outside_cycle' }] } });
    const unknown = await rejection(call('programme.recurringCreate', input({ targetId: 'nope' })));
    expect(unknown).toMatchObject({ code: 'invalid_input', params: { issues: [{ path: 'targetId', message: 'not_found' }] } });
    expect(await call<Audit[]>('audits.list', {})).toHaveLength(0);
  });
});
