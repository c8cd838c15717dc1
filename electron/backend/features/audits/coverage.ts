import type Database from 'better-sqlite3';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { CoverageReport } from '../../../../shared/contract/audits';
import type { RiskLevel } from '../../../../shared/domain/org';
import { unitAncestry } from '../../../../shared/domain/org';
import { applicableClauses, clausesCovering, coverageFromTallies, type CoverageTallies, type CoverageTally } from '../../../../shared/domain/coverage';
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

/** The programme's internal audits of the cycle, read through the index of migration 016. */
const COUNTED = `counted AS MATERIALIZED (
    SELECT a.id, a.number, a.start_date AS startDate, ${AUDIT_YEAR} AS year, a.status IN ('reported', 'closed') AS done,
      ${AUDIT_YEAR} IN (SELECT value FROM json_each(:years)) AS shown
    FROM audits a
    WHERE a.standard_id = :standardId AND a.type = 'internal' AND ${AUDIT_YEAR} IN (SELECT value FROM json_each(:cycle)))`;
/** Each (audit shown, matrix row) it covers, once, however many of the row's parents it names. */
const COVERS = `clause_rows(number, leaf) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(:clauseRows)),
  covers AS MATERIALIZED (
    SELECT DISTINCT c.id, r.leaf FROM counted c JOIN audit_clauses ac ON ac.audit_id = c.id JOIN clause_rows r ON r.number = ac.clause_number
    WHERE c.shown)`;
/** Each (audit shown, unit column) it counts for, once: its units and every unit above them. */
const VISITS = `unit_columns(unit, above) AS MATERIALIZED (SELECT value ->> 0, value ->> 1 FROM json_each(:unitColumns)),
  visits AS MATERIALIZED (
    SELECT DISTINCT c.id, u.above AS unit FROM counted c JOIN audit_units au ON au.audit_id = c.id JOIN unit_columns u ON u.unit = au.unit_id
    WHERE c.shown)`;
/** A cell's state and its audits in programme order, as coverageFromTallies reads it. */
const CELL = `max(c.done) AS done, json_group_array(c.number ORDER BY c.year, c.startDate, c.number) AS audits`;

const SQL = {
  byUnit: `WITH ${COUNTED}, ${COVERS}, ${VISITS}
    SELECT cv.leaf AS row, v.unit AS "column", ${CELL}
    FROM covers cv JOIN visits v ON v.id = cv.id JOIN counted c ON c.id = cv.id GROUP BY cv.leaf, v.unit`,
  byProcess: `WITH ${COUNTED}, ${COVERS}
    SELECT cv.leaf AS row, ap.process_id AS "column", ${CELL}
    FROM covers cv JOIN audit_processes ap ON ap.audit_id = cv.id JOIN counted c ON c.id = cv.id GROUP BY cv.leaf, ap.process_id`,
  processYears: `WITH ${COUNTED}
    SELECT ap.process_id AS row, c.year AS "column", ${CELL}
    FROM counted c JOIN audit_processes ap ON ap.audit_id = c.id GROUP BY ap.process_id, c.year`,
  coveredClauses: `WITH ${COUNTED}, ${COVERS} SELECT DISTINCT leaf FROM covers`,
  visitedUnits: `WITH ${COUNTED}, ${VISITS} SELECT DISTINCT unit FROM visits`,
};

interface TallyQuery {
  standardId: string;
  years: number[];
  cycle: number[];
  clauseRows: string[][];
  unitColumns: string[][];
}

/** The aggregates coverageFromTallies shapes into the report, each one GROUP BY in SQLite. */
export function coverageTallies(db: Database.Database, q: TallyQuery): CoverageTallies {
  const all = { standardId: q.standardId, years: JSON.stringify(q.years), cycle: JSON.stringify(q.cycle) };
  const params = { ...all, clauseRows: JSON.stringify(q.clauseRows), unitColumns: JSON.stringify(q.unitColumns) };
  // better-sqlite3 refuses named parameters a statement does not use
  const only = (sql: string) => Object.fromEntries(Object.entries(params).filter(([k]) => sql.includes(`:${k}`)));
  const cells = (sql: string): CoverageTally[] =>
    (prepared(db, sql).all(only(sql)) as { row: string; column: string | number; done: number; audits: string }[]).map((t) => ({
      row: t.row,
      column: t.column,
      done: t.done === 1,
      audits: JSON.parse(t.audits) as string[],
    }));
  const list = (sql: string) => prepared(db, sql).pluck().all(only(sql)) as string[];
  return {
    byUnit: cells(SQL.byUnit),
    byProcess: cells(SQL.byProcess),
    processYears: cells(SQL.processYears),
    coveredClauses: list(SQL.coveredClauses),
    visitedUnits: list(SQL.visitedUnits),
  };
}

/** Parents first, each followed by its children, so a matrix reads like the organisation chart. */
function orderAsTree<T extends { id: string; parentId: string | null }>(units: T[]): T[] {
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
