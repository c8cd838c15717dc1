import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ReviewDetailPage } from '../../../renderer/src/features/managementReview/ReviewDetailPage';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import type { ManagementReview } from '../../../shared/domain/managementReview';
import { apiError, fakeApi, renderUi } from '../render';
import { people, processes, units } from '../audits/fixtures';

const empty = { a: '', b: '', c1: '', c2: '', c3: '', c4: '', c5: '', c6: '', c7: '', d: '', e: '', f: '' };
const review: ManagementReview = {
  id: 'r1', createdAt: '', updatedAt: '', revision: 3, title: 'Management review 2026', meetingDate: '2027-02-11', periodFrom: '2026-01-01',
  periodTo: '2026-12-31', participantIds: ['amira'], otherParticipants: '', inputs: { ...empty, c6: 'Audit programme: 7 of 9 audits planned in the period conducted.' },
  conclusions: '', status: 'draft', issuedAt: null, issuedBy: null, sha256: null, fileName: null, outputs: [],
};

describe('the management review editor', () => {
  const update = vi.fn();
  beforeEach(() => {
    update.mockReset();
    useOrgStore.setState({ units, processes, people, loaded: true });
    fakeApi({ 'managementReview.get': () => review, 'managementReview.update': (input: never) => update(input) });
  });

  it('shows the prefilled inputs, and puts a refused action\'s missing owner under its field, keeping what was typed', async () => {
    update.mockRejectedValueOnce(apiError({ code: 'invalid_input', params: { issues: [{ path: 'fields.outputs.0.ownerId', message: 'required' }] } }));
    update.mockImplementation(({ fields }: { fields: ManagementReview }) => ({ ...review, ...fields, revision: 4, outputs: fields.outputs.map((o, i) => ({ ...o, id: `o${i}`, position: i + 1, caseId: null, caseNumber: null })) }));
    await renderUi(
      <Routes>
        <Route path="/management-review/:id" element={<ReviewDetailPage />} />
      </Routes>,
      { lang: 'en', route: '/management-review/r1' },
    );
    expect(await screen.findByRole('textbox', { name: 'c 6) Audit results' }, { timeout: 5000 })).toHaveValue(review.inputs.c6);
    await userEvent.click(screen.getByRole('button', { name: 'Add decision' }));
    const decision = screen.getByRole('group', { name: 'Decision 1' });
    await userEvent.type(within(decision).getByRole('textbox', { name: /^Decision/ }), 'Two more auditors');
    await userEvent.type(within(decision).getByRole('textbox', { name: /^Action \(becomes/ }), 'Recruit from the companies');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(decision).getByText('Required')).toBeInTheDocument());
    expect(within(decision).getByRole('textbox', { name: /^Decision/ })).toHaveValue('Two more auditors');
    expect(update).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: 'r1', revision: 3, fields: expect.objectContaining({ outputs: [expect.objectContaining({ kind: 'improvement', decision: 'Two more auditors', action: 'Recruit from the companies' })] }) }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Saved');
  }, 60_000);
});
