import { describe, expect, it } from 'vitest';
import type { FindingRegisterPage } from '../../../shared/domain/findings';
import { loadDemoData, seedScale } from '../../../electron/backend/features/app';
import { caller, testBackend } from '../../helpers/tmp';

/**
 * Paging the register page by page gives exactly the rows one ORDER BY over the whole register
 * gives, whatever the page size: pages start and end inside audits, span many small audits (the
 * demo's) and cross from one year into the next.
 */
describe('findings register pages', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('concatenate to the whole register in its order, for every page size, with and without a year', async () => {
    const ctx = backend.ctx();
    loadDemoData(ctx);
    seedScale(ctx, 2_500);
    const db = backend.database;
    // A finding removed from the middle of an audit leaves a gap in its seq numbers.
    db.prepare("DELETE FROM findings WHERE id = 'scale-finding-0000130'").run();
    const expected = (year: number | null) =>
      db
        .prepare(`SELECT f.number FROM audits a JOIN findings f ON f.audit_id = a.id WHERE ? IS NULL OR a.year = ? ORDER BY a.year DESC, a.number DESC, f.seq`)
        .pluck()
        .all(year, year) as string[];
    const year = db.prepare("SELECT year FROM audits WHERE id = 'scale-audit-000001'").pluck().get() as number;

    for (const filter of [{}, { year }]) {
      const want = expected('year' in filter ? year : null);
      expect(want.length).toBeGreaterThan(100);
      for (const limit of [1, 7, 97, 200]) {
        const got: string[] = [];
        for (let offset = 0; offset < want.length; offset += limit) {
          const page = await call<FindingRegisterPage>('findings.register', { ...filter, offset, limit });
          expect(page.total).toBe(want.length);
          got.push(...page.rows.map((r) => r.number));
        }
        expect(got, `limit ${limit}, ${JSON.stringify(filter)}`).toEqual(want);
      }
    }
  });
});
