import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditChecklistTab } from '../../../renderer/src/features/conduct/AuditChecklistTab';
import type { Audit } from '../../../shared/domain/audits';
import type { ChecklistEntry } from '../../../shared/domain/findings';
import { fakeApi, renderUi } from '../render';

const item = (n: number): ChecklistEntry => ({
  id: `q${n}`, auditId: 'a1', position: n, clauseNumber: '7.5.3', questionId: null, text: `Question number ${n}?`,
  result: 'not_assessed', evidence: '', sampled: '', interviewed: '', createdAt: '', updatedAt: '', revision: 1,
  attachmentCount: 0, findings: [],
});

const audit = (locked = false) => ({ id: 'a1', number: 'IR-2027-004', standardId: 'iso-9001-2015', locked, unitIds: [], processIds: [], clauseNumbers: ['7.5.3'] }) as unknown as Audit;

describe('the checklist, driven by the keyboard', () => {
  let items: ChecklistEntry[];
  const update = vi.fn();

  beforeEach(() => {
    items = [item(1), item(2), item(3)];
    update.mockReset();
    fakeApi({
      'checklist.list': () => items,
      'checklist.update': (input: never) => {
        const { id, revision, fields } = input as { id: string; revision: number; fields: Partial<ChecklistEntry> };
        update({ id, revision, fields });
        const i = items.findIndex((x) => x.id === id);
        items[i] = { ...(items[i] as ChecklistEntry), ...fields, revision: revision + 1 };
        return items[i];
      },
      'attachments.list': () => [],
      'attachments.limit': () => ({ limitBytes: 25 * 1024 * 1024, defaultBytes: 25 * 1024 * 1024, minBytes: 1, maxBytes: 2 }),
      'standards.get': () => ({ id: 'iso-9001-2015', name: { sv: 'ISO 9001:2015', en: 'ISO 9001:2015' }, clauses: [{ number: '7.5.3', title: { sv: 'Styrning', en: 'Control of documented information' } }] }),
    });
  });

  it('answers with 1–5, moves with J and Alt+arrows, and saves typed evidence on its own', async () => {
    await renderUi(<AuditChecklistTab audit={audit()} onChanged={() => undefined} />, { lang: 'en' });
    await screen.findByRole('region', { name: 'Question 1 of 3' });

    fireEvent.keyDown(document.body, { key: '1' });
    await waitFor(() => expect(update).toHaveBeenCalledWith({ id: 'q1', revision: 1, fields: { result: 'conforming' } }));
    expect(screen.getByRole('radio', { name: 'Conforming' })).toBeChecked();
    expect(screen.getByText('1 of 3 questions assessed')).toBeInTheDocument();

    fireEvent.keyDown(document.body, { key: 'j' });
    await screen.findByRole('region', { name: 'Question 2 of 3' });
    await userEvent.type(screen.getByLabelText('Evidence and notes'), 'Two of five lists unsigned');
    await waitFor(() => expect(update).toHaveBeenCalledWith({ id: 'q2', revision: 1, fields: { evidence: 'Two of five lists unsigned' } }));
    await screen.findByText(/^Saved \d\d:\d\d:\d\d$/);

    fireEvent.keyDown(screen.getByLabelText('Evidence and notes'), { key: 'ArrowUp', altKey: true });
    await screen.findByRole('region', { name: 'Question 1 of 3' });
    // Typing digits in a text field is text, not an answer.
    fireEvent.keyDown(screen.getByLabelText('Evidence and notes'), { key: '3' });
    expect(screen.getByRole('radio', { name: 'Conforming' })).toBeChecked();
  });

  it('refuses changes on a locked audit and says why', async () => {
    await renderUi(<AuditChecklistTab audit={audit(true)} onChanged={() => undefined} />, { lang: 'sv' });
    await screen.findByRole('region', { name: 'Fråga 1 av 3' });
    expect(screen.getByText(/Rapporten är utfärdad, så checklistan är låst/)).toBeInTheDocument();
    fireEvent.keyDown(document.body, { key: '2' });
    expect(screen.getByRole('radio', { name: 'Avvikelse' })).not.toBeChecked();
    expect(update).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Belägg och anteckningar')).toHaveAttribute('readonly');
  });
});
