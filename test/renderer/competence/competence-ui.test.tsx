import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditPlanForm, planValues } from '../../../renderer/src/features/audits/AuditPlanForm';
import { CompetencePage } from '../../../renderer/src/features/competence/CompetencePage';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import type { CompetenceProfile, CompetenceWarning } from '../../../shared/domain/competence';
import { fakeApi, renderUi } from '../render';
import { audit, people, processes, standard, units } from '../audits/fixtures';

describe('competence warnings on the audit plan', () => {
  const check = vi.fn();
  beforeEach(() => {
    check.mockReset();
    fakeApi({ 'standards.list': () => [{ id: 'iso-9001-2015', name: standard.name }], 'competence.check': (input: never) => check(input) });
    useOrgStore.setState({ units, processes, people, loaded: true });
  });

  it('names the team member who misses the lead rule, next to the team', async () => {
    check.mockImplementation(({ team }: { team: { personId: string; role: string }[] }): CompetenceWarning[] =>
      team.filter((m) => m.personId === 'per' && m.role === 'lead').map((m) => ({ personId: m.personId, role: 'lead', kind: 'course', course: 'Ledande revisor', required: 1, actual: 0 })),
    );
    const a = audit({ unitIds: ['mbf'], team: [{ personId: 'per', role: 'lead' }] });
    await renderUi(<AuditPlanForm audit={a} standard={standard} initial={planValues(a)} readOnly={false} onSaved={() => {}} />, { lang: 'sv' });
    // The form asks after a short pause in typing; this machine can be slow, so wait generously.
    const warning = await screen.findByTestId('competence-warnings', {}, { timeout: 5000 });
    expect(warning).toHaveTextContent('Per-Olof Nyberg (Ledande revisor) saknar registrerad kurs ”Ledande revisor”.');
    expect(check).toHaveBeenLastCalledWith({ team: [{ personId: 'per', role: 'lead' }], onDay: '2027-03-02' });
    // Per-Olof removed: nobody left who misses the rule, and the warning goes.
    await userEvent.click(screen.getByRole('button', { name: 'Ta bort Per-Olof Nyberg' }));
    await waitFor(() => expect(screen.queryByTestId('competence-warnings')).not.toBeInTheDocument(), { timeout: 5000 });
  });
});

describe('CompetencePage', () => {
  const add = vi.fn();
  const profile: CompetenceProfile = { personId: 'amira', name: 'Amira Haddad', records: [], performed: { asLead: 1, asAuditor: 2 } };
  beforeEach(() => {
    add.mockReset();
    fakeApi({
      'competence.profiles': () => [profile],
      'competence.rules': () => [{ role: 'lead', courses: ['Ledande revisor'], minAuditsPerformed: 2, minAuditsAsLead: 0 }],
      'competence.addRecord': (input: never) => add(input),
    });
  });

  it('shows audits performed and the rules, and records a course for a person', async () => {
    add.mockResolvedValue({});
    await renderUi(<CompetencePage />, { lang: 'en' });
    const person = await screen.findByRole('region', { name: 'Amira Haddad' }, { timeout: 5000 });
    expect(person).toHaveTextContent('1 as lead, 2 as auditor');
    expect(screen.getByRole('region', { name: 'Lead auditor' })).toHaveTextContent('Ledande revisor');
    await userEvent.click(within(person).getByRole('button', { name: 'Add training: Amira Haddad' }));
    const form = await screen.findByRole('form', { name: 'Add training: Amira Haddad' });
    await userEvent.type(within(form).getByRole('textbox', { name: /Course or qualification/ }), 'ISO 19011');
    const date = within(form).getByLabelText(/Completed/);
    await userEvent.type(date, '2026-10-12');
    await userEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(add).toHaveBeenCalledWith({ personId: 'amira', course: 'ISO 19011', completedOn: '2026-10-12', note: '', certificate: null }));
  });
});
