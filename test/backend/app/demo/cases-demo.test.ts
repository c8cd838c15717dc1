import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../../electron/backend/features/app/demo';
import { countOpenNonconformities } from '../../../../electron/backend/features/audits/nonconformity-status';
import { CASE_STATUSES, type CaseListItem, type CaseSummary, type UnhandledFinding } from '../../../../shared/domain/cases';
import { caller, testBackend } from '../../../helpers/tmp';

describe('demo data for corrective actions', () => {
  const backend = testBackend({ now: () => new Date(2026, 10, 24, 10, 0) });
  const call = caller(backend);
  loadDemoData(backend.ctx());

  it('has cases in every status, some overdue and some due within 14 days', async () => {
    const cases = await call<CaseListItem[]>('cases.list', {});
    expect(new Set(cases.map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
    const summary = await call<CaseSummary>('cases.summary');
    expect(summary.overdue).toBeGreaterThanOrEqual(2);
    expect(summary.dueSoon).toBeGreaterThanOrEqual(1);
    expect(new Set(cases.map((c) => c.source)).size).toBeGreaterThanOrEqual(5);
    expect(cases.filter((c) => c.findingNumber).length).toBeGreaterThan(0);
  });

  it('agrees with the audits: closed audits have no open nonconformity, and the one under way still lacks a case', async () => {
    const audits = backend.database.prepare('SELECT id, number, status FROM audits').all() as { id: string; number: string; status: string }[];
    for (const a of audits.filter((x) => x.status === 'closed')) expect(countOpenNonconformities(backend.ctx(), a.id), a.number).toBe(0);
    const unhandled = await call<UnhandledFinding[]>('cases.findingsWithoutCase');
    const statusOf = new Map(audits.map((a) => [a.id, a.status]));
    expect(unhandled.length).toBeGreaterThan(0);
    for (const f of unhandled) expect(statusOf.get(f.auditId), f.number).not.toMatch(/closed|reported/);
  });
});
