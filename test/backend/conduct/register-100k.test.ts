import { describe, expect, it } from 'vitest';
import { findingNumber } from '../../../shared/domain/audits';
import type { FindingRegisterPage } from '../../../shared/domain/findings';
import { caller, testBackend } from '../../helpers/tmp';
import { conductFixture, type ConductFixture } from './fixture';

const TOTAL = 100_000;
const WORDS = ['signeringslista', 'avvikelserapport', 'genomförandeplan', 'introduktion', 'kalibrering', 'läkemedelsgenomgång', 'åtgärdsplan'];

describe('the findings register with 100 000 findings', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('filters and searches in SQLite and returns the first page quickly', async () => {
    const years = [2025, 2026, 2027];
    const fixtures: ConductFixture[] = [];
    for (const y of years) fixtures.push(await conductFixture(backend, { startDate: `${y}-04-01` }));

    // Generated inside SQLite in one transaction: this test is about reading, and going through the
    // service would add 100 000 trail rows and 200 000 calls across the native boundary. The FTS
    // triggers still run for every row, as they would for real findings.
    const db = backend.database;
    db.prepare('CREATE TEMP TABLE bulk_audits (k INTEGER PRIMARY KEY, id TEXT, number TEXT, unit_id TEXT)').run();
    fixtures.forEach((f, k) => db.prepare('INSERT INTO bulk_audits VALUES (?, ?, ?, ?)').run(k, f.audit.id, f.audit.number, f.care.id));
    const words = `CASE i % ${WORDS.length} ${WORDS.map((w, k) => `WHEN ${k} THEN '${w}'`).join(' ')} END`;
    const started = performance.now();
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${TOTAL - 1})
         INSERT INTO findings (id, audit_id, seq, number, type, requirement, evidence, statement, unit_id, created_at, updated_at)
         SELECT printf('f-%06d', i), b.id, i / 3 + 1, b.number || '-' || printf('%02d', i / 3 + 1),
           CASE i % 5 WHEN 0 THEN 'major_nc' WHEN 1 THEN 'minor_nc' WHEN 2 THEN 'observation' WHEN 3 THEN 'ofi' ELSE 'strength' END,
           'Rutin för ' || ${words},
           'Granskade ' || (i % 20) || ' akter om ' || ${words} || '.' ||
             CASE WHEN i % 2700 = 1 THEN ' Ögondroppar förvarades i rumstemperatur.' ELSE '' END,
           'Brist nummer ' || i || ' gällande ' || ${words} || '.',
           b.unit_id, '2027-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'
         FROM n JOIN bulk_audits b ON b.k = i % 3`,
      ).run();
      db.prepare(
        `INSERT INTO finding_clauses (finding_id, clause_number)
         SELECT id, CASE WHEN CAST(substr(id, 3) AS INTEGER) % 2 = 1 THEN '8.5.1' ELSE '7.5.3' END FROM findings WHERE id LIKE 'f-%'`,
      ).run();
    })();
    const insertMs = performance.now() - started;

    const timed = async (q: object) => {
      const t = performance.now();
      const page = await call<FindingRegisterPage>('findings.register', q);
      return { page, ms: performance.now() - t };
    };

    const all = await timed({ limit: 500 });
    expect(all.page.total).toBe(TOTAL);
    expect(all.page.rows).toHaveLength(500);
    // Newest audits first, then in finding order within an audit.
    expect(all.page.rows[0]?.number).toBe(`${fixtures[2]!.audit.number}-01`);
    expect(all.page.years).toEqual([2027, 2026, 2025]);

    const deep = await timed({ offset: 99_900, limit: 200 });
    expect(deep.page.rows).toHaveLength(100);
    expect(deep.page.rows.at(-1)?.number).toBe(findingNumber(fixtures[0]!.audit.number, 33_334));

    const rare = await timed({ search: 'ögondroppar' });
    expect(rare.page.total).toBe(Array.from({ length: TOTAL }, (_, i) => i).filter((i) => i % 2700 === 1).length);
    expect(rare.page.rows.every((r) => r.year === 2026)).toBe(true);

    const filtered = await timed({ search: 'läkemedelsgenomgång', types: ['major_nc', 'minor_nc'], clause: '8.5', year: 2027, status: 'open' });
    const expected = Array.from({ length: TOTAL }, (_, i) => i).filter(
      (i) => i % 3 === 2 && i % WORDS.length === 5 && i % 5 < 2 && i % 2 === 1,
    ).length;
    expect(filtered.page.total).toBe(expected);
    expect(filtered.page.rows.every((r) => ['major_nc', 'minor_nc'].includes(r.type) && r.clauseNumbers.includes('8.5.1'))).toBe(true);

    const byUnitAbove = await timed({ unitId: fixtures[0]!.social.id, limit: 1 });
    expect(byUnitAbove.page.total).toBe(Math.ceil(TOTAL / 3));

    console.log(
      `[register-100k] insert ${insertMs.toFixed(0)} ms; first page ${all.ms.toFixed(0)} ms; deep page ${deep.ms.toFixed(0)} ms; ` +
        `FTS ${rare.ms.toFixed(0)} ms; FTS+filters ${filtered.ms.toFixed(0)} ms; unit subtree ${byUnitAbove.ms.toFixed(0)} ms`,
    );
    // Generous bounds: they catch a query that scans per row, not a slow machine.
    for (const q of [all, deep, rare, filtered, byUnitAbove]) expect(q.ms).toBeLessThan(3000);
  });
});
