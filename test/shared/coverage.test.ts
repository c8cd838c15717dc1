import { describe, expect, it } from 'vitest';
import { clausesCovering, computeCoverage, requiredAuditYears, type CoverageAudit } from '../../shared/domain/coverage';
import { clauseTree, isWithinClause, leafClauses, normaliseClauseSelection } from '../../shared/domain/standards';

const clauses = ['4', '4.1', '4.2', '7', '7.1', '7.1.1', '7.1.2', '7.2', '8', '8.3', '8.3.1', '8.5', '9', '9.2'].map((number) => ({
  number, title: { sv: number, en: number },
}));

describe('recommended audit frequency', () => {
  it('asks high risk every year, medium every second year and low once per cycle', () => {
    expect([requiredAuditYears('high', 3), requiredAuditYears('medium', 3), requiredAuditYears('low', 3)]).toEqual([3, 2, 1]);
    expect([requiredAuditYears('high', 4), requiredAuditYears('medium', 4), requiredAuditYears('low', 4)]).toEqual([4, 2, 1]);
    expect(requiredAuditYears('medium', 1)).toBe(1);
  });
});

describe('clause selection', () => {
  it('takes whole sections at once and stores a parent only when all its clauses are chosen', () => {
    expect(normaliseClauseSelection(clauses, ['7.1'])).toEqual(['7.1', '7.1.1', '7.1.2']);
    expect(normaliseClauseSelection(clauses, ['7.1.1', '7.1.2', '7.2'])).toEqual(['7', '7.1', '7.1.1', '7.1.2', '7.2']);
    expect(normaliseClauseSelection(clauses, ['7', '99'])).toEqual(['7', '7.1', '7.1.1', '7.1.2', '7.2']);
    expect(leafClauses(clauses)).toEqual(['4.1', '4.2', '7.1.1', '7.1.2', '7.2', '8.3.1', '8.5', '9.2']);
    expect(clauseTree(clauses).map((n) => n.number)).toEqual(['4', '7', '8', '9']);
    expect(clauseTree(clauses)[1]?.children[0]?.children.map((n) => n.number)).toEqual(['7.1.1', '7.1.2']);
  });
});

describe('the clause numbers that cover a matrix row', () => {
  it('are the row and every number above it, exactly those isWithinClause accepts', () => {
    expect(clausesCovering('7.1.5.1')).toEqual(['7', '7.1', '7.1.5', '7.1.5.1']);
    const named = ['7', '7.1', '7.1.5', '7.1.5.1', '7.1.50', '7.10', '71', '7.1.5.1.2', '1', ''];
    expect(named.filter((n) => isWithinClause('7.1.5.1', n))).toEqual(clausesCovering('7.1.5.1'));
  });
});

describe('coverage of a cycle', () => {
  const units = [{ id: 'soc', parentId: null }, { id: 'aldre', parentId: 'soc' }, { id: 'mbf', parentId: null }];
  const processes = [
    { id: 'hemtjanst', riskLevel: 'high' as const },
    { id: 'bygglov', riskLevel: 'medium' as const },
    { id: 'arkiv', riskLevel: 'low' as const },
  ];
  const audit = (over: Partial<CoverageAudit>): CoverageAudit => ({
    id: over.number ?? 'a', number: 'IR-2025-001', type: 'internal', status: 'planned', year: 2025, unitIds: [], processIds: [], clauseNumbers: [], ...over,
  });
  const base = { years: [2025, 2026, 2027], clauses, excludedClauses: ['8.3'], units, processes };

  it('marks cells planned or done, rolls units up, and lists the gaps', () => {
    const result = computeCoverage({
      ...base,
      audits: [
        audit({ number: 'IR-2025-001', status: 'closed', unitIds: ['aldre'], processIds: ['hemtjanst'], clauseNumbers: ['7.1'] }),
        audit({ number: 'IR-2026-001', year: 2026, status: 'planned', unitIds: ['aldre'], processIds: ['hemtjanst'], clauseNumbers: ['7.1.1', '9.2'] }),
        audit({ number: 'IR-2027-001', year: 2027, status: 'draft', unitIds: ['mbf'], processIds: ['bygglov'], clauseNumbers: ['4'] }),
        // Neither the certification body's audit nor one outside the cycle counts.
        audit({ number: 'EX-2026-002', year: 2026, type: 'external_surveillance', status: 'closed', unitIds: ['mbf'], clauseNumbers: ['7', '8', '9'] }),
        audit({ number: 'IR-2024-009', year: 2024, status: 'closed', unitIds: ['mbf'], processIds: ['arkiv'], clauseNumbers: ['8.5'] }),
      ],
    });
    expect(result.clauses).toEqual(['4.1', '4.2', '7.1.1', '7.1.2', '7.2', '8.5', '9.2']);
    const cell = (matrix: typeof result.byUnit, clause: string, col: string) =>
      matrix.rows.find((r) => r.clause === clause)?.cells[matrix.columns.indexOf(col)];
    expect(cell(result.byUnit, '7.1.1', 'aldre')).toEqual({ state: 'done', audits: ['IR-2025-001', 'IR-2026-001'] });
    expect(cell(result.byUnit, '7.1.1', 'soc')?.state).toBe('done');
    expect(cell(result.byUnit, '9.2', 'aldre')).toEqual({ state: 'planned', audits: ['IR-2026-001'] });
    expect(cell(result.byUnit, '7.1.1', 'mbf')?.state).toBe('none');
    expect(cell(result.byProcess, '4.2', 'bygglov')).toEqual({ state: 'planned', audits: ['IR-2027-001'] });

    expect(result.gaps.clauses).toEqual(['7.2', '8.5']);
    expect(result.gaps.processes).toEqual(['arkiv']);
    expect(result.gaps.underAudited).toEqual([
      { processId: 'hemtjanst', riskLevel: 'high', required: 3, planned: 2 },
      { processId: 'bygglov', riskLevel: 'medium', required: 2, planned: 1 },
    ]);
    expect(result.gaps.units).toEqual([]);
    const hemtjanst = result.processes.find((p) => p.processId === 'hemtjanst');
    expect(hemtjanst?.years.map((y) => y.cell.state)).toEqual(['done', 'planned', 'none']);
    expect(hemtjanst).toMatchObject({ planned: 2, done: 1, ok: false });
  });

  it('is satisfied when each process is audited as often as its risk asks', () => {
    const result = computeCoverage({
      ...base,
      audits: [2025, 2026, 2027].map((year) =>
        audit({ id: `a${year}`, number: `IR-${year}-001`, year, processIds: year === 2026 ? ['hemtjanst', 'arkiv'] : ['hemtjanst', 'bygglov'], unitIds: ['aldre', 'mbf'], clauseNumbers: ['4', '7', '8', '9'] }),
      ),
    });
    expect(result.gaps).toEqual({ clauses: [], processes: [], underAudited: [], units: [] });
    expect(result.processes.every((p) => p.ok)).toBe(true);
  });
});
