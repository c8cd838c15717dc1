import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { TeamServerSettings } from '../../../renderer/src/features/teamServer/TeamServerSettings';
import type { TeamServerStatus } from '../../../shared/contract/teamServer';
import { apiError, fakeApi, renderUi } from '../render';

const offline: TeamServerStatus = { url: null, signedIn: false, user: null, lastSyncAt: null, openConflicts: 0, conflictAudits: [], unsentChanges: 0 };
const signedIn: TeamServerStatus = {
  url: 'https://granska.sjovik.example',
  signedIn: true,
  user: { name: 'anna', role: 'auditor', personId: 'p1' },
  lastSyncAt: null,
  openConflicts: 0,
  conflictAudits: [],
  unsentChanges: 3,
};

describe('Settings › Team server', () => {
  const signIn = vi.fn();
  const synchronise = vi.fn();
  let status: TeamServerStatus;

  beforeEach(() => {
    status = offline;
    signIn.mockReset();
    synchronise.mockReset();
    fakeApi({
      'teamServer.status': () => status,
      'teamServer.signIn': (input: never) => signIn(input),
      'teamServer.synchronise': () => synchronise(),
    });
  });

  it('signs in with the address, name and password typed, then offers Synchronise', async () => {
    signIn.mockResolvedValue(signedIn);
    await renderUi(<TeamServerSettings />, { lang: 'sv' });
    await userEvent.type(screen.getByRole('textbox', { name: /Serverns adress/ }), 'https://granska.sjovik.example');
    await userEvent.type(screen.getByRole('textbox', { name: 'Användarnamn' }), 'anna');
    await userEvent.type(screen.getByLabelText('Lösenord'), 'correct horse battery');
    await userEvent.click(screen.getByRole('button', { name: 'Logga in' }));
    expect(signIn).toHaveBeenCalledWith({ url: 'https://granska.sjovik.example', name: 'anna', password: 'correct horse battery' });
    expect(await screen.findByText('Inloggad som anna på https://granska.sjovik.example')).toBeInTheDocument();
    expect(screen.getByText('3 ändringar har inte skickats än.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Synkronisera' })).toBeInTheDocument();
  });

  it('says why a sign-in failed, in the chosen language', async () => {
    signIn.mockRejectedValue(apiError({ code: 'sync_failed', params: { reason: 'sign_in' } }));
    await renderUi(<TeamServerSettings />);
    await userEvent.type(screen.getByRole('textbox', { name: /Server address/ }), 'https://x.example');
    await userEvent.type(screen.getByRole('textbox', { name: 'User name' }), 'anna');
    await userEvent.type(screen.getByLabelText('Password'), 'wrong');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong user name or password.');
  });

  it('synchronises, shows the last sync time and links open conflicts to the conflict queue', async () => {
    status = signedIn;
    synchronise.mockResolvedValue({
      status: {
        ...signedIn,
        lastSyncAt: '2026-12-04T08:30:00.000Z',
        openConflicts: 2,
        conflictAudits: [{ id: 'a1', number: 'IR-2026-008', count: 2 }],
        unsentChanges: 0,
      },
      pushed: 3, duplicates: 0, pulled: 12, applied: 12, conflicts: 2, refusedAudits: [],
    });
    await renderUi(<TeamServerSettings />);
    expect(await screen.findByText('Not synchronised yet.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Synchronise' }));
    expect(await screen.findByText(/^Last synchronised /)).toBeInTheDocument();
    expect(screen.getByText('Every change has been sent.')).toBeInTheDocument();
    expect(await screen.findByText('Synchronised: 3 sent, 12 received, 2 new conflicts.')).toBeInTheDocument();
    expect(screen.getByText('2 conflicts wait for your decision')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'IR-2026-008: 2 conflicts' })).toHaveAttribute('href', '/audits/a1');
  });

  it('keeps the person informed when the server cannot be reached', async () => {
    status = signedIn;
    synchronise.mockRejectedValue(apiError({ code: 'sync_failed', params: { reason: 'unreachable', url: 'https://granska.sjovik.example' } }));
    await renderUi(<TeamServerSettings />, { lang: 'sv' });
    await userEvent.click(await screen.findByRole('button', { name: 'Synkronisera' }));
    expect(await screen.findByText(/^Teamservern på https:\/\/granska.sjovik.example går inte att nå. Inget har gått förlorat/)).toBeInTheDocument();
  });
});
