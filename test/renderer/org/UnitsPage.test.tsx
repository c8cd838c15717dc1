import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { UnitsPage } from '../../../renderer/src/features/org/UnitsPage';
import { useOrgStore } from '../../../renderer/src/features/org/orgStore';
import type { Unit } from '../../../shared/domain/org';
import { apiError, fakeApi, renderUi } from '../render';

const unit = (name: string, extra: Partial<Unit> = {}): Unit => ({
  id: name, name, code: '', kind: 'administration', parentId: null, description: '', archived: false,
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', revision: 1, ...extra,
});

describe('UnitsPage', () => {
  let units: Unit[];
  const create = vi.fn();

  beforeEach(() => {
    units = [unit('Socialförvaltningen', { code: 'SOC' }), unit('Sjöviksbostäder AB', { kind: 'company' }), unit('Gamla enheten', { archived: true })];
    create.mockReset();
    fakeApi({
      'units.list': () => units,
      'processes.list': () => [],
      'people.list': () => [],
      'units.create': (input: never) => create(input),
    });
    useOrgStore.setState({ units, processes: [], people: [], loaded: true });
  });

  it('lists active units with their type and hides archived ones until asked', async () => {
    await renderUi(<UnitsPage />, { lang: 'sv' });
    const table = screen.getByRole('table', { name: 'Enheter' });
    await waitFor(() => expect(table).toHaveTextContent('Socialförvaltningen'));
    expect(table).toHaveTextContent('Kommunalt bolag');
    expect(table).not.toHaveTextContent('Gamla enheten');
    await userEvent.click(screen.getByRole('switch', { name: 'Visa arkiverade' }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Enheter' })).toHaveTextContent('Gamla enheten'));
  });

  it('filters as the person types, ignoring case of å ä ö', async () => {
    await renderUi(<UnitsPage />, { lang: 'sv' });
    await userEvent.type(screen.getByRole('textbox', { name: 'Sök' }), 'SJÖVIK');
    const table = screen.getByRole('table', { name: 'Enheter' });
    await waitFor(() => expect(table).toHaveTextContent('Sjöviksbostäder AB'));
    expect(table).not.toHaveTextContent('Socialförvaltningen');
  });

  it('shows field messages for an empty form and never calls the backend', async () => {
    await renderUi(<UnitsPage />);
    await userEvent.click(screen.getByRole('button', { name: 'New unit' }));
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Required')).toBeInTheDocument();
    expect(screen.getByText('Choose one')).toBeInTheDocument();
    expect(create).not.toHaveBeenCalled();
  });

  it('puts a backend field error on its field (duplicate name) and keeps what was typed', async () => {
    create.mockRejectedValue(apiError({ code: 'invalid_input', params: { issues: [{ path: 'name', message: 'duplicate' }] } }));
    await renderUi(<UnitsPage />);
    await userEvent.click(screen.getByRole('button', { name: 'New unit' }));
    const dialog = await screen.findByRole('dialog', { name: 'New unit' });
    await userEvent.type(screen.getByRole('textbox', { name: /^Name/ }), 'Socialförvaltningen');
    await userEvent.click(screen.getByRole('textbox', { name: /^Type/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Administration' }));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(create).toHaveBeenCalledOnce());
    expect(await screen.findByText('Already in use')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields need attention. Nothing was saved.');
    expect(screen.getByRole('textbox', { name: /^Name/ })).toHaveValue('Socialförvaltningen');
    expect(dialog).toBeInTheDocument();
  });
});
