import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { RegisterView } from '../../../renderer/src/features/cases/RegisterView';
import { EMPTY_QUERY, useCasesStore } from '../../../renderer/src/features/cases/casesStore';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import { MAX_SCROLL_HEIGHT } from '../../../renderer/src/components/VirtualTable';
import { addDays, localDay, type CaseListItem, type CasePage, type CasePageQuery, type CaseSummary } from '../../../shared/domain/cases';
import { fakeApi, renderUi } from '../render';

/** More cases than a browser can lay out at 52 px a row: the scroll range stands for them, scaled. */
const TOTAL = 250_000;
const ROW = 52;
const today = localDay(new Date());
const numberOf = (i: number) => `AV-2026-${String(i + 1).padStart(6, '0')}`;

/** The first two cases are late and due soon, with an owner and actions; the rest open, undated. */
function item(i: number): CaseListItem {
  if (i === 0) return { ...plain(i), status: 'action_planned', ownerId: 'p1', nextDue: addDays(today, -3), dueState: 'overdue', actionCount: 2, openActionCount: 1, findingNumber: 'IR-2026-001-F1' };
  if (i === 1) return { ...plain(i), status: 'implemented', nextDue: addDays(today, 2), dueState: 'due_soon' };
  return plain(i);
}

function plain(i: number): CaseListItem {
  return {
    id: `c${i}`, number: numberOf(i), title: `Avvikelse nummer ${i + 1}`, source: 'incident', severity: 'minor',
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
  /** The positions the register was asked for. */
  const asked: number[] = [];
  beforeEach(() => {
    asked.length = 0;
    useOrgStore.setState({ people: [{ id: 'p1', name: 'Lars Berg' }] as never, units: [{ id: 'u1', name: 'Tekniska kontoret' }] as never, processes: [], loaded: true });
    useCasesStore.setState({ query: EMPTY_QUERY, version: 0, summary: null, error: null });
    fakeApi({
      'cases.summary': () => summary,
      'cases.page': (p: CasePageQuery): CasePage => {
        const from = p.offset ?? 0;
        asked.push(from);
        const to = Math.min(TOTAL, from + p.limit);
        return { total: TOTAL, rows: Array.from({ length: Math.max(0, to - from) }, (_, k) => item(from + k)), next: to < TOTAL ? JSON.stringify(to) : null };
      },
    });
  });

  it('shows the last cases when the scrollbar is dragged to the end, without reading the ones between', async () => {
    await renderUi(<RegisterView />, { lang: 'en' });
    const table = await screen.findByRole('table', { name: /register/i });
    expect(await screen.findByText(numberOf(0))).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent(/250[ ,]?000/);
    const body = table.querySelector<HTMLElement>('[role="rowgroup"]:last-child')!;

    // Dragged to the bottom of the scroll range (the box's height less what is in view, as a browser
    // stops there): the last case, and the row's index says where it is.
    const range = MAX_SCROLL_HEIGHT - body.clientHeight;
    body.scrollTop = range;
    fireEvent.scroll(body);
    expect(await screen.findByText(numberOf(TOTAL - 1))).toBeInTheDocument();
    expect(screen.getByText(numberOf(TOTAL - 1)).closest('[role="row"]')).toHaveAttribute('aria-rowindex', String(TOTAL + 1));
    expect(screen.queryByText(numberOf(0))).not.toBeInTheDocument();
    // A couple of pages were read, near the top and at the end: not the quarter million between.
    expect(asked.length).toBeLessThanOrEqual(4);
    expect(Math.max(...asked)).toBeGreaterThan(TOTAL - 100);

    // And to the middle: the case at the middle of the list.
    body.scrollTop = range / 2;
    fireEvent.scroll(body);
    // the view's top at half the list less a view
    const middle = Math.floor((TOTAL * ROW - body.clientHeight) / 2 / ROW);
    expect(await screen.findByText(numberOf(middle))).toBeInTheDocument();
  });

  it('reads the register again from where it is when cases changed', async () => {
    await renderUi(<RegisterView />, { lang: 'en' });
    expect(await screen.findByText(numberOf(0))).toBeInTheDocument();
    const before = asked.length;
    await useCasesStore.getState().refresh();
    await waitFor(() => expect(asked.length).toBeGreaterThan(before));
    expect(await screen.findByText(numberOf(0))).toBeInTheDocument();
  });

  it('shows in each row where a case stands, how late it is (in words on hover), and who has it', async () => {
    await renderUi(<RegisterView />, { lang: 'en' });
    const late = (await screen.findByText(numberOf(0))).closest<HTMLElement>('[role="row"]')!;
    expect(late).toHaveTextContent('IR-2026-001-F1');
    expect(within(late).getByText('Action planned')).toBeInTheDocument();
    expect(within(late).getByText(addDays(today, -3))).toBeInTheDocument();
    expect(within(late).getByText('Lars Berg')).toBeInTheDocument();
    expect(within(late).getByText('Incident or near miss · Tekniska kontoret')).toBeInTheDocument();
    expect(within(late).getByText('1/2 done')).toBeInTheDocument();
    await userEvent.hover(within(late).getByText('Overdue'));
    expect(await screen.findByText('3 days late')).toBeInTheDocument();

    const soon = screen.getByText(numberOf(1)).closest<HTMLElement>('[role="row"]')!;
    expect(within(soon).getByText('Implemented')).toBeInTheDocument();
    expect(within(soon).getByText('Within 14 days')).toBeInTheDocument();
    expect(within(soon).getByText('Unassigned')).toBeInTheDocument();
    expect(within(screen.getByText(numberOf(2)).closest<HTMLElement>('[role="row"]')!).queryByText('Within 14 days')).not.toBeInTheDocument();
  });
});
