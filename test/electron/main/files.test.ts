import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openInSystemViewer, removeOpenedCopies, safeFileName, saveWithDialog } from '../../../electron/main/files';
import { tempDir } from '../../helpers/tmp';

describe('files the desktop app writes for a person', () => {
  const dir = tempDir();

  it('keeps only a harmless last path segment of a suggested name', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\x\\rapport IR-2027-004.pdf')).toBe('rapport IR-2027-004.pdf');
    expect(safeFileName('a:b*c?.pdf')).toBe('a_b_c_.pdf');
    expect(safeFileName('..')).toBe('file');
  });

  it('writes exactly the given bytes where the person chose, and nothing when they cancel', async () => {
    const target = path.join(dir, 'kopia.pdf');
    const data = Buffer.from('%PDF-1.7 signed bytes åäö');
    const dialog = { showSaveDialog: vi.fn().mockResolvedValue({ canceled: false, filePath: target }), showOpenDialog: vi.fn(), showMessageBox: vi.fn() };
    expect(await saveWithDialog(dialog, null, 'rapport.pdf', data, dir)).toBe(target);
    expect(fs.readFileSync(target).equals(data)).toBe(true);
    expect(dialog.showSaveDialog.mock.calls[0]?.[0].defaultPath).toBe(path.join(dir, 'rapport.pdf'));

    dialog.showSaveDialog.mockResolvedValue({ canceled: true, filePath: '' });
    expect(await saveWithDialog(dialog, null, 'annan.pdf', data, dir)).toBeNull();
    expect(fs.existsSync(path.join(dir, 'annan.pdf'))).toBe(false);
  });

  it('opens attachments from a private temporary copy, and reports a viewer failure', async () => {
    const shell = { openPath: vi.fn().mockResolvedValue('') };
    const file = await openInSystemViewer(shell, dir, '../foto.jpg', Buffer.from([0xff, 0xd8, 0xff]));
    expect(path.basename(file)).toBe('foto.jpg');
    expect(file.startsWith(path.join(dir, 'granska-open'))).toBe(true);
    expect(shell.openPath).toHaveBeenCalledWith(file);
    shell.openPath.mockResolvedValue('No application is registered');
    await expect(openInSystemViewer(shell, dir, 'x.pdf', Buffer.from('%PDF'))).rejects.toThrow('No application');
  });

  it('marks a copy opened on Windows as coming from the Internet (Zone.Identifier), and none elsewhere', async () => {
    const shell = { openPath: vi.fn().mockResolvedValue('') };
    const onWindows = await openInSystemViewer(shell, dir, 'rutin.docx', Buffer.from('PK'), 'win32');
    // On NTFS this is the file's alternate data stream; here it shows up as a file of that name.
    expect(fs.readFileSync(`${onWindows}:Zone.Identifier`, 'utf8')).toBe('[ZoneTransfer]\r\nZoneId=3\r\n');
    const onLinux = await openInSystemViewer(shell, dir, 'rutin.docx', Buffer.from('PK'), 'linux');
    expect(fs.existsSync(`${onLinux}:Zone.Identifier`)).toBe(false);
  });

  it('names the temporary copy without bidi overrides or controls', async () => {
    const shell = { openPath: vi.fn().mockResolvedValue('') };
    const file = await openInSystemViewer(shell, dir, 'foto\u202Egnp.exe\0.png', Buffer.from([0x89]));
    expect(path.basename(file)).toBe('fotognp.exe.png');
  });

  it('removes every opened copy, and nothing outside its own folder', async () => {
    const shell = { openPath: vi.fn().mockResolvedValue('') };
    const neighbour = path.join(dir, 'annan.txt');
    fs.writeFileSync(neighbour, 'kvar');
    const file = await openInSystemViewer(shell, dir, 'x.pdf', Buffer.from('%PDF'));
    removeOpenedCopies(dir);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.readFileSync(neighbour, 'utf8')).toBe('kvar');
    removeOpenedCopies(path.join(dir, 'finns-inte')); // nothing to do is not an error
  });
});
