import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { PackageActions } from '../../../renderer/src/features/packages/PackageActions';
import type { ImportSummary } from '../../../shared/contract/packages';
import type { Audit } from '../../../shared/domain/audits';
import { apiError, fakeApi, renderUi } from '../render';

const audit = { id: 'a1', number: 'IR-2027-004', title: 'Äldreomsorg', locked: false } as Audit;
const summary: ImportSummary = {
  packageId: 'p1', kind: 'return', audits: ['IR-2027-004'], applied: 2, skipped: 0, added: { findings: 1 }, changed: {}, renumbered: [],
  trailEntries: 0, newConflicts: 0, openConflicts: [], historyEdited: { seq: 41, hash: 'b'.repeat(64) },
};

describe('encrypted audit packages on the audit page', () => {
  it('asks for an encrypted package’s passphrase, says when it is wrong, imports with the right one and warns of an edited history', async () => {
    const passphrases: (string | undefined)[] = [];
    fakeApi({
      'packages.status': () => ({ workingCopy: false, audits: [] }),
      'packages.import': ((input: { passphrase?: string }) => {
        passphrases.push(input.passphrase);
        if (input.passphrase === undefined) throw apiError({ code: 'wrong_passphrase', params: { reason: 'package_required' } });
        if (input.passphrase !== 'Rätt lösenfras 1') throw apiError({ code: 'wrong_passphrase', params: { reason: 'package' } });
        return summary;
      }) as never,
    });
    await renderUi(<PackageActions audit={audit} onImported={() => undefined} />, { lang: 'sv' });
    await screen.findByRole('button', { name: 'Skicka till revisor…' });
    await userEvent.upload(screen.getByLabelText('Returpaketets fil'), new File([new Uint8Array([0x47, 0x52])], 'retur.granska'));
    expect(await screen.findByText('Ange lösenfrasen som avsändaren gav dig.')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
    await userEvent.type(screen.getByLabelText('Paketets lösenfras'), 'Fel lösenfras 1');
    await userEvent.click(screen.getByRole('button', { name: 'Importera' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Lösenfrasen är fel, eller så har paketet ändrats efter att det skrevs. Inget ändrades.');
    await userEvent.type(screen.getByLabelText('Paketets lösenfras'), 'Rätt lösenfras 1');
    await userEvent.click(screen.getByRole('button', { name: 'Importera' }));
    expect(await screen.findByText(/historiken har ändrats sedan dess/)).toHaveTextContent('rad 41');
    expect(passphrases).toEqual([undefined, 'Fel lösenfras 1', 'Rätt lösenfras 1']);
  });

  it('encrypts a package it sends only when asked, with the passphrase typed twice', async () => {
    const exported = vi.fn((input: { passphrase?: string }) => ({ fileName: 'IR.granska', mime: 'application/octet-stream', base64: 'AA==', savedTo: null, cancelled: false, input }));
    fakeApi({ 'packages.status': () => ({ workingCopy: false, audits: [] }), 'packages.export': exported as never });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    await renderUi(<PackageActions audit={audit} onImported={() => undefined} />, { lang: 'en' });
    await userEvent.click(await screen.findByRole('button', { name: 'Send to auditor…' }));
    await userEvent.click(screen.getByRole('checkbox', { name: 'Encrypt with a passphrase' }));
    await userEvent.type(screen.getByLabelText('Package passphrase'), 'Lång lösenfras 2027');
    await userEvent.type(screen.getByLabelText('Repeat the passphrase'), 'Lång lösenfras 2026');
    await userEvent.click(screen.getByRole('button', { name: 'Write package' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The two passphrases differ.');
    expect(exported).not.toHaveBeenCalled();
    await userEvent.clear(screen.getByLabelText('Repeat the passphrase'));
    await userEvent.type(screen.getByLabelText('Repeat the passphrase'), 'Lång lösenfras 2027');
    await userEvent.click(screen.getByRole('button', { name: 'Write package' }));
    await vi.waitFor(() => expect(exported).toHaveBeenCalledWith({ auditIds: ['a1'], passphrase: 'Lång lösenfras 2027' }));
  });
});
