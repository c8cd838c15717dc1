import type { AuditStatus, AuditType } from './audits';
import type { RiskLevel } from './org';
import { unitAncestry } from './org';
import { isWithinClause, leafClauses, type StandardClause } from './standards';

/**
 * How often ISO 9001 9.2.2 a) asks us to audit a process, by its risk: high every year, medium
 * every second year, low once per certification cycle.
 */
export const AUDIT_INTERVAL: Record<RiskLevel, 'yearly' | 'every_second_year' | 'once_per_cycle'> = {
  high: 'yearly',
  medium: 'every_second_year',
  low: 'once_per_cycle',
};

/**
 * The number of years in a cycle in which a process should be audited: every year for high risk,
 * every second year for medium (2 of 3, rounded up), once for low.
 */
export function requiredAuditYears(risk: RiskLevel, cycleYears: number): number {
  if (cycleYears <= 0) return 0;
  if (risk === 'high') return cycleYears;
  if (risk === 'medium') return Math.ceil(cycleYears / 2);
  return 1;
}

/**
 * Planned (draft, planned, in progress) or done (reported, closed): a cell is done as soon as one
 * audit that covers it is reported, planned when only unfinished audits cover it, else none.
 */
export type CoverageState = 'done' | 'planned' | 'none';

export const coverageStateOf = (status: AuditStatus): Exclude<CoverageState, 'none'> =>
  status === 'reported' || status === 'closed' ? 'done' : 'planned';

export interface CoverageAudit {
  id: string;
  number: string;
  type: AuditType;
  status: AuditStatus;
  year: number;
  unitIds: string[];
  processIds: string[];
  clauseNumbers: string[];
}

export interface CoverageInput {
  years: number[];
  clauses: Pick<StandardClause, 'number'>[];
  excludedClauses: string[];
  units: { id: string; parentId: string | null }[];
  processes: { id: string; riskLevel: RiskLevel }[];
  audits: CoverageAudit[];
}

export interface CoverageCell {
  state: CoverageState;
  /** Numbers of the audits behind the cell, planned and done. */
  audits: string[];
}

export interface CoverageMatrix {
  /** Column ids (units or processes), in the order given. */
  columns: string[];
  rows: { clause: string; state: CoverageState; cells: CoverageCell[] }[];
}

export interface ProcessFrequency {
  processId: string;
  riskLevel: RiskLevel;
  required: number;
  /** One entry per year of the cycle. */
  years: { year: number; cell: CoverageCell }[];
  /** Years in which the process is audited (planned or done). */
  planned: number;
  done: number;
  ok: boolean;
}

export interface CoverageGaps {
  /** Applicable clauses no internal audit in the cycle covers. */
  clauses: string[];
  /** Processes no internal audit in the cycle looks at. */
  processes: string[];
  /** Processes audited in fewer years than their risk asks (and at least once). */
  underAudited: { processId: string; riskLevel: RiskLevel; required: number; planned: number }[];
  /** Units no internal audit in the cycle visits, itself or inside it. */
  units: string[];
}

export interface CoverageResult {
  years: number[];
  clauses: string[];
  byUnit: CoverageMatrix;
  byProcess: CoverageMatrix;
  processes: ProcessFrequency[];
  gaps: CoverageGaps;
}

/** The rows a coverage matrix counts: the catalogue's leaves, less the programme's exclusions. */
export function applicableClauses(clauses: Pick<StandardClause, 'number'>[], excludedClauses: string[]): string[] {
  return leafClauses(clauses).filter((c) => !excludedClauses.some((x) => isWithinClause(c, x)));
}

/**
 * The clause numbers an audit may name that cover `leaf`: the leaf and each number above it
 * ("7.1.5.1" is covered by "7", "7.1", "7.1.5" and itself), which is what isWithinClause asks.
 */
export function clausesCovering(leaf: string): string[] {
  const parts = leaf.split('.');
  return parts.map((_, i) => parts.slice(0, i + 1).join('.'));
}

/** Only internal audits count towards the programme: certification-body and supplier audits do not (9.2). */
export const countsForCoverage = (a: Pick<CoverageAudit, 'type'>): boolean => a.type === 'internal';

function merge(cell: CoverageCell, audit: CoverageAudit): void {
  const state = coverageStateOf(audit.status);
  if (state === 'done' || cell.state === 'none') cell.state = state;
  if (!cell.audits.includes(audit.number)) cell.audits.push(audit.number);
}

const empty = (): CoverageCell => ({ state: 'none', audits: [] });

const best = (cells: CoverageCell[]): CoverageState =>
  cells.some((c) => c.state === 'done') ? 'done' : cells.some((c) => c.state === 'planned') ? 'planned' : 'none';

/**
 * Coverage of a cycle: which applicable clauses (the catalogue's leaves, less the exclusions) each
 * unit and each process has had audited, how often each process is audited against its risk, and
 * the gaps. A unit's column counts audits of the unit itself and of any unit inside it.
 */
export function computeCoverage(input: CoverageInput): CoverageResult {
  const clauses = applicableClauses(input.clauses, input.excludedClauses);
  const audits = input.audits.filter((a) => countsForCoverage(a) && input.years.includes(a.year));
  const coversClause = (a: CoverageAudit, clause: string) => a.clauseNumbers.some((n) => isWithinClause(clause, n));
  // Which audits cover each clause, worked out once: both matrices and the gaps ask it for every clause.
  const covering = new Map(clauses.map((clause) => [clause, audits.filter((a) => coversClause(a, clause))]));

  // Each audit visits its units and every unit above them.
  const unitsOf = new Map<string, Set<string>>();
  for (const a of audits) {
    const visited = new Set<string>();
    for (const u of a.unitIds) for (const x of unitAncestry(input.units, u)) visited.add(x);
    unitsOf.set(a.id, visited);
  }

  const matrix = (columns: string[], hit: (a: CoverageAudit, column: string) => boolean): CoverageMatrix => ({
    columns,
    rows: clauses.map((clause) => {
      const cells = columns.map(() => empty());
      const row = { clause, state: 'none' as CoverageState, cells };
      for (const a of covering.get(clause) ?? []) {
        columns.forEach((col, i) => hit(a, col) && merge(cells[i] as CoverageCell, a));
      }
      row.state = best(cells);
      return row;
    }),
  });

  const byUnit = matrix(
    input.units.map((u) => u.id),
    (a, unitId) => unitsOf.get(a.id)?.has(unitId) ?? false,
  );
  const byProcess = matrix(
    input.processes.map((p) => p.id),
    (a, processId) => a.processIds.includes(processId),
  );

  const processes: ProcessFrequency[] = input.processes.map((p) => {
    const years = input.years.map((year) => {
      const cell = empty();
      for (const a of audits) if (a.year === year && a.processIds.includes(p.id)) merge(cell, a);
      return { year, cell };
    });
    const planned = years.filter((y) => y.cell.state !== 'none').length;
    const done = years.filter((y) => y.cell.state === 'done').length;
    const required = requiredAuditYears(p.riskLevel, input.years.length);
    return { processId: p.id, riskLevel: p.riskLevel, required, years, planned, done, ok: planned >= required };
  });

  // A clause is covered when any audit covers it, whether or not that audit names a unit or process.
  const clauseGaps = clauses.filter((clause) => !covering.get(clause)?.length);
  const visitedUnits = new Set([...unitsOf.values()].flatMap((s) => [...s]));

  return {
    years: input.years,
    clauses,
    byUnit,
    byProcess,
    processes,
    gaps: {
      clauses: clauseGaps,
      processes: processes.filter((p) => p.planned === 0).map((p) => p.processId),
      underAudited: processes
        .filter((p) => p.planned > 0 && !p.ok)
        .map((p) => ({ processId: p.processId, riskLevel: p.riskLevel, required: p.required, planned: p.planned })),
      units: input.units.filter((u) => !visitedUnits.has(u.id)).map((u) => u.id),
    },
  };
}

/** One cell that at least one audit covers, as the database aggregates it. */
export interface CoverageTally {
  /** A clause (matrices) or a process (frequency). */
  row: string;
  /** A unit or process (matrices) or a year (frequency). */
  column: string | number;
  /** Whether one of its audits is reported or closed. */
  done: boolean;
  /** The audits' numbers, each once, in programme order (year, start date, number). */
  audits: string[];
}

/**
 * What computeCoverage works out audit by audit, asked of the database as aggregates: the
 * non-empty cells of each matrix and of the frequency table, which clauses any audit covers and
 * which units any audit visits (itself or inside it). Only internal audits count, the matrices
 * and gaps over the years shown, the frequency over the whole cycle.
 */
export interface CoverageTallies {
  byUnit: CoverageTally[];
  byProcess: CoverageTally[];
  /** Per process and year of the cycle. */
  processYears: CoverageTally[];
  coveredClauses: string[];
  visitedUnits: string[];
}

export interface CoverageShape {
  years: number[];
  cycle: number[];
  /** The applicable clauses, in catalogue order. */
  clauses: string[];
  /** Column order: units as the organisation chart reads, processes as listed. */
  units: string[];
  processes: { id: string; riskLevel: RiskLevel }[];
}

/**
 * The coverage a programme page shows, shaped from the database's aggregates: the same result as
 * computeCoverage over the years shown, with the frequency rule over the whole cycle.
 */
export function coverageFromTallies(shape: CoverageShape, tallies: CoverageTallies): CoverageResult {
  const cells = (list: CoverageTally[]) => {
    const byKey = new Map(list.map((t) => [`${t.row}\u0000${t.column}`, t]));
    return (row: string, column: string | number): CoverageCell => {
      const t = byKey.get(`${row}\u0000${column}`);
      return t ? { state: t.done ? 'done' : 'planned', audits: t.audits } : empty();
    };
  };
  const matrix = (columns: string[], cell: (row: string, column: string) => CoverageCell): CoverageMatrix => ({
    columns,
    rows: shape.clauses.map((clause) => {
      const row = columns.map((c) => cell(clause, c));
      return { clause, state: best(row), cells: row };
    }),
  });
  const yearCell = cells(tallies.processYears);
  const processes: ProcessFrequency[] = shape.processes.map((p) => {
    const years = shape.cycle.map((year) => ({ year, cell: yearCell(p.id, year) }));
    const planned = years.filter((y) => y.cell.state !== 'none').length;
    const done = years.filter((y) => y.cell.state === 'done').length;
    const required = requiredAuditYears(p.riskLevel, shape.cycle.length);
    return { processId: p.id, riskLevel: p.riskLevel, required, years, planned, done, ok: planned >= required };
  });
  const covered = new Set(tallies.coveredClauses);
  const visited = new Set(tallies.visitedUnits);
  return {
    years: shape.years,
    clauses: shape.clauses,
    byUnit: matrix(shape.units, cells(tallies.byUnit)),
    byProcess: matrix(
      shape.processes.map((p) => p.id),
      cells(tallies.byProcess),
    ),
    processes,
    gaps: {
      clauses: shape.clauses.filter((c) => !covered.has(c)),
      processes: shape.processes.filter((p) => !shape.years.some((y) => yearCell(p.id, y).state !== 'none')).map((p) => p.id),
      underAudited: processes
        .filter((p) => p.planned > 0 && !p.ok)
        .map((p) => ({ processId: p.processId, riskLevel: p.riskLevel, required: p.required, planned: p.planned })),
      units: shape.units.filter((u) => !visited.has(u)),
    },
  };
}
