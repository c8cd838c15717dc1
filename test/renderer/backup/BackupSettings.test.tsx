import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BackupSettings } from '../../../renderer/src/features/backup/BackupSettings';
import { UnsafePlaceBanner } from '../../../renderer/src/features/backup/UnsafePlaceBanner';
import { useAppStore } from '../../../renderer/src/stores/appStore';
import type { BackupStatus } from '../../../shared/contract/backup';
import type { AppInfo } from '../../../shared/contract/app';
import { apiError, fakeApi, renderUi } from '../render';

const status = (over: Partial<BackupStatus> = {}): BackupStatus => ({
  folder: '/home/karin/.config/Granska/backups',
  defaultFolder: '/home/karin/.config/Granska/backups',
  backups: [
    { file: '/home/karin/.config/Granska/backups/granska-1-2027-03-10T07-30-00Z.sqlite', at: '2027-03-10T07:30:00Z', bytes: 1000 },
    { file: '/home/karin/.config/Granska/backups/granska-1-2027-03-09T07-30-00Z.sqlite', at: '2027-03-09T07:30:00Z', bytes: 1000 },
  ],
  keep: 7,
  automatic: true,
  lastError: null,
  unsafePlace: null,
  ...over,
});

const info = (canChooseFiles: boolean) => ({ canChooseFiles, databasePath: '/home/karin/granska.sqlite' }) as AppInfo;

describe('Settings › Backups', () => {
  beforeEach(() => useAppStore.setState({ info: info(false) }));

  it('shows the folder, the last automatic backup and how many are kept', async () => {
    fakeApi({ 'backup.status': () => status() });
    await renderUi(<BackupSettings />, { lang: 'sv' });
    expect(await screen.findByText(/Senaste säkerhetskopia i mappen: 2027-03-10/)).toBeInTheDocument();
    expect(screen.getByText('2 av högst 7 säkerhetskopior sparade')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Mapp (fullständig sökväg)' })).toHaveValue('/home/karin/.config/Granska/backups');
    expect(screen.getByText('Standardmappen, i Granskas datamapp på den här datorn.')).toBeInTheDocument();
  });

  it('shows why the last automatic backup failed', async () => {
    fakeApi({ 'backup.status': () => status({ backups: [], lastError: { code: 'forbidden', params: { reason: 'backup_unwritable', path: '/media/usb/kopior' } } }) });
    await renderUi(<BackupSettings />, { lang: 'en' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The last automatic backup failed: Granska cannot write to the folder /media/usb/kopior. Choose another folder or check that the disk is connected and not full.',
    );
    expect(screen.getByText('No backup of this database in the folder yet.')).toBeInTheDocument();
  });

  it('in browser mode downloads a backup, and takes a typed folder', async () => {
    const create = vi.fn(() => ({ fileName: 'granska-backup-2027-03-10.sqlite', mime: 'application/vnd.sqlite3', base64: 'U1FMaXRl', savedTo: null, cancelled: false }));
    const setFolder = vi.fn((i: { folder: string | null }) => status({ folder: i.folder ?? '' }));
    fakeApi({ 'backup.status': () => status(), 'backup.create': create, 'backup.setFolder': setFolder });
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    await renderUi(<BackupSettings />, { lang: 'en' });
    await userEvent.click(await screen.findByRole('button', { name: 'Download a backup' }));
    expect(create).toHaveBeenCalledOnce();
    expect(await screen.findByText(/granska-backup-2027-03-10\.sqlite/)).toBeInTheDocument();

    const input = screen.getByRole('textbox', { name: 'Folder (full path)' });
    await userEvent.clear(input);
    await userEvent.type(input, '/home/karin/Kopior');
    await userEvent.click(screen.getByRole('button', { name: 'Use this folder' }));
    expect(setFolder).toHaveBeenCalledWith({ folder: '/home/karin/Kopior' });
    expect(await screen.findByText('Backups now go to /home/karin/Kopior.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Use the default folder' })).toBeInTheDocument();
  });

  it('says in words why a typed folder is refused', async () => {
    fakeApi({
      'backup.status': () => status(),
      'backup.setFolder': () => {
        throw apiError({ code: 'invalid_input', params: { reason: 'backup_folder_absolute', path: 'kopior' } });
      },
    });
    await renderUi(<BackupSettings />, { lang: 'sv' });
    const input = await screen.findByRole('textbox', { name: 'Mapp (fullständig sökväg)' });
    await userEvent.clear(input);
    await userEvent.type(input, 'kopior');
    await userEvent.click(screen.getByRole('button', { name: 'Använd den här mappen' }));
    expect(await screen.findByText(/Ange mappens fullständiga sökväg/)).toBeInTheDocument();
  });

  it('on the desktop chooses the folder in the system dialog and backs up through the save dialog', async () => {
    useAppStore.setState({ info: info(true) });
    const chooseFolder = vi.fn(() => status({ folder: '/home/karin/Kopior' }));
    fakeApi({
      'backup.status': () => status(),
      'backup.chooseFolder': chooseFolder,
      'backup.create': () => ({ fileName: 'g.sqlite', mime: 'application/vnd.sqlite3', base64: null, savedTo: '/home/karin/g.sqlite', cancelled: false }),
    });
    await renderUi(<BackupSettings />, { lang: 'en' });
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Choose folder…' }));
    await waitFor(() => expect(screen.getByTestId('backup-folder')).toHaveTextContent('/home/karin/Kopior'));
    await userEvent.click(screen.getByRole('button', { name: 'Back up…' }));
    expect(await screen.findByText(/\/home\/karin\/g\.sqlite/)).toBeInTheDocument();
  });
});

describe('the unsafe-place banner', () => {
  it('warns about a database on a network share, with the advice to use audit packages', async () => {
    fakeApi({ 'backup.status': () => status({ unsafePlace: { kind: 'network', service: 'smb', root: '/mnt/kvalitet' } }) });
    await renderUi(<UnsafePlaceBanner databasePath="/mnt/kvalitet/granska.sqlite" />, { lang: 'sv' });
    const banner = await screen.findByRole('alert', { name: 'Databasen ligger på en nätverksenhet' });
    expect(banner).toHaveTextContent('Databasen ligger på en nätverksenhet');
    expect(banner).toHaveTextContent('SMB/CIFS-nätverksresurs (/mnt/kvalitet)');
    expect(banner).toHaveTextContent('skicka revisioner till andra revisorer som revisionspaket');
  });

  it('names the sync service for a synced folder', async () => {
    fakeApi({ 'backup.status': () => status({ unsafePlace: { kind: 'synced', service: 'onedrive', root: 'C:\\Users\\karin\\OneDrive' } }) });
    await renderUi(<UnsafePlaceBanner databasePath="C:\\Users\\karin\\OneDrive\\g.sqlite" />, { lang: 'en' });
    expect(await screen.findByRole('alert', { name: 'This database is in a synced folder' })).toHaveTextContent('OneDrive (C:\\Users\\karin\\OneDrive).');
  });

  it('is absent for a database on this computer', async () => {
    const statusCall = vi.fn(() => status());
    fakeApi({ 'backup.status': statusCall });
    await renderUi(<UnsafePlaceBanner databasePath="/home/karin/granska.sqlite" />, { lang: 'en' });
    await waitFor(() => expect(statusCall).toHaveBeenCalled());
    expect(screen.queryByRole('alert', { name: /database is|Databasen ligger/ })).not.toBeInTheDocument();
  });
});
