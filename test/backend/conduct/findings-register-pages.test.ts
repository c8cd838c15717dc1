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

  it('concatenate to the whole register in its order, for every page size, with and without a year or a type', async () => {
    const ctx = backend.ctx();
    loadDemoData(ctx);
    seedScale(ctx, 2_500);
    const db = backend.database;
    // A finding removed from the middle of an audit leaves a gap in its seq numbers.
    db.prepare("DELETE FROM findings WHERE id = 'scale-finding-0000130'").run();
    const expected = (year: number | null, types: string[]) =>
      db
        .prepare(
          `SELECT f.number FROM audits a JOIN findings f ON f.audit_id = a.id WHERE (? IS NULL OR a.year = ?)
             AND (? = '[]' OR f.type IN (SELECT value FROM json_each(?))) ORDER BY a.year DESC, a.number DESC, f.seq`,
        )
        .pluck()
        .all(year, year, JSON.stringify(types), JSON.stringify(types)) as string[];
    const year = db.prepare("SELECT year FROM audits WHERE id = 'scale-audit-000001'").pluck().get() as number;

    const filters: { year?: number; types?: string[] }[] = [{}, { year }, { types: ['observation', 'ofi'] }, { types: ['major_nc'], year }];
    for (const filter of filters) {
      const want = expected(filter.year ?? null, filter.types ?? []);
      expect(want.length).toBeGreaterThan(30);
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

  it('keeps each audit’s count exact through inserts, moves and deletes made by any path', async () => {
    const db = backend.database;
    const counts = () => db.prepare('SELECT audit_id, sum(n) AS findings FROM trend_audit_types GROUP BY audit_id HAVING findings > 0 ORDER BY audit_id').all();
    const truth = () => db.prepare('SELECT audit_id, count(*) AS findings FROM findings GROUP BY audit_id ORDER BY audit_id').all();
    const [from, to] = db.prepare("SELECT id FROM audits WHERE id LIKE 'scale-audit-%' ORDER BY id LIMIT 2").pluck().all() as string[];
    // As a package import or a sync would write: plain SQL on the findings table.
    db.exec(`CREATE TEMP TABLE copy AS SELECT * FROM findings WHERE audit_id = '${from}' LIMIT 1;
             UPDATE copy SET id = 'moved-finding', seq = 9001, number = 'H-MOVED-01';
             INSERT INTO findings SELECT * FROM copy;`);
    db.prepare('UPDATE findings SET audit_id = ? WHERE id = ?').run(to, 'moved-finding');
    db.prepare("DELETE FROM findings WHERE audit_id = ? AND seq IN (2, 3)").run(from);
    expect(counts()).toEqual(truth());
    const before = (await call<FindingRegisterPage>('findings.register', { limit: 1 })).total;
    // An audit removed with its findings.
    db.prepare('DELETE FROM findings WHERE audit_id = ?').run(to);
    db.prepare('DELETE FROM audits WHERE id = ?').run(to);
    expect(counts()).toEqual(truth());
    const after = (await call<FindingRegisterPage>('findings.register', { limit: 1 })).total;
    expect(after).toBe(db.prepare('SELECT count(*) FROM findings').pluck().get());
    expect(after).toBeLessThan(before);
  });

  it('forgets a total counted inside a transaction that was rolled back', async () => {
    const db = backend.database;
    const whole = () => db.prepare('SELECT count(*) FROM findings').pluck().get() as number;
    const before = whole();
    db.exec('BEGIN');
    db.prepare("DELETE FROM findings WHERE id IN (SELECT id FROM findings WHERE id LIKE 'scale-finding-%' ORDER BY rowid LIMIT 5)").run();
    expect((await call<FindingRegisterPage>('findings.register', { limit: 1 })).total).toBe(before - 5);
    db.exec('ROLLBACK');
    // The rollback leaves total_changes() where the deletes put it: the register must count again.
    expect((await call<FindingRegisterPage>('findings.register', { limit: 1 })).total).toBe(before);
  });
});
