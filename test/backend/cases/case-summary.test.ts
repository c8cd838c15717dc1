import { describe, expect, it } from 'vitest';
import { CASE_STATUSES, type CaseListItem, type CaseSummary } from '../../../shared/domain/cases';
import { loadDemoData, seedScaleCases } from '../../../electron/backend/features/app';
import { caller, testBackend } from '../../helpers/tmp';

/** The summary as a person would count it from the whole list, case by case. */
function countedFromTheList(cases: CaseListItem[], unitNames: Map<string, string>): Omit<CaseSummary, 'today'> {
  const byUnit = new Map<string, CaseSummary['byUnit'][number]>();
  for (const c of cases) {
    const u = byUnit.get(c.unitId) ?? { unitId: c.unitId, unitName: unitNames.get(c.unitId)!, total: 0, notClosed: 0, overdue: 0, dueSoon: 0, closed: 0 };
    byUnit.set(c.unitId, u);
    u.total += 1;
    if (c.status === 'closed') u.closed += 1;
    else u.notClosed += 1;
    if (c.dueState === 'overdue') u.overdue += 1;
    if (c.dueState === 'due_soon') u.dueSoon += 1;
  }
  return {
    total: cases.length,
    notClosed: cases.filter((c) => c.status !== 'closed').length,
    overdue: cases.filter((c) => c.dueState === 'overdue').length,
    dueSoon: cases.filter((c) => c.dueState === 'due_soon').length,
    byStatus: Object.fromEntries(CASE_STATUSES.map((s) => [s, cases.filter((c) => c.status === s).length])) as CaseSummary['byStatus'],
    byUnit: [...byUnit.values()],
  };
}

describe('the cases summary (overview and register header)', () => {
  const backend = testBackend({ now: () => new Date('2026-05-15T10:00:00Z') });
  const call = caller(backend);

  it('says what the list says, unit by unit, on the demo and a generated register, and again after a case closes', async () => {
    loadDemoData(backend.ctx());
    seedScaleCases(backend.ctx(), 3_000);
    const units = new Map((await call<{ id: string; name: string }[]>('units.list')).map((u) => [u.id, u.name]));
    const byUnit = (s: Omit<CaseSummary, 'today'>) => ({ ...s, byUnit: [...s.byUnit].sort((a, b) => a.unitId.localeCompare(b.unitId)) });
    const expectAgrees = async () => {
      const { today, ...summary } = await call<CaseSummary>('cases.summary');
      expect(today).toBe('2026-05-15');
      expect(byUnit(summary)).toEqual(byUnit(countedFromTheList(await call<CaseListItem[]>('cases.list', {}), units)));
      return summary;
    };
    const before = await expectAgrees();
    expect(before.overdue).toBeGreaterThan(0);
    expect(before.dueSoon).toBeGreaterThan(0);
    expect(before.byUnit.length).toBeGreaterThan(3);
    // the units needing attention first
    expect(before.byUnit.map((u) => u.overdue)).toEqual([...before.byUnit.map((u) => u.overdue)].sort((a, b) => b - a));

    backend.database.prepare("UPDATE cases SET status = 'closed', closed_on = '2026-05-15' WHERE status <> 'closed' AND rowid IN (SELECT rowid FROM cases LIMIT 200)").run();
    const after = await expectAgrees();
    expect(after.byStatus.closed).toBeGreaterThan(before.byStatus.closed);
  }, 60_000);
});
