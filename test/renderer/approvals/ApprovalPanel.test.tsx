import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApprovalPanel } from '../../../renderer/src/features/approvals/ApprovalPanel';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import { useAppStore } from '../../../renderer/src/stores/appStore';
import type { AppInfo } from '../../../shared/contract/app';
import type { Approval, ApprovalStatus } from '../../../shared/domain/approvals';
import type { Person } from '../../../shared/domain/org';
import { apiError, fakeApi, renderUi } from '../render';

const meta = { createdAt: '2026-11-01T08:00:00Z', updatedAt: '2026-11-01T08:00:00Z', revision: 1 };
const karin: Person = { ...meta, id: 'karin', name: 'Karin Lindqvist', email: 'karin@sjovik.example', title: '', roles: ['audit_lead'], homeUnitId: null, archived: false };
const amira: Person = { ...meta, id: 'amira', name: 'Amira Haddad', email: 'amira@sjovik.example', title: '', roles: ['auditor'], homeUnitId: null, archived: false };

const decision = (over: Partial<Approval> = {}): Approval => ({
  id: 'a1', subjectKind: 'audit_plan', subjectId: 'audit-1', revision: 3, approverPersonId: 'karin', approverName: 'Karin Lindqvist',
  decidedAt: '2026-11-20T09:00:00Z', decision: 'approved', comment: '', stale: false, ...over,
});
const status = (over: Partial<ApprovalStatus> = {}): ApprovalStatus => ({
  subjectKind: 'audit_plan', subjectId: 'audit-1', state: 'none', required: true, history: [], ...over,
});

function as(personId: string | null) {
  useAppStore.setState({ info: { currentPersonId: personId } as AppInfo });
}

describe('the approval panel', () => {
  beforeEach(() => useOrgStore.setState({ people: [karin, amira], loaded: true }));

  it('shows a returned plan with its comment and that approval is required', async () => {
    as('karin');
    fakeApi({ 'approvals.status': () => status({ state: 'returned', history: [decision({ decision: 'returned', comment: 'Saknar stickprov.' })] }) });
    await renderUi(<ApprovalPanel subjectKind="audit_plan" subjectId="audit-1" />);
    const panel = await screen.findByRole('region', { name: 'Approval of the audit plan' });
    expect(await within(panel).findByText('Returned', { selector: '[data-testid="approval-state"] *' })).toBeInTheDocument();
    expect(within(panel).getByText('Saknar stickprov.')).toBeInTheDocument();
    expect(within(panel).getByText('Required before the audit is marked as planned (Settings).')).toBeInTheDocument();
  });

  it('approves as the current person and hands the new state to the page', async () => {
    as('karin');
    const decide = vi.fn().mockResolvedValue(status({ state: 'approved', history: [decision()] }));
    const onDecided = vi.fn();
    fakeApi({ 'approvals.status': () => status(), 'approvals.decide': decide });
    await renderUi(<ApprovalPanel subjectKind="audit_plan" subjectId="audit-1" onDecided={onDecided} />);
    await userEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve the audit plan' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(decide).toHaveBeenCalledWith({ subjectKind: 'audit_plan', subjectId: 'audit-1', decision: 'approved', approverPersonId: 'karin', comment: '' });
    expect(await screen.findByText(/Approved by Karin Lindqvist/)).toBeInTheDocument();
  });

  it('asks for a comment before returning, and sends nothing without one', async () => {
    as('karin');
    const decide = vi.fn().mockResolvedValue(status({ state: 'returned', history: [decision({ decision: 'returned', comment: 'Lägg till intervjuer.' })] }));
    fakeApi({ 'approvals.status': () => status(), 'approvals.decide': decide });
    await renderUi(<ApprovalPanel subjectKind="audit_plan" subjectId="audit-1" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Return with comment' }));
    const dialog = await screen.findByRole('dialog', { name: 'Return the audit plan' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Return with comment' }));
    expect(await within(dialog).findByText('Write a comment: say why it is returned.')).toBeInTheDocument();
    expect(decide).not.toHaveBeenCalled();
    await userEvent.type(within(dialog).getByLabelText(/Comment/), 'Lägg till intervjuer.');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Return with comment' }));
    await waitFor(() => expect(decide).toHaveBeenCalledWith(expect.objectContaining({ decision: 'returned', comment: 'Lägg till intervjuer.' })));
  });

  it('marks an approval the subject has outgrown as stale', async () => {
    as('karin');
    fakeApi({ 'approvals.status': () => status({ state: 'stale', history: [decision({ stale: true })] }) });
    await renderUi(<ApprovalPanel subjectKind="audit_plan" subjectId="audit-1" />, { lang: 'sv' });
    expect(await screen.findByText('Ändrad efter godkännandet')).toBeInTheDocument();
    expect(screen.getByText('ändrad sedan')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Revisionsplan har ändrats sedan den godkändes');
  });

  it('offers no decision to someone without the audit lead role, and says why', async () => {
    as('amira');
    fakeApi({ 'approvals.status': () => status() });
    await renderUi(<ApprovalPanel subjectKind="report" subjectId="audit-1" />);
    expect(await screen.findByText(/Amira Haddad does not have that role/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('shows a refusal from the backend in words', async () => {
    as('karin');
    fakeApi({
      'approvals.status': () => status(),
      'approvals.decide': () => Promise.reject(apiError({ code: 'invalid_transition', params: { reason: 'programme_not_approved' } })),
    });
    await renderUi(<ApprovalPanel subjectKind="programme_year" subjectId="y1" label="year plan 2027" />);
    await userEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve the year plan 2027' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Approve' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('The audit programme must be approved before its year plans.');
  });
});
