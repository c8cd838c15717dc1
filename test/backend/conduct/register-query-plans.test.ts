import { describe, expect, it } from 'vitest';
import type { FindingRegisterPage } from '../../../shared/domain/findings';
import { loadDemoData, seedScale, SCALE_RARE_WORD } from '../../../electron/backend/features/app';
import { COUNT_MARK, FILTER_DRIVEN_MARK } from '../../../electron/backend/features/conduct/findings-register';
import { queryPlans, recordStatements } from '../../helpers/query-plans';
import { caller, testBackend } from '../../helpers/tmp';

const FINDINGS = 30_000;

/** The lines of SQLite's plan that read every row of findings (or its whole table b-tree). */
function fullScans(plan: { detail: string }[]): string[] {
  return plan.map((p) => p.detail).filter((d) => /^SCAN (f|findings)\b/.test(d) && !/USING (COVERING )?INDEX/.test(d));
}

/** Index scans over all of findings: allowed only for the cached count, never for a page. */
function indexScans(plan: { detail: string }[]): string[] {
  return plan.map((p) => p.detail).filter((d) => /^SCAN (f|findings)\b/.test(d));
}

describe('the findings register at scale, as SQLite plans it', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('reads every page through indexes, never scanning the findings table, and counts once per filter', async () => {
    const ctx = backend.ctx();
    const keys = loadDemoData(ctx);
    seedScale(ctx, FINDINGS);
    const db = backend.database;
    const unitId = [...keys.units.values()][0]!;
    const processId = [...keys.processes.values()][2]!;
    const auditId = db.prepare("SELECT id FROM audits WHERE id LIKE 'scale-audit-%' ORDER BY rowid LIMIT 1 OFFSET 7").pluck().get() as string;

    const { issued, stop } = recordStatements(db);

    // Every filter and combination the register page and the overview offer, first and deep pages.
    const queries: object[] = [
      {}, { offset: 25_000 }, { search: SCALE_RARE_WORD }, { search: 'H-2012-1001-05' },
      { search: 'kalibrering', types: ['major_nc', 'minor_nc'], clause: '8.5', year: 2015, status: 'open' },
      { types: ['observation'] }, { types: ['ofi'], year: 2020, limit: 1 }, { clause: '7.5' }, { unitId }, { processId },
      { status: 'closed' }, { status: 'n/a', offset: 10_000 }, { year: 2012, offset: 1000 }, { auditId },
      // A word in every generated finding, with narrow filters: the filters drive, the word is tested per row.
      { search: 'granskade akter', year: 2013, types: ['ofi'] },
    ];
    const pages: FindingRegisterPage[] = [];
    try {
      for (const q of queries) pages.push(await call<FindingRegisterPage>('findings.register', q));
      // The same filter again, further down: the count is not taken again.
      const before = issued.filter((i) => i.sql.includes(COUNT_MARK)).length;
      await call('findings.register', { types: ['observation'], offset: 2000 });
      expect(issued.filter((i) => i.sql.includes(COUNT_MARK)).length).toBe(before);
    } finally {
      stop();
    }

    expect(pages[0]!.total).toBe(FINDINGS + (db.prepare("SELECT count(*) FROM findings WHERE id NOT LIKE 'scale-%'").pluck().get() as number));
    expect(pages[1]!.rows).toHaveLength(200);
    const demoTexts = db.prepare("SELECT requirement || ' ' || evidence || ' ' || statement || ' ' || auditee_response FROM findings WHERE id NOT LIKE 'scale-%'").pluck().all() as string[];
    expect(pages[2]!.total).toBe(1 + demoTexts.filter((t) => t.toLocaleLowerCase('sv').includes(SCALE_RARE_WORD)).length);
    expect(pages[3]!.rows.map((r) => r.number)).toContain('H-2012-1001-05');

    // The filter-driven search finds exactly what the full-text index finds.
    const common = db
      .prepare(
        `SELECT count(*) FROM findings f JOIN audits a ON a.id = f.audit_id WHERE a.year = 2013 AND f.type = 'ofi'
         AND f.rowid IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH '"granskade"* "akter"*')`,
      )
      .pluck()
      .get() as number;
    expect(common).toBeGreaterThan(100);
    expect(pages.at(-1)!.total).toBe(common);
    expect(issued.some((i) => i.sql.includes(FILTER_DRIVEN_MARK))).toBe(true);

    const plans = queryPlans(db, issued, /^\s*(PRAGMA|SELECT total_changes)/);
    for (const { sql, plan, shown } of plans) {
      expect(fullScans(plan), shown).toEqual([]);
      if (!sql.includes(COUNT_MARK)) expect(indexScans(plan), shown).toEqual([]);
    }
    expect(plans.length).toBeGreaterThan(10);
  });
});
