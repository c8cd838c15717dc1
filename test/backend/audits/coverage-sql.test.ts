import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadStandard, programmeCoverage } from '../../../electron/backend/features/audits';
import { AUDIT_STATUSES, AUDIT_TYPES } from '../../../shared/domain/audits';
import { RISK_LEVELS } from '../../../shared/domain/org';
import type { Programme } from '../../../shared/domain/programme';
import { coverageByLoadingAudits } from '../../helpers/coverage-by-loading';
import { testBackend } from '../../helpers/tmp';

const STANDARDS = ['iso-9001-2015', 'iso-14001-2015'];
const NUMBERS = loadStandard('iso-9001-2015').clauses.map((c) => c.number);

/** An organisation, a programme and audits, drawn at random: trees with archived and looping units, odd years, clauses at every level. */
const world = fc.record({
  units: fc.array(fc.record({ parent: fc.option(fc.nat(9), { nil: null, freq: 3 }), archived: fc.nat(5).map((n) => n === 3) }), {
    minLength: 1,
    maxLength: 8,
  }),
  processes: fc.array(fc.record({ risk: fc.constantFrom(...RISK_LEVELS), archived: fc.nat(5).map((n) => n === 3) }), { maxLength: 6 }),
  /** Whether the first unit is put under the last, which closes a loop when the last sits under the first. */
  loop: fc.nat(4).map((n) => n === 0),
  programme: fc.record({
    standardId: fc.constantFrom(...STANDARDS, STANDARDS[0]!),
    cycleStartYear: fc.integer({ min: 2020, max: 2022 }),
    cycleYears: fc.integer({ min: 1, max: 4 }),
    excludedClauses: fc.subarray(NUMBERS, { maxLength: 3 }),
  }),
  audits: fc.array(
    fc.record({
      number: fc.integer({ min: 1, max: 999 }),
      type: fc.constantFrom('internal', 'internal', 'internal', ...AUDIT_TYPES),
      status: fc.constantFrom(...AUDIT_STATUSES),
      standardId: fc.constantFrom(STANDARDS[0]!, STANDARDS[0]!, ...STANDARDS),
      /** Years from the cycle's start: some before it, some after. */
      year: fc.integer({ min: -1, max: 3 }),
      start: fc.option(fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })), { nil: null }),
      units: fc.array(fc.nat(9), { minLength: 1, maxLength: 3 }),
      processes: fc.array(fc.nat(9), { maxLength: 3 }),
      clauses: fc.subarray([...NUMBERS, '99', '7.1.99', '4.1.2.3'], { minLength: 1, maxLength: 6 }),
    }),
    { minLength: 4, maxLength: 30 },
  ),
});

describe('coverage from SQL aggregates', () => {
  const backend = testBackend();

  it('gives exactly the report the pure rule gives over every audit read into memory, for the cycle and each year', () => {
    const ctx = backend.ctx();
    const db = backend.database;
    const at = '2025-01-01T00:00:00.000Z';
    let nonEmpty = 0;
    fc.assert(
      fc.property(world, (w) => {
        db.exec(`DELETE FROM audit_clauses; DELETE FROM audit_processes; DELETE FROM audit_units; DELETE FROM audits; DELETE FROM programmes;
                 DELETE FROM processes; UPDATE units SET parent_id = NULL; DELETE FROM units;`);
        const unitId = (i: number) => `u${i % w.units.length}`;
        w.units.forEach((u, i) =>
          db.prepare(`INSERT INTO units (id, name, kind, archived, created_at, updated_at) VALUES (?, ?, 'unit', ?, ?, ?)`).run(unitId(i), `Enhet ${(i * 7) % 10} ${i}`, u.archived ? 1 : 0, at, at),
        );
        // a tree of earlier units, then perhaps a loop
        const setParent = db.prepare('UPDATE units SET parent_id = ? WHERE id = ?');
        w.units.forEach((u, i) => i > 0 && u.parent !== null && setParent.run(unitId(u.parent % i), unitId(i)));
        if (w.loop) setParent.run(unitId(w.units.length - 1), unitId(0));
        const processId = (i: number) => `p${i % Math.max(1, w.processes.length)}`;
        w.processes.forEach((p, i) =>
          db
            .prepare(`INSERT INTO processes (id, name, owner_unit_id, risk_level, archived, created_at, updated_at) VALUES (?, ?, 'u0', ?, ?, ?, ?)`)
            .run(processId(i), `Process ${(i * 3) % 7} ${i}`, p.risk, p.archived ? 1 : 0, at, at),
        );
        const programme: Pick<Programme, 'id' | 'standardId' | 'cycleStartYear' | 'cycleYears' | 'excludedClauses'> = { id: 'prog', ...w.programme };
        db.prepare(
          `INSERT INTO programmes (id, title, standard_id, cycle_start_year, cycle_years, excluded_clauses_json, created_at, updated_at) VALUES ('prog', 'P', ?, ?, ?, ?, ?, ?)`,
        ).run(programme.standardId, programme.cycleStartYear, programme.cycleYears, JSON.stringify(programme.excludedClauses), at, at);
        const numbers = new Set<string>();
        w.audits.forEach((a, i) => {
          let number = `IR-${a.number}`;
          while (numbers.has(number)) number += 'b';
          numbers.add(number);
          const start = a.start && `${programme.cycleStartYear + a.start[0]}-${String(a.start[1]).padStart(2, '0')}-${String(a.start[2]).padStart(2, '0')}`;
          db.prepare(
            `INSERT INTO audits (id, number, year, seq, title, type, status, standard_id, start_date, end_date, created_at, updated_at) VALUES (?, ?, ?, ?, 'A', ?, ?, ?, ?, ?, ?, ?)`,
          ).run(`a${i}`, number, programme.cycleStartYear + a.year, i, a.type, a.status, a.standardId, start, start, at, at);
          for (const u of new Set(a.units.map(unitId))) db.prepare('INSERT INTO audit_units (audit_id, unit_id) VALUES (?, ?)').run(`a${i}`, u);
          if (w.processes.length)
            for (const p of new Set(a.processes.map(processId))) db.prepare('INSERT INTO audit_processes (audit_id, process_id) VALUES (?, ?)').run(`a${i}`, p);
          for (const c of a.clauses) db.prepare('INSERT INTO audit_clauses (audit_id, clause_number) VALUES (?, ?)').run(`a${i}`, c);
        });
        const clauses = loadStandard(programme.standardId).clauses;
        const cycle = Array.from({ length: programme.cycleYears }, (_, i) => programme.cycleStartYear + i);
        for (const year of [null, ...cycle, 2030]) {
          const fromSql = programmeCoverage(ctx, { programmeId: 'prog', year });
          expect(fromSql).toEqual(coverageByLoadingAudits(db, programme, clauses, year));
          if (year === null && fromSql.byUnit.rows.some((r) => r.state !== 'none')) nonEmpty += 1;
        }
      }),
      { numRuns: 150 },
    );
    // the property was tried on matrices with something in them, not only on empty ones (about half
    // the generated cases are; a third is more than three standard deviations below that)
    expect(nonEmpty).toBeGreaterThan(50);
  });
});
