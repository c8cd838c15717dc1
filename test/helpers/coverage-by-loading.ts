import type Database from 'better-sqlite3';
import type { CoverageReport } from '../../shared/contract/audits';
import { computeCoverage, type CoverageAudit } from '../../shared/domain/coverage';
import type { RiskLevel } from '../../shared/domain/org';
import { cycleYearsOf, type Programme } from '../../shared/domain/programme';
import { compareClauseNumbers, type StandardClause } from '../../shared/domain/standards';
import { orderAsTree } from '../../electron/backend/features/audits/coverage';

/**
 * coverage.get as it was before the database aggregated it: every audit of the cycle read with its
 * unit, process and clause lists, and the pure rule (computeCoverage) run over them. The oracle the
 * SQL path is checked against, and the "before" the overview bench times it against.
 */
export function coverageByLoadingAudits(
  db: Database.Database,
  programme: Pick<Programme, 'id' | 'standardId' | 'cycleStartYear' | 'cycleYears' | 'excludedClauses'>,
  clauses: Pick<StandardClause, 'number'>[],
  year: number | null,
): CoverageReport {
  const cycle = cycleYearsOf(programme);
  const years = year !== null && cycle.includes(year) ? [year] : cycle;
  const units = db.prepare('SELECT id, parent_id AS parentId FROM units WHERE archived = 0 ORDER BY name COLLATE NOCASE').all() as { id: string; parentId: string | null }[];
  const processes = db
    .prepare('SELECT id, risk_level AS riskLevel FROM processes WHERE archived = 0 ORDER BY name COLLATE NOCASE')
    .all() as { id: string; riskLevel: RiskLevel }[];
  const audits: CoverageAudit[] = (
    db
      .prepare(
        `SELECT a.id, a.number, a.type, a.status, CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER) AS year,
           (SELECT json_group_array(unit_id) FROM audit_units WHERE audit_id = a.id) AS units,
           (SELECT json_group_array(process_id) FROM audit_processes WHERE audit_id = a.id) AS processes,
           (SELECT json_group_array(clause_number) FROM audit_clauses WHERE audit_id = a.id) AS clauses
         FROM audits a
         WHERE a.standard_id = ? AND CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER) IN (SELECT value FROM json_each(?))
         ORDER BY 5, a.start_date, a.number`,
      )
      .all(programme.standardId, JSON.stringify(cycle)) as (Omit<CoverageAudit, 'unitIds' | 'processIds' | 'clauseNumbers'> & {
      units: string;
      processes: string;
      clauses: string;
    })[]
  ).map(({ units, processes, clauses, ...a }) => ({
    ...a,
    unitIds: (JSON.parse(units) as string[]).sort(),
    processIds: (JSON.parse(processes) as string[]).sort(),
    clauseNumbers: (JSON.parse(clauses) as string[]).sort(compareClauseNumbers),
  }));
  const result = computeCoverage({ years, clauses, excludedClauses: programme.excludedClauses, units: orderAsTree(units), processes, audits });
  if (years.length !== cycle.length) {
    const whole = computeCoverage({ years: cycle, clauses, excludedClauses: programme.excludedClauses, units, processes, audits });
    result.processes = whole.processes;
    result.gaps.underAudited = whole.gaps.underAudited;
  }
  return { ...result, programmeId: programme.id, standardId: programme.standardId, year: years.length === 1 && year !== null ? year : null };
}
