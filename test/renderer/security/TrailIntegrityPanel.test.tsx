import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { TrailIntegrityPanel } from '../../../renderer/src/features/security/TrailIntegrityPanel';
import { uploadError } from '../../../renderer/src/features/conduct/AttachmentsPanel';
import { ApiError } from '../../../renderer/src/api/client';
import { changeLanguage, initI18n } from '../../../renderer/src/i18n';
import type { TrailIntegrity } from '../../../shared/contract/app';
import { apiError, fakeApi, renderUi } from '../render';

const HEAD = 'a'.repeat(64);

describe('Settings › Audit trail integrity', () => {
  it('checks on request and says the trail is intact, in Swedish', async () => {
    const verify = vi.fn((): TrailIntegrity => ({ intact: true, rows: 512, headHash: HEAD }));
    fakeApi({ 'trail.verify': verify });
    await renderUi(<TrailIntegrityPanel />, { lang: 'sv' });
    expect(verify).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole('button', { name: 'Kontrollera' }));
    expect(await screen.findByTestId('trail-integrity-result')).toHaveTextContent('Oförändrad: alla 512 poster är som när de skrevs.');
    expect(screen.getByText(`Sista länken: ${HEAD}`)).toBeInTheDocument();
  });

  it('names the first broken entry and why, in English', async () => {
    fakeApi({
      'trail.verify': (): TrailIntegrity => ({
        intact: false, rows: 12, headHash: HEAD,
        firstBroken: { seq: 12, id: '0193-x', at: '2027-03-10T07:30:00.000Z', reason: 'row_changed' },
      }),
    });
    await renderUi(<TrailIntegrityPanel />, { lang: 'en' });
    expect(screen.getByText('Audit trail integrity')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByTestId('trail-integrity-result')).toHaveTextContent(
      'Broken at entry 12 (written 2027-03-10T07:30:00.000Z): the entry has been changed after it was written. The entries before it are intact.',
    );
  });

  it('shows a refused check as a translated error', async () => {
    fakeApi({ 'trail.verify': () => { throw apiError({ code: 'no_database', params: {} }); } });
    await renderUi(<TrailIntegrityPanel />, { lang: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Check' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('No database is open.');
  });
});

describe('an attachment carrying web content', () => {
  it('is refused by name, in Swedish and English', async () => {
    const err = new ApiError({ code: 'file_type_refused', params: { reason: 'active_content', type: 'polyglot' } });
    const i18n = await initI18n('sv');
    expect(uploadError(i18n.t, err, 'bild.jpg')).toMatch(/^bild\.jpg avvisades: filen innehåller webbinnehåll/);
    await changeLanguage('en');
    expect(uploadError(i18n.t, err, 'photo.jpg')).toMatch(/^photo\.jpg was refused: it contains web content/);
  });
});
