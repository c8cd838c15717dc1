import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AuditPlanForm, planValues } from '../../../renderer/src/features/audits/AuditPlanForm';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import { apiError, fakeApi, renderUi } from '../render';
import { audit, people, processes, standard, units } from './fixtures';

describe('AuditPlanForm', () => {
  const update = vi.fn();
  const saved = vi.fn();
  beforeEach(() => {
    update.mockReset();
    saved.mockReset();
    fakeApi({ 'audits.update': (input: never) => update(input), 'standards.list': () => [{ id: 'iso-9001-2015', name: standard.name }] });
    useOrgStore.setState({ units, processes, people, loaded: true });
  });

  const show = (a = audit()) =>
    renderUi(<AuditPlanForm audit={a} standard={standard} initial={planValues(a)} readOnly={false} onSaved={saved} />, { lang: 'sv' });

  it('warns as soon as a team member belongs to a unit above the audited one, and asks for a justification', async () => {
    await show(audit({ team: [{ personId: 'per', role: 'lead' }, { personId: 'amira', role: 'auditor' }] }));
    const warning = await screen.findByRole('status');
    expect(warning).toHaveTextContent('Amira Haddad (Revisor) hör till Socialförvaltningen, som är eller ingår i den granskade enheten Äldreomsorgen.');
    expect(screen.getByRole('textbox', { name: /^Motivering för teamet/ })).toBeInTheDocument();
    // Removing her clears the warning.
    await userEvent.click(screen.getByRole('button', { name: 'Ta bort Amira Haddad' }));
    await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument());
  });

  it('saves the whole plan through audits.update with the revision it was given', async () => {
    const a = audit();
    update.mockResolvedValue({ ...a, title: 'Hemtjänstens planering', revision: 4 });
    await show(a);
    const title = screen.getByRole('textbox', { name: /^Rubrik/ });
    await userEvent.clear(title);
    await userEvent.paste('Hemtjänstens planering');
    await userEvent.click(screen.getByRole('button', { name: 'Spara plan' }));
    await waitFor(() => expect(saved).toHaveBeenCalled());
    expect(update).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'a1', revision: 3, fields: expect.objectContaining({ title: 'Hemtjänstens planering', clauseNumbers: ['9.2'] }) }),
    );
  });

  it('puts a refusal from the backend on its field and saves nothing', async () => {
    update.mockRejectedValue(
      apiError({ code: 'invalid_input', params: { issues: [{ path: 'impartialityJustification', message: 'justification_required' }] } }),
    );
    await show(audit({ status: 'planned', team: [{ personId: 'amira', role: 'lead' }] }));
    await userEvent.click(screen.getByRole('button', { name: 'Spara plan' }));
    expect(await screen.findByText('Skriv varför teamet är opartiskt trots varningarna')).toBeInTheDocument();
    expect(screen.getByText('Några fält behöver rättas. Inget sparades.')).toBeInTheDocument();
    expect(saved).not.toHaveBeenCalled();
  });
});
