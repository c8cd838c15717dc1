import type { ParsedInputOf } from '../../../../shared/contract';
import type { CoverageReport } from '../../../../shared/contract/audits';
import type { RiskLevel } from '../../../../shared/domain/org';
import { computeCoverage, type CoverageAudit } from '../../../../shared/domain/coverage';
import { cycleYearsOf } from '../../../../shared/domain/programme';
import { compareClauseNumbers } from '../../../../shared/domain/standards';
import type { ServiceContext } from '../../core/context';
import { getProgramme } from './programme';
import { loadStandard } from './standards';

/**
 * Coverage of a programme's cycle, or of one year of it: what the pure rule in shared/ computes
 * from the catalogue, the organisation's active units and processes, and the audits of those years.
 */
export function programmeCoverage(ctx: ServiceContext, { programmeId, year }: ParsedInputOf<'coverage.get'>): CoverageReport {
  const programme = getProgramme(ctx, programmeId);
  const cycle = cycleYearsOf(programme);
  const years = year !== null && cycle.includes(year) ? [year] : cycle;
  const standard = loadStandard(programme.standardId);
  const units = ctx.db.prepare('SELECT id, parent_id AS parentId FROM units WHERE archived = 0 ORDER BY name COLLATE NOCASE').all() as { id: string; parentId: string | null }[];
  const processes = ctx.db
    .prepare('SELECT id, risk_level AS riskLevel FROM processes WHERE archived = 0 ORDER BY name COLLATE NOCASE')
    .all() as { id: string; riskLevel: RiskLevel }[];
  // Only the cycle's years, chosen in SQL, and only what the matrix needs (number, type, status,
  // year, links): a register with ten years of history has thousands of audits, and reading each
  // one whole (team, schedule, texts) was most of the matrix's time.
  const audits: CoverageAudit[] = (
    ctx.db
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
  const result = computeCoverage({
    years,
    clauses: standard.clauses,
    excludedClauses: programme.excludedClauses,
    units: orderAsTree(units),
    processes,
    audits,
  });
  // The cycle's frequency rule is about the whole cycle even when one year is shown.
  if (years.length !== cycle.length) {
    const whole = computeCoverage({ years: cycle, clauses: standard.clauses, excludedClauses: programme.excludedClauses, units, processes, audits });
    result.processes = whole.processes;
    result.gaps.underAudited = whole.gaps.underAudited;
  }
  return { ...result, programmeId, standardId: programme.standardId, year: years.length === 1 && year !== null ? year : null };
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
