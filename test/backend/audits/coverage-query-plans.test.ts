import { describe, expect, it } from 'vitest';
import { loadDemoData, planScaleAudits, seedScale } from '../../../electron/backend/features/app';
import type { CoverageReport } from '../../../shared/contract/audits';
import { queryPlans, recordStatements } from '../../helpers/query-plans';
import { caller, testBackend } from '../../helpers/tmp';

/** The tables that grow with the register: every audit and its links. */
const LARGE = /^SCAN (a|audits|ac|au|ap|audit_clauses|audit_units|audit_processes)\b/;

describe('the coverage matrix at scale, as SQLite plans it', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('reads only the cycle\'s audits and their links, through indexes, never scanning the audit tables', async () => {
    const ctx = backend.ctx();
    loadDemoData(ctx);
    seedScale(ctx, 30_000);
    planScaleAudits(ctx);
    const db = backend.database;
    const now = new Date().toISOString();
    db.prepare(`INSERT INTO programmes (id, title, cycle_start_year, cycle_years, created_at, updated_at) VALUES ('history', 'Historik', 2012, 3, ?, ?)`).run(now, now);
    const { issued, stop } = recordStatements(db);
    let whole: CoverageReport;
    let year: CoverageReport;
    try {
      whole = await call<CoverageReport>('coverage.get', { programmeId: 'history', year: null });
      year = await call<CoverageReport>('coverage.get', { programmeId: 'history', year: 2013 });
    } finally {
      stop();
    }
    // the generated history fills the matrix: the plans below are for a real answer
    const inCycle = db.prepare(`SELECT count(*) FROM audits WHERE type = 'internal' AND year BETWEEN 2012 AND 2014`).pluck().get() as number;
    expect(inCycle).toBeGreaterThan(50);
    expect(whole!.byUnit.rows.filter((r) => r.state !== 'none').length).toBeGreaterThan(5);
    expect(year!.processes.every((p) => p.years.length === 3)).toBe(true);

    const plans = queryPlans(db, issued, /^\s*(PRAGMA|SELECT value FROM settings)/);
    const tallies = plans.filter((p) => p.sql.includes('audit_clauses'));
    expect(tallies).toHaveLength(1);
    for (const { plan, shown } of plans) {
      expect(plan.map((p) => p.detail).filter((d) => LARGE.test(d)), shown).toEqual([]);
      // an index SQLite builds on the fly over a whole table is a scan of it too
      expect(plan.map((p) => p.detail).filter((d) => /^SEARCH (a|ac|au|ap) USING AUTOMATIC/.test(d)), shown).toEqual([]);
    }
    const detail = tallies[0]!.plan.map((p) => p.detail);
    expect(detail).toContain('SEARCH a USING COVERING INDEX audits_coverage (standard_id=? AND type=? AND <expr>=?)');
    for (const link of ['audit_clauses', 'audit_units', 'audit_processes']) {
      expect(detail.some((d) => d.includes(`USING COVERING INDEX sqlite_autoindex_${link}_1 (audit_id=?)`)), link).toBe(true);
    }
  });
});
