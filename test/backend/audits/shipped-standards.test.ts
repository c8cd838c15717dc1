import { describe, expect, it } from 'vitest';
import type { Audit } from '../../../shared/domain/audits';
import type { Person } from '../../../shared/domain/org';
import type { Programme } from '../../../shared/domain/programme';
import { leafClauses, type Standard, type StandardSummary } from '../../../shared/domain/standards';
import type { CoverageReport } from '../../../shared/contract/audits';
import { caller, testBackend } from '../../helpers/tmp';

/** The catalogues shipped in resources/standards work for programmes, plans and coverage with no code of their own. */
describe('the shipped ISO 14001 and ISO 45001 catalogues', () => {
  const backend = testBackend({ now: () => new Date('2026-11-24T09:00:00Z') });
  const call = caller(backend);

  it('are offered next to ISO 9001', async () => {
    const list = await call<StandardSummary[]>('standards.list');
    expect(list.map((s) => s.name.en)).toEqual(['ISO 14001:2015', 'ISO 45001:2018', 'ISO 9001:2015']);
  });

  it('count their own clauses in each programme’s coverage', async () => {
    const unit = await call<{ id: string }>('units.create', { name: 'Sjövik Energi', kind: 'company' });
    const lead = await call<Person>('people.create', { name: 'David Nilsson', email: 'david@example.org' });
    const ohs = await call<Programme>('programme.create', { title: 'Arbetsmiljörevisioner', standardId: 'iso-45001-2018', cycleStartYear: 2026 });
    const env = await call<Programme>('programme.create', { title: 'Miljörevisioner', standardId: 'iso-14001-2015', cycleStartYear: 2026 });
    const audit = await call<Audit>('audits.create', {
      title: 'Entreprenörer', type: 'internal', standardId: 'iso-45001-2018', unitIds: [unit.id], clauseNumbers: ['8.1.4'],
      startDate: '2027-05-04', endDate: '2027-05-04', team: [{ personId: lead.id, role: 'lead' }],
    });
    expect(audit.programmeId).toBe(ohs.id);
    expect(audit.clauseNumbers).toEqual(['8.1.4', '8.1.4.1', '8.1.4.2', '8.1.4.3']);

    const ohsCatalogue = await call<Standard>('standards.get', { id: 'iso-45001-2018' });
    const ohsCoverage = await call<CoverageReport>('coverage.get', { programmeId: ohs.id });
    expect(ohsCoverage.clauses).toEqual(leafClauses(ohsCatalogue.clauses));
    expect(ohsCoverage.clauses).toContain('6.1.2.3');
    expect(ohsCoverage.gaps.clauses).not.toContain('8.1.4.2');
    expect(ohsCoverage.gaps.clauses).toContain('8.2');

    // The 45001 audit does not count for the environmental programme.
    const envCoverage = await call<CoverageReport>('coverage.get', { programmeId: env.id });
    expect(envCoverage.clauses).toContain('6.1.2');
    expect(envCoverage.clauses).not.toContain('6.1.2.1');
    expect(envCoverage.gaps.clauses).toEqual(envCoverage.clauses);
  });
});
