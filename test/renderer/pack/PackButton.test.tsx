import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { PackButton } from '../../../renderer/src/features/pack/PackButton';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { SigningIdentity } from '../../../shared/domain/reports';
import { fakeApi, renderUi } from '../render';

const identity = { id: 'i1', subjectName: 'Karin Lindqvist', organisation: 'Sjövik', expired: false } as SigningIdentity;

describe('Certification pack button', () => {
  it('asks for the period and, to sign the review inputs, an identity and its passphrase, then makes the pack', async () => {
    const calls: unknown[] = [];
    fakeApi({
      'identities.list': () => [identity],
      'pack.create': (input: never) => {
        calls.push(input);
        return { fileName: 'Certifieringspaket.zip', mime: 'application/zip', base64: null, savedTo: '/tmp/x.zip', cancelled: false } satisfies DeliveredFile;
      },
    });
    await renderUi(<PackButton />, { lang: 'sv' });
    await userEvent.click(screen.getByRole('button', { name: 'Certifieringspaket' }));
    const form = await screen.findByRole('form', { name: 'Certifieringspaket' });
    fireEvent.change(within(form).getByLabelText(/^Från/), { target: { value: '2026-01-01' } });
    fireEvent.change(within(form).getByLabelText(/^Till/), { target: { value: '2026-06-30' } });
    await userEvent.click(within(form).getByRole('textbox', { name: /Signera underlaget/ }));
    await userEvent.click(await screen.findByRole('option', { name: 'Karin Lindqvist, Sjövik' }));
    const create = within(form).getByRole('button', { name: 'Skapa paket' });
    expect(create).toBeDisabled();
    await userEvent.type(within(form).getByLabelText(/Lösenord för identiteten/), 'hemligt lösen');
    await userEvent.click(create);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]).toEqual({ from: '2026-01-01', to: '2026-06-30', lang: 'sv', identityId: 'i1', passphrase: 'hemligt lösen' });
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Certifieringspaket' })).toBeNull());
  });
});
