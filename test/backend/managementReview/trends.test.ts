import { beforeAll, describe, expect, it } from 'vitest';
import type { Audit } from '../../../shared/domain/audits';
import type { CaseDetail } from '../../../shared/domain/cases';
import type { Trends } from '../../../shared/domain/managementReview';
import { caller, testBackend } from '../../helpers/tmp';

/**
 * A small register whose counts are known by construction: the trends must come out exactly so,
 * counting only conducted audits in the year they ended and cases in the year they closed.
 */
describe('trends on a seeded register', () => {
  const backend = testBackend({ now: () => new Date('2026-05-15T10:00:00Z') });
  const call = caller(backend);
  let t: Trends;

  beforeAll(async () => {
    const north = await call<{ id: string }>('units.create', { name: 'Norra enheten', kind: 'administration' });
    const south = await call<{ id: string }>('units.create', { name: 'Södra enheten', kind: 'administration' });
    const lead = await call<{ id: string }>('people.create', { name: 'Karin Lindqvist', email: 'karin@example.org' });
    const audit = async (title: string, day: string, unitId: string, status: string) => {
      const a = await call<Audit>('audits.create', {
        title, type: 'internal', unitIds: [unitId], clauseNumbers: ['7.5', '8.5.1'], startDate: day, endDate: day, team: [{ personId: lead.id, role: 'lead' }],
      });
      backend.database.prepare(`UPDATE audits SET status = 'in_progress' WHERE id = ?`).run(a.id);
      return { a, status };
    };
    const finding = (auditId: string, type: string, clauses: string[], unitId: string | null) =>
      call('findings.create', {
        auditId,
        fields: { type, clauseNumbers: clauses, requirement: 'Krav', evidence: 'Belägg', statement: 'Iakttagelse', unitId },
      });
    const a24 = await audit('Dokumentstyrning 2024', '2024-10-01', north.id, 'closed');
    const a25 = await audit('Leverans 2025', '2025-04-02', south.id, 'reported');
    const draft25 = await audit('Pågår 2025', '2025-11-02', south.id, 'in_progress');
    await finding(a24.a.id, 'minor_nc', ['7.5.3'], null);
    await finding(a24.a.id, 'observation', ['7.5.3', '8.5.1'], north.id);
    await finding(a24.a.id, 'strength', ['7.5'], north.id);
    await finding(a25.a.id, 'major_nc', ['8.5.1'], south.id);
    await finding(a25.a.id, 'minor_nc', ['8.5.1'], north.id);
    await finding(a25.a.id, 'ofi', ['7.5.3'], south.id);
    // not conducted: must not count
    await finding(draft25.a.id, 'major_nc', ['7.5.3'], south.id);
    const db = backend.database;
    for (const x of [a24, a25, draft25]) db.prepare('UPDATE audits SET status = ? WHERE id = ?').run(x.status, x.a.id);

    const kase = async (detectedOn: string, dueDate: string, closedOn: string | null) => {
      const c = await call<CaseDetail>('cases.create', { title: `Ärende ${detectedOn}`, source: 'complaint', severity: 'minor', unitId: north.id, detectedOn, dueDate });
      if (closedOn) db.prepare(`UPDATE cases SET status = 'closed', closed_on = ? WHERE id = ?`).run(closedOn, c.id);
    };
    await kase('2025-01-01', '2025-02-01', '2025-01-11'); // 10 days
    await kase('2025-01-10', '2025-02-01', '2025-07-31'); // 202 days, overdue at the ends of Q1 and Q2
    await kase('2025-03-01', '2025-12-01', '2025-03-21'); // 20 days
    await kase('2024-06-01', '2024-07-01', '2024-06-05'); // 4 days, in 2024
    await kase('2025-12-01', '2026-01-15', null); // open, overdue from 2026-01-15
    t = await call<Trends>('managementReview.trends', { fromYear: 2024, toYear: 2026 });
  }, 60_000);

  it('counts findings per type and year of conducted audits only', () => {
    expect(t.years).toEqual([2024, 2025, 2026]);
    expect(t.findingsByType).toEqual([
      { year: 2024, major_nc: 0, minor_nc: 1, observation: 1, ofi: 0, strength: 1 },
      { year: 2025, major_nc: 1, minor_nc: 1, observation: 0, ofi: 1, strength: 0 },
      { year: 2026, major_nc: 0, minor_nc: 0, observation: 0, ofi: 0, strength: 0 },
    ]);
  });

  it('ranks clauses and units by nonconformities and observations, a finding without a unit under its audit\'s unit', () => {
    expect(t.topClauses).toEqual([
      { clause: '8.5.1', total: 3, perYear: { 2024: 1, 2025: 2 } },
      { clause: '7.5.3', total: 2, perYear: { 2024: 2 } },
    ]);
    expect(t.byUnit).toEqual([
      { unit: 'Norra enheten', total: 3, perYear: { 2024: 2, 2025: 1 } },
      { unit: 'Södra enheten', total: 1, perYear: { 2025: 1 } },
    ]);
  });

  it('gives the median and mean days to closing per year, and open and overdue cases at each quarter end up to today', () => {
    expect(t.closure).toEqual([
      { year: 2024, closed: 1, medianDays: 4, meanDays: 4 },
      { year: 2025, closed: 3, medianDays: 20, meanDays: 77.3 },
      { year: 2026, closed: 0, medianDays: null, meanDays: null },
    ]);
    expect(t.overdue.filter((o) => o.at >= '2025-01-01')).toEqual([
      { at: '2025-03-31', open: 1, overdue: 1 },
      { at: '2025-06-30', open: 1, overdue: 1 },
      { at: '2025-09-30', open: 0, overdue: 0 },
      { at: '2025-12-31', open: 1, overdue: 0 },
      { at: '2026-03-31', open: 1, overdue: 1 },
      { at: '2026-05-15', open: 1, overdue: 1 },
    ]);
    expect(t.overdue[0]).toEqual({ at: '2024-03-31', open: 0, overdue: 0 });
  });

  it('does not keep an answer counted inside a transaction that was rolled back', async () => {
    const db = backend.database;
    const q = { fromYear: 2024, toYear: 2026 };
    db.exec('BEGIN');
    db.prepare("UPDATE audits SET status = 'in_progress' WHERE status IN ('reported','closed')").run();
    const inside = await call<Trends>('managementReview.trends', q);
    expect(inside.findingsByType.every((y) => y.major_nc + y.minor_nc + y.observation + y.ofi + y.strength === 0)).toBe(true);
    db.exec('ROLLBACK');
    expect((await call<Trends>('managementReview.trends', q)).findingsByType).toEqual(t.findingsByType);
  });
});

