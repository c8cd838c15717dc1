import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CoverageReport } from '../../../shared/contract/audits';
import type { Programme } from '../../../shared/domain/programme';
import { CoverageView } from '../../../renderer/src/features/audits/CoverageView';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import { useStandardStore } from '../../../renderer/src/features/audits/standardStore';
import { fakeApi, renderUi } from '../render';
import { people, processes, standard, units } from './fixtures';

const programme: Programme = {
  id: 'p1', createdAt: '', updatedAt: '', revision: 1, title: 'Program', standardId: 'iso-9001-2015', cycleStartYear: 2025, cycleYears: 3,
  objectives: '', leadPersonId: null, excludedClauses: [], years: [],
};

const report: CoverageReport = {
  programmeId: 'p1', standardId: 'iso-9001-2015', year: null, years: [2025, 2026, 2027], clauses: ['7.1.1', '9.2'],
  byUnit: {
    columns: ['aldre', 'mbf'],
    rows: [
      { clause: '7.1.1', state: 'planned', cells: [{ state: 'planned', audits: ['IR-2027-001'] }, { state: 'none', audits: [] }] },
      { clause: '9.2', state: 'none', cells: [{ state: 'none', audits: [] }, { state: 'none', audits: [] }] },
    ],
  },
  byProcess: { columns: ['hemtjanst'], rows: [{ clause: '7.1.1', state: 'done', cells: [{ state: 'done', audits: ['IR-2025-002'] }] }, { clause: '9.2', state: 'none', cells: [{ state: 'none', audits: [] }] }] },
  processes: [],
  gaps: { clauses: ['9.2'], processes: [], underAudited: [{ processId: 'hemtjanst', riskLevel: 'high', required: 3, planned: 1 }], units: [] },
};

describe('CoverageView', () => {
  beforeEach(() => {
    fakeApi({ 'coverage.get': () => report, 'standards.get': () => standard });
    useStandardStore.setState({ standards: {} });
    useOrgStore.setState({ units, processes, people, loaded: true });
  });

  it('shows each cell’s state and audits, by unit and by process, and lists the gaps', async () => {
    await renderUi(<CoverageView programme={programme} />);
    const matrix = await screen.findByRole('table', { name: 'Coverage of clauses by unit' });
    expect(within(matrix).getByRole('cell', { name: '7.1.1 · Äldreomsorgen: Planned (IR-2027-001)' })).toBeInTheDocument();
    expect(within(matrix).getByRole('cell', { name: '9.2 · Miljö- och byggförvaltningen: Not covered' })).toBeInTheDocument();
    expect(within(matrix).getByRole('rowheader', { name: /9\.2 Internal audit/ })).toBeInTheDocument();

    const gaps = screen.getByRole('region', { name: 'Gaps' });
    expect(gaps).toHaveTextContent('2 gaps');
    expect(gaps).toHaveTextContent('9.2 Internal audit');
    expect(gaps).toHaveTextContent('Hemtjänst: 1 of 3 years (High)');

    await userEvent.click(screen.getByText('Clauses × processes'));
    const byProcess = await screen.findByRole('table', { name: 'Coverage of clauses by process' });
    expect(within(byProcess).getByRole('cell', { name: '7.1.1 · Hemtjänst: Done (IR-2025-002)' })).toBeInTheDocument();
  });
});
