import type { ParsedInputOf } from '../../../../shared/contract';
import type { CoverageReport } from '../../../../shared/contract/audits';
import type { RiskLevel } from '../../../../shared/domain/org';
import { auditYear } from '../../../../shared/domain/audits';
import { computeCoverage, type CoverageAudit } from '../../../../shared/domain/coverage';
import { cycleYearsOf } from '../../../../shared/domain/programme';
import type { ServiceContext } from '../../core/context';
import { listAudits } from './service';
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
  // Only the cycle's years, chosen in SQL: a register with ten years of history has thousands of
  // audits, and reading each one's units, processes and clauses was most of the matrix's time.
  const audits: CoverageAudit[] = cycle
    .flatMap((y) => listAudits(ctx, { search: '', year: y }))
    .filter((a) => a.standardId === programme.standardId)
    .map((a) => ({
      id: a.id, number: a.number, type: a.type, status: a.status, year: auditYear(a),
      unitIds: a.unitIds, processIds: a.processIds, clauseNumbers: a.clauseNumbers,
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
