import { useState } from 'react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import sv from '../../../shared/i18n/locales/sv/cases.json';
import en from '../../../shared/i18n/locales/en/cases.json';
import { FindingCaseLink } from '../../../renderer/src/features/cases/FindingCaseLink';
import { ActionsPanel } from '../../../renderer/src/features/cases/ActionsPanel';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import { addDays, localDay, type CaseAction, type CaseDetail } from '../../../shared/domain/cases';
import type { Person } from '../../../shared/domain/org';
import { apiError, fakeApi, renderUi } from '../render';

const meta = { createdAt: '2026-11-01T08:00:00Z', updatedAt: '2026-11-01T08:00:00Z', revision: 1 };
const today = localDay(new Date());

function action(over: Partial<CaseAction> = {}): CaseAction {
  return { ...meta, id: 'a1', caseId: 'c1', position: 1, description: 'Ny rutin för nyckelkvittens', ownerId: 'lars', dueDate: addDays(today, -3), doneOn: null, ...over };
}

function detail(over: Partial<CaseDetail> = {}): CaseDetail {
  return {
    ...meta, revision: 7, id: 'c1', number: 'AV-2026-004', year: 2026, title: 'Fel nyckel utlämnad', description: '', source: 'incident',
    sourceReference: '', severity: 'minor', findingId: null, unitId: 'u1', processId: null, clauseNumbers: [], ownerId: 'lars',
    detectedOn: '2026-10-02', dueDate: null, correction: '', whys: [], rootCause: '', causeCategories: [], status: 'action_planned',
    closedOn: null, actions: [action()], verifications: [], finding: null, nextDue: addDays(today, -3), dueState: 'overdue', ...over,
  };
}

/** The case page holds the case; the panel hands every change back to it. */
function Harness({ initial }: { initial: CaseDetail }) {
  const [current, setCurrent] = useState(initial);
  return <ActionsPanel detail={current} onChanged={setCurrent} />;
}

const lars: Person = { ...meta, id: 'lars', name: 'Lars Öhman', email: 'lars@sjovik.example', title: '', roles: ['auditee_manager'], homeUnitId: null, archived: false };

describe('the link from a nonconformity to its case', () => {
  it('shows the case number, its status and that it is late', async () => {
    fakeApi({ 'cases.forFinding': () => ({ id: 'c9', number: 'AV-2026-009', status: 'action_planned', dueState: 'overdue', nextDue: addDays(today, -2) }) });
    await renderUi(<FindingCaseLink findingId="f1" />, { lang: 'sv' });
    const link = await screen.findByRole('link', { name: 'Öppna ärende AV-2026-009' });
    expect(link).toHaveAttribute('href', '/cases/c9');
    expect(screen.getByText('Åtgärd planerad')).toBeInTheDocument();
    expect(screen.getByText('Försenad')).toBeInTheDocument();
  });

  it('creates the case when there is none and goes to it', async () => {
    const create = vi.fn().mockResolvedValue(detail({ id: 'c10', number: 'AV-2026-010', status: 'open' }));
    fakeApi({ 'cases.forFinding': () => null, 'cases.createFromFinding': (i: never) => create(i) });
    await renderUi(
      <Routes>
        <Route path="/" element={<FindingCaseLink findingId="f1" />} />
        <Route path="/cases/:id" element={<p>Ärendesidan</p>} />
      </Routes>,
      { lang: 'en' },
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Create corrective action case' }));
    expect(await screen.findByText('Ärendesidan')).toBeInTheDocument();
    expect(create).toHaveBeenCalledWith({ findingId: 'f1' });
  });
});

describe('the actions of a case', () => {
  beforeEach(() => useOrgStore.setState({ people: [lars], units: [], processes: [], loaded: true }));

  it('lets the case be marked implemented only when every action is done, sending the case revision', async () => {
    const setDone = vi.fn().mockResolvedValue(detail({ revision: 8, actions: [action({ doneOn: today, revision: 2 })] }));
    const implement = vi.fn().mockResolvedValue(detail({ revision: 9, status: 'implemented' }));
    fakeApi({ 'cases.setActionDone': (i: never) => setDone(i), 'cases.markImplemented': (i: never) => implement(i) });
    await renderUi(<Harness initial={detail()} />, { lang: 'sv' });
    expect(screen.getByRole('button', { name: 'Markera ärendet som genomfört' })).toBeDisabled();
    expect(screen.getByText('Försenad')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Markera som klar' }));
    await waitFor(() => expect(setDone).toHaveBeenCalledWith({ id: 'c1', revision: 7, actionId: 'a1', doneOn: today }));
    const implementButton = await screen.findByRole('button', { name: 'Markera ärendet som genomfört' });
    await waitFor(() => expect(implementButton).toBeEnabled());
    await userEvent.click(implementButton);
    await waitFor(() => expect(implement).toHaveBeenCalledWith({ id: 'c1', revision: 8 }));
  });

  it('says why in words of its own when the backend refuses', async () => {
    fakeApi({ 'cases.setActionDone': () => Promise.reject(apiError({ code: 'locked', params: { reason: 'case_closed' } })) });
    await renderUi(<ActionsPanel detail={detail()} onChanged={() => undefined} />, { lang: 'sv' });
    await userEvent.click(screen.getByRole('button', { name: 'Markera som klar' }));
    expect(await screen.findByText('Ärendet är stängt och kan inte ändras.')).toBeInTheDocument();
  });
});

describe('the cases catalogue', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    o && typeof o === 'object' ? Object.entries(o).flatMap(([k, v]) => keys(v, `${prefix}${k}.`)) : [prefix.slice(0, -1)];

  it('has every key in both Swedish and English, and no empty text', () => {
    expect(keys(sv).sort()).toEqual(keys(en).sort());
    for (const k of keys(sv)) {
      const get = (o: unknown) => k.split('.').reduce<unknown>((x, p) => (x as Record<string, unknown>)[p], o);
      expect(String(get(sv)).trim(), `sv ${k}`).not.toBe('');
      expect(String(get(en)).trim(), `en ${k}`).not.toBe('');
    }
  });
});
