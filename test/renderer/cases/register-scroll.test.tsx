import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegisterView } from '../../../renderer/src/features/cases/RegisterView';
import { EMPTY_QUERY, useCasesStore } from '../../../renderer/src/features/cases/casesStore';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import { CASE_PAGE_LIMIT, localDay, type CaseListItem, type CasePage, type CasePageQuery, type CaseSummary } from '../../../shared/domain/cases';
import { fakeApi, renderUi } from '../render';

const TOTAL = 450;
const today = localDay(new Date());

function item(i: number): CaseListItem {
  return {
    id: `c${i}`, number: `AV-2026-${String(i + 1).padStart(4, '0')}`, title: `Avvikelse nummer ${i + 1}`, source: 'incident', severity: 'minor',
    status: 'open', unitId: 'u1', processId: null, clauseNumbers: [], ownerId: null, findingId: null, findingNumber: null, auditId: null,
    auditNumber: null, detectedOn: '2026-01-01', dueDate: null, nextDue: null, dueState: 'none', actionCount: 0, openActionCount: 0,
    actionOwnerIds: [], closedOn: null, revision: 1,
  };
}

const summary: CaseSummary = {
  today, total: TOTAL, notClosed: TOTAL, overdue: 0, dueSoon: 0,
  byStatus: { open: TOTAL, action_planned: 0, implemented: 0, reopened: 0, closed: 0 }, byUnit: [],
};

describe('the cases register', () => {
  const asked: (string | null)[] = [];
  beforeEach(() => {
    asked.length = 0;
    useOrgStore.setState({ people: [], units: [], processes: [], loaded: true });
    useCasesStore.setState({ query: EMPTY_QUERY, rows: [], total: null, next: null, summary: null, error: null });
    // A keyset backend: the key of a page is the index after its last row.
    fakeApi({
      'cases.summary': () => summary,
      'cases.page': (p: CasePageQuery): CasePage => {
        asked.push(p.after);
        const from = p.after === null ? 0 : Number(JSON.parse(p.after));
        const to = Math.min(TOTAL, from + p.limit);
        return { total: TOTAL, rows: Array.from({ length: to - from }, (_, k) => item(from + k)), next: to < TOTAL ? JSON.stringify(to) : null };
      },
    });
  });

  it('shows the total, and rows beyond the first page once scrolled to them', async () => {
    await renderUi(<RegisterView />, { lang: 'en' });
    await useCasesStore.getState().refresh();
    const table = await screen.findByRole('table', { name: /register/i });
    expect(await screen.findByText('AV-2026-0001')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(String(TOTAL));
    // Only the first page was asked for, and a case past it is not there yet.
    expect(asked).toEqual([null]);
    expect(screen.queryByText(`AV-2026-0${CASE_PAGE_LIMIT + 5}`)).not.toBeInTheDocument();

    const body = table.querySelector<HTMLElement>('[role="rowgroup"]:last-child')!;
    const scrollToEnd = () => {
      body.scrollTop = useCasesStore.getState().rows.length * 52;
      fireEvent.scroll(body);
    };
    scrollToEnd();
    await waitFor(() => expect(useCasesStore.getState().rows).toHaveLength(2 * CASE_PAGE_LIMIT));
    scrollToEnd();
    expect(await screen.findByText(`AV-2026-0${2 * CASE_PAGE_LIMIT + 5}`)).toBeInTheDocument();
    await waitFor(() => expect(useCasesStore.getState().next).toBeNull());
    scrollToEnd();
    expect(await screen.findByText(`AV-2026-0${TOTAL}`)).toBeInTheDocument();
    // Each page asked once, after the last row of the one before.
    expect(asked).toEqual([null, JSON.stringify(CASE_PAGE_LIMIT), JSON.stringify(2 * CASE_PAGE_LIMIT)]);
  });
});
