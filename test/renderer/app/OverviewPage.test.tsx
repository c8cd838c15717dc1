import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { OverviewPage } from '../../../renderer/src/features/app/OverviewPage';
import { programmeFor } from '../../../renderer/src/features/app/useReadiness';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import type { CoverageReport } from '../../../shared/contract/audits';
import type { Programme } from '../../../shared/domain/programme';
import { fakeApi, renderUi } from '../render';

const year = new Date().getFullYear();
const programme = { id: 'p1', title: 'Program', cycleStartYear: year - 1, cycleYears: 3, years: [], excludedClauses: [] } as unknown as Programme;

const cell = (state: 'done' | 'planned' | 'none') => ({ state, audits: [] });
const coverage = {
  programmeId: 'p1', standardId: 'iso-9001-2015', year: null, years: [year - 1, year, year + 1], clauses: ['4.1', '4.2', '7.1.4', '8.6'],
  byUnit: { columns: ['u1'], rows: [
    { clause: '4.1', state: 'done', cells: [cell('done')] },
    { clause: '4.2', state: 'planned', cells: [cell('planned')] },
    { clause: '7.1.4', state: 'none', cells: [cell('none')] },
    { clause: '8.6', state: 'none', cells: [cell('none')] },
  ] },
  byProcess: { columns: [], rows: [] },
  processes: [
    { processId: 'pr1', riskLevel: 'high', required: 3, years: [], planned: 3, done: 2, ok: true },
    { processId: 'pr2', riskLevel: 'high', required: 3, years: [], planned: 1, done: 1, ok: false },
  ],
  gaps: { clauses: ['7.1.4', '8.6'], processes: [], underAudited: [{ processId: 'pr2', riskLevel: 'high', required: 3, planned: 1 }], units: [] },
} as unknown as CoverageReport;

describe('Overview: certification readiness', () => {
  beforeEach(() => {
    useOrgStore.setState({
      units: [],
      people: [],
      processes: [{ id: 'pr2', name: 'Bygglovshandläggning' } as never],
      loaded: true,
    });
    fakeApi({
      'programme.list': () => [programme],
      'coverage.get': () => coverage,
      'audits.summary': (q: { year: number }) => ({
        year: q.year,
        total: 3,
        byStatus: { draft: 0, planned: 1, in_progress: 0, reported: 0, closed: 2 },
        internal: { planned: 2, reported: 1 },
        upcoming: [{ id: 'a2', number: `IR-${year + 1}-001`, title: 'Bygglov', startDate: `${year + 1}-03-01` }],
      }),
      'cases.summary': () => ({ today: `${year}-06-01`, total: 5, notClosed: 3, overdue: 2, dueSoon: 1, byStatus: { open: 1, action_planned: 1, implemented: 1, closed: 2, reopened: 0 }, byUnit: [] }),
      'findings.register': (q: { types: string[] }) => ({ total: q.types[0] === 'minor_nc' ? 4 : 0, items: [], offset: 0 }),
    });
  });

  it('shows coverage, gaps, open and overdue cases, coming audits and the management review figures', async () => {
    await renderUi(<OverviewPage />, { lang: 'en' });
    expect(await screen.findByText('Coverage gaps')).toBeInTheDocument();
    expect(screen.getByText('2 clauses not covered')).toBeInTheDocument();
    expect(screen.getByText('7.1.4')).toBeInTheDocument();
    expect(screen.getByText('1 process audited less often than its risk asks')).toBeInTheDocument();
    expect(screen.getByText('Bygglovshandläggning (1/3)')).toBeInTheDocument();
    expect(screen.getByText('1 / 2')).toBeInTheDocument();
    expect(screen.getByText('2 overdue')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: new RegExp(`IR-${year + 1}-001`) })).toBeInTheDocument();
    const review = screen.getByRole('table', { name: `Management review inputs ${year}` });
    expect(within(review).getByText('1 reported of 2 in this year\'s programme')).toBeInTheDocument();
    expect(screen.getByText('Closed: 2')).toBeInTheDocument();
    expect(screen.getByText('Planned: 1')).toBeInTheDocument();
    expect(within(review).getByText(/Minor nonconformity: 4/)).toBeInTheDocument();
    expect(within(review).getByText('3 open, 2 closed as effective, 2 overdue')).toBeInTheDocument();
  });

  it('picks the programme whose cycle holds the year, else the newest', () => {
    const old = { ...programme, id: 'old', cycleStartYear: 2019 } as Programme;
    const next = { ...programme, id: 'next', cycleStartYear: 2040 } as Programme;
    expect(programmeFor([old, programme, next], year)?.id).toBe('p1');
    expect(programmeFor([old, next], year)?.id).toBe('next');
    expect(programmeFor([], year)).toBeNull();
  });
});
