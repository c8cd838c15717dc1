import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openInSystemViewer, safeFileName, saveWithDialog } from '../../../electron/main/files';
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
});
