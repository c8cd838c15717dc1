import { describe, expect, it } from 'vitest';
import { AUDIT_STATUSES, type Audit, type AuditSummary } from '../../../shared/domain/audits';
import { loadDemoData, planScaleAudits, seedScale } from '../../../electron/backend/features/app';
import { caller, testBackend } from '../../helpers/tmp';
import { queryPlans, recordStatements } from '../../helpers/query-plans';

/** The overview's figures as it worked them out before: from every audit, in JavaScript. */
function summaryFromEveryAudit(all: Audit[], year: number, today: string): AuditSummary {
  const thisYear = all.filter((a) => a.year === year);
  const internal = thisYear.filter((a) => a.type === 'internal');
  return {
    year,
    total: thisYear.length,
    byStatus: Object.fromEntries(AUDIT_STATUSES.map((s) => [s, thisYear.filter((a) => a.status === s).length])) as AuditSummary['byStatus'],
    internal: { planned: internal.length, reported: internal.filter((a) => a.status === 'reported' || a.status === 'closed').length },
    upcoming: all
      .filter((a) => (a.endDate ?? a.startDate ?? '') >= today && a.status !== 'closed' && a.status !== 'reported')
      .sort((a, b) => (a.startDate ?? '').localeCompare(b.startDate ?? '') || a.number.localeCompare(b.number))
      .slice(0, 6)
      .map(({ id, number, title, startDate }) => ({ id, number, title, startDate })),
  };
}

describe('the programme figures on the overview', () => {
  const backend = testBackend({ now: () => new Date('2026-05-15T10:00:00Z') });
  const call = caller(backend);
  const ctx = backend.ctx();
  loadDemoData(ctx);

  it('are what every audit says: the year’s audits by status, its internal audits reported of planned, and the next six ahead', async () => {
    const all = await call<Audit[]>('audits.list', {});
    for (const [year, today] of [[2026, '2026-05-15'], [2026, '2026-09-01'], [2027, '2027-03-15'], [2030, '2030-01-01'], [2019, '2019-01-01']] as const) {
      const summary = await call<AuditSummary>('audits.summary', { year, today });
      expect(summary, `${year}, ${today}`).toEqual(summaryFromEveryAudit(all, year, today));
    }
    const now = await call<AuditSummary>('audits.summary', { year: 2026, today: '2026-05-15' });
    expect(now.total).toBeGreaterThan(0);
    expect(now.upcoming.length).toBeGreaterThan(0);
  });

  it('refuse a day that is not one, by the day field', async () => {
    for (const today of ['15.5.2026', '2026-02-30']) {
      const err = (await call('audits.summary', { year: 2026, today }).catch((e: unknown) => e)) as { code: string; params: { issues: { path: string; message: string }[] } };
      expect(err.code).toBe('invalid_input');
      expect(err.params.issues.length).toBeGreaterThan(0);
      expect(new Set(err.params.issues.map((i) => `${i.path}: ${i.message}`))).toEqual(new Set(['today: day']));
    }
  });

  it('are counted from indexes on ten years of audits: no audit is read to count, none past to find those ahead', async () => {
    seedScale(ctx, 20_000);
    planScaleAudits(ctx);
    const db = backend.database;
    const audits = db.prepare('SELECT count(*) FROM audits').pluck().get() as number;
    expect(audits).toBeGreaterThan(200);
    const { issued, stop } = recordStatements(db);
    try {
      await call('audits.summary', { year: 2026, today: '2026-05-15' });
    } finally {
      stop();
    }
    const plans = queryPlans(db, issued, /^\s*PRAGMA|FROM settings/);
    expect(plans.length).toBe(2);
    for (const { plan, shown } of plans) {
      expect(plan.filter((p) => /^SCAN audits\b/.test(p.detail)), shown).toEqual([]);
    }
    expect(plans[0]!.plan.map((p) => p.detail), plans[0]!.shown).toEqual(['SEARCH audits USING COVERING INDEX audits_year_type_status (year=?)']);
    expect(plans[1]!.plan.map((p) => p.detail)[0], plans[1]!.shown).toMatch(/^SEARCH audits USING INDEX audits_ahead \(<expr>>\?\)$/);
  });
});
