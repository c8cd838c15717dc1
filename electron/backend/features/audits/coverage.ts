import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { CoverageReport } from '../../../../shared/contract/audits';
import type { RiskLevel } from '../../../../shared/domain/org';
import { unitAncestry } from '../../../../shared/domain/org';
import { applicableClauses, clausesCovering, coverageFromTallies, type CoverageTallies } from '../../../../shared/domain/coverage';
import { cycleYearsOf } from '../../../../shared/domain/programme';
import { prepared } from '../../db/statements';
import type { ServiceContext } from '../../core/context';
import { getProgramme } from './programme';
import { loadStandard } from './standards';

/**
 * Coverage of a programme's cycle, or of one year of it: the same answer as the pure rule in
 * shared/ (computeCoverage), but the database does the counting. A cycle in a register with ten
 * years of history holds thousands of audits; reading each with its units, processes and clauses
 * into JavaScript cost more than everything else on the overview together. SQL aggregates the
 * non-empty cells instead, and JavaScript lays out a few thousand of them as the matrices.
 */
export function programmeCoverage(ctx: ServiceContext, { programmeId, year }: ParsedInputOf<'coverage.get'>): CoverageReport {
  const programme = getProgramme(ctx, programmeId);
  const cycle = cycleYearsOf(programme);
  const years = year !== null && cycle.includes(year) ? [year] : cycle;
  const standard = loadStandard(programme.standardId);
  const units = orderAsTree(
    ctx.db.prepare('SELECT id, parent_id AS parentId FROM units WHERE archived = 0 ORDER BY name COLLATE NOCASE').all() as { id: string; parentId: string | null }[],
  );
  const processes = ctx.db
    .prepare('SELECT id, risk_level AS riskLevel FROM processes WHERE archived = 0 ORDER BY name COLLATE NOCASE')
    .all() as { id: string; riskLevel: RiskLevel }[];
  const clauses = applicableClauses(standard.clauses, programme.excludedClauses);
  const tallies = coverageTallies(ctx.db, {
    standardId: programme.standardId,
    years,
    cycle,
    // Which clause numbers on an audit count for which matrix row, and which units a visit to a
    // unit also counts for (itself and every unit above it): both small, both worked out here so
    // the database only has to join.
    clauseRows: clauses.flatMap((leaf) => clausesCovering(leaf).map((n) => [n, leaf])),
    unitColumns: units.flatMap((u) => unitAncestry(units, u.id).map((above) => [u.id, above])),
  });
  const result = coverageFromTallies({ years, cycle, clauses, units: units.map((u) => u.id), processes }, tallies);
  return { ...result, programmeId, standardId: programme.standardId, year: years.length === 1 && year !== null ? year : null };
}

/** The year an audit counts in: the year it starts, or the year it is planned for (migration 016 indexes it). */
const AUDIT_YEAR = 'CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER)';

/** A cell (of covers or processed `t`): done when one of its audits is reported or closed, and its audits in programme order. */
const cell = (t: string) => `max(${t}.done) AS done, json_group_array(${t}.number ORDER BY ${t}.ord) AS audits`;

/**
 * Every aggregate in one statement, so each step below is worked out once. Written for SQLite's
 * planner: the cycle's audits drive every read of their links (CROSS JOIN keeps that order; the
 * planner otherwise preferred scanning a whole link table), and the small lists from JavaScript
 * are scanned while the rows they match are materialised first, so SQLite indexes those on the fly
 * (the other way round, a list scanned once per clause of every audit, took most of the time).
 * Audits are numbered once in programme order (year, start date, number), so the later steps
 * join, sort and list by that small integer.
 */
export const TALLIES = `
  WITH counted AS MATERIALIZED (
    -- the programme's internal audits of the cycle, read from the index of migration 016
    SELECT a.id, a.number, ${AUDIT_YEAR} AS year, a.status IN ('reported', 'closed') AS done,
      ${AUDIT_YEAR} IN (SELECT value FROM json_each(:years)) AS shown,
      row_number() OVER (ORDER BY ${AUDIT_YEAR}, a.start_date, a.number) AS ord
    FROM audits a
    WHERE a.standard_id = :standardId AND a.type = 'internal' AND ${AUDIT_YEAR} IN (SELECT value FROM json_each(:cycle))),
  named AS MATERIALIZED (
    SELECT ca.ord, ca.number, ca.done, ac.clause_number AS clause FROM counted ca CROSS JOIN audit_clauses ac ON ac.audit_id = ca.id WHERE ca.shown),
  clause_rows(clause, leaf) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(:clauseRows)),
  -- each (audit shown, matrix row) it covers, once, however many of the row's parents it names
  covers AS MATERIALIZED (SELECT DISTINCT n.ord, n.number, n.done, cr.leaf FROM clause_rows cr JOIN named n ON n.clause = cr.clause),
  placed AS MATERIALIZED (SELECT ca.ord, au.unit_id AS unit FROM counted ca CROSS JOIN audit_units au ON au.audit_id = ca.id WHERE ca.shown),
  unit_columns(unit, above) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(:unitColumns)),
  -- each (audit shown, unit column) it counts for, once: its units and every unit above them
  visits AS MATERIALIZED (SELECT DISTINCT p.ord, u.above AS unit FROM unit_columns u JOIN placed p ON p.unit = u.unit),
  -- every audit of the cycle with its processes: the frequency rule is about the whole cycle, whichever years are shown
  processed AS MATERIALIZED (
    SELECT ca.ord, ca.number, ca.done, ca.year, ap.process_id AS process FROM counted ca CROSS JOIN audit_processes ap ON ap.audit_id = ca.id)
  SELECT 'unit' AS kind, cv.leaf AS row, v.unit AS "column", ${cell('cv')} FROM covers cv JOIN visits v ON v.ord = cv.ord GROUP BY cv.leaf, v.unit
  UNION ALL
  SELECT 'process', cv.leaf, p.process, ${cell('cv')} FROM covers cv JOIN processed p ON p.ord = cv.ord GROUP BY cv.leaf, p.process
  UNION ALL
  SELECT 'year', p.process, p.year, ${cell('p')} FROM processed p GROUP BY p.process, p.year
  UNION ALL
  SELECT DISTINCT 'clause', leaf, NULL, NULL, NULL FROM covers
  UNION ALL
  SELECT DISTINCT 'visited', unit, NULL, NULL, NULL FROM visits`;

interface TallyQuery {
  standardId: string;
  years: number[];
  cycle: number[];
  clauseRows: string[][];
  unitColumns: string[][];
}

type TallyRow =
  | { kind: 'unit' | 'process' | 'year'; row: string; column: string | number; done: number; audits: string }
  | { kind: 'clause'; row: string }
  | { kind: 'visited'; row: string };

/** The aggregates coverageFromTallies shapes into the report, from one statement of GROUP BYs. */
export function coverageTallies(db: Database.Database, q: TallyQuery): CoverageTallies {
  const rows = prepared(db, TALLIES).all({
    standardId: q.standardId,
    years: JSON.stringify(q.years),
    cycle: JSON.stringify(q.cycle),
    clauseRows: JSON.stringify(q.clauseRows),
    unitColumns: JSON.stringify(q.unitColumns),
  }) as TallyRow[];
  const tallies: CoverageTallies = { byUnit: [], byProcess: [], processYears: [], coveredClauses: [], visitedUnits: [] };
  const cells = { unit: tallies.byUnit, process: tallies.byProcess, year: tallies.processYears };
  for (const r of rows) {
    if (r.kind === 'clause') tallies.coveredClauses.push(r.row);
    else if (r.kind === 'visited') tallies.visitedUnits.push(r.row);
    else cells[r.kind].push({ row: r.row, column: r.column, done: r.done === 1, audits: JSON.parse(r.audits) as string[] });
  }
  return tallies;
}

/** Parents first, each followed by its children, so a matrix reads like the organisation chart. */
export function orderAsTree<T extends { id: string; parentId: string | null }>(units: T[]): T[] {
  const out: T[] = [];
  const ids = new Set(units.map((u) => u.id));
  const visit = (parentId: string | null) => {
    for (const u of units.filter((x) => (parentId === null ? x.parentId === null || !ids.has(x.parentId) : x.parentId === parentId))) {
      if (out.includes(u)) continue;
      out.push(u);
      visit(u.id);
    }
  };
  visit(null);
  return out;
}
