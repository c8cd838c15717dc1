import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConflictsPanel } from '../../../renderer/src/features/packages/ConflictsPanel';
import { PackageActions } from '../../../renderer/src/features/packages/PackageActions';
import type { PackageConflict } from '../../../shared/contract/packages';
import type { Audit } from '../../../shared/domain/audits';
import { apiError, fakeApi, renderUi } from '../render';

const conflict = (over: Partial<PackageConflict> = {}): PackageConflict => ({
  id: 'c1',
  table: 'findings',
  rowId: 'f1',
  field: 'statement',
  auditId: 'a1',
  auditNumber: 'IR-2027-004',
  record: 'IR-2027-004-01',
  kind: 'text',
  local: 'Koordinatorns text',
  remote: 'Revisorns text',
  createdAt: '2027-03-14T10:00:00Z',
  ...over,
});

describe('ConflictsPanel', () => {
  it('shows both values side by side and sends the chosen one', async () => {
    const resolve = vi.fn((_i: { id: string; choice: string }) => [] as PackageConflict[]);
    fakeApi({
      'packages.conflicts': () => [
        conflict(),
        conflict({
          id: 'c2',
          table: 'findings',
          field: 'type',
          kind: 'choice',
          local: 'minor_nc',
          remote: 'observation',
          record: 'IR-2027-004-02',
        }),
      ],
      'packages.resolve': resolve,
    });
    const onResolved = vi.fn();
    await renderUi(<ConflictsPanel auditId="a1" version={0} onResolved={onResolved} />, { lang: 'sv' });
    const region = await screen.findByRole('region', { name: 'Ändringar att besluta om' });
    expect(within(region).getByText('2 ändringar behöver ditt beslut')).toBeTruthy();
    const card = within(region).getByRole('group', { name: 'IR-2027-004-01: Avvikelseformulering' });
    expect(within(card).getByLabelText('I den här databasen').textContent).toBe('Koordinatorns text');
    expect(within(card).getByLabelText('Från revisorn').textContent).toBe('Revisorns text');
    // A finding type cannot be "both": only text fields offer it.
    const typeCard = within(region).getByRole('group', { name: 'IR-2027-004-02: Typ av iakttagelse' });
    expect(within(typeCard).queryByRole('button', { name: 'Behåll båda…' })).toBeNull();
    expect(within(typeCard).getByLabelText('Från revisorn').textContent).not.toBe('observation');

    await userEvent.click(within(card).getByRole('button', { name: 'Ta revisorns Avvikelseformulering för IR-2027-004-01' }));
    await waitFor(() => expect(resolve).toHaveBeenCalledWith({ id: 'c1', choice: 'remote' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Ändringar att besluta om' })).toBeNull());
    expect(onResolved).toHaveBeenCalled();
  });

  it('keeps both texts, edited by the person before saving', async () => {
    const resolve = vi.fn((_i: unknown) => [] as PackageConflict[]);
    fakeApi({ 'packages.conflicts': () => [conflict()], 'packages.resolve': resolve });
    await renderUi(<ConflictsPanel auditId="a1" version={0} onResolved={() => undefined} />, { lang: 'en' });
    const card = await screen.findByRole('group', { name: 'IR-2027-004-01: Nonconformity statement' });
    await userEvent.click(within(card).getByRole('button', { name: 'Keep both…' }));
    const text = within(card).getByLabelText('Both texts (edit before saving)') as HTMLTextAreaElement;
    expect(text.value).toBe('Koordinatorns text\n\nRevisorns text');
    await userEvent.clear(text);
    await userEvent.type(text, 'Sammanfogad text');
    await userEvent.click(within(card).getByRole('button', { name: 'Save both' }));
    await waitFor(() => expect(resolve).toHaveBeenCalledWith({ id: 'c1', choice: 'both', text: 'Sammanfogad text' }));
  });
});

describe('PackageActions', () => {
  const audit = { id: 'a1', number: 'IR-2027-004', locked: false } as unknown as Audit;

  it("shows a refusal of an import in the person's language", async () => {
    fakeApi({
      'packages.status': () => ({ workingCopy: false, audits: [] }),
      'packages.import': () => {
        throw apiError({ code: 'package_refused', params: { reason: 'other_database' } });
      },
    });
    await renderUi(<PackageActions audit={audit} onImported={() => undefined} />, { lang: 'sv' });
    expect(await screen.findByRole('button', { name: 'Skicka till revisor…' })).toBeTruthy();
    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], 'retur.granska');
    await userEvent.upload(screen.getByLabelText('Returpaketets fil'), file);
    expect(await screen.findByText('Paketet hör till en annan Granska-databas. Det avvisades och inget ändrades.')).toBeTruthy();
  });

  it('offers only "send back" in a working copy made from a package', async () => {
    fakeApi({ 'packages.status': () => ({ workingCopy: true, audits: [{ id: 'a1', number: 'IR-2027-004', title: 'T' }] }) });
    await renderUi(<PackageActions audit={audit} onImported={() => undefined} />, { lang: 'en' });
    expect(await screen.findByRole('button', { name: 'Send back to coordinator…' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send to auditor…' })).toBeNull();
  });
});
