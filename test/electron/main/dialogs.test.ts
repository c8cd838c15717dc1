import path from 'node:path';
import type { BaseWindow } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../shared/errors';
import {
  chooseDatabaseFile,
  describeOpenError,
  showOpenError,
  withDatabaseExtension,
  type DialogApi,
} from '../../../electron/main/dialogs';
import { MAIN_TEXTS } from '../../../electron/main/texts';

function fakeDialog(result: { canceled: boolean; filePath?: string; filePaths?: string[] }) {
  return {
    showSaveDialog: vi.fn(async () => ({ canceled: result.canceled, filePath: result.filePath ?? '' })),
    showOpenDialog: vi.fn(async () => ({ canceled: result.canceled, filePaths: result.filePaths ?? [] })),
    showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
  };
}
const asApi = (d: ReturnType<typeof fakeDialog>) => d as unknown as DialogApi;
const win = {} as BaseWindow;

describe('choosing a database file', () => {
  it('New uses a save dialog filtered to Granska databases and adds .sqlite when missing', async () => {
    const dialog = fakeDialog({ canceled: false, filePath: '/home/anna/Revision 2027' });
    expect(await chooseDatabaseFile(asApi(dialog), win, 'new', MAIN_TEXTS.en, '/home/anna')).toBe(
      '/home/anna/Revision 2027.sqlite',
    );
    const [, options] = dialog.showSaveDialog.mock.calls[0] as unknown as [
      unknown,
      { filters: { name: string; extensions: string[] }[]; defaultPath: string },
    ];
    expect(options.filters).toEqual([{ name: 'Granska database', extensions: ['sqlite', 'granska', 'db'] }]);
    expect(options.defaultPath).toBe(path.join('/home/anna', 'granska.sqlite'));
  });

  it('Open uses an open dialog and returns the chosen file', async () => {
    const dialog = fakeDialog({ canceled: false, filePaths: ['/media/usb/kommun.granska'] });
    expect(await chooseDatabaseFile(asApi(dialog), win, 'open', MAIN_TEXTS.sv, '/home/anna')).toBe('/media/usb/kommun.granska');
    const [, options] = dialog.showOpenDialog.mock.calls[0] as unknown as [
      unknown,
      { title: string; filters: { name: string }[] },
    ];
    expect(options.title).toBe('Öppna databas');
    expect(options.filters[0]?.name).toBe('Granska-databas');
  });

  it('resolves to null when the person cancels', async () => {
    expect(await chooseDatabaseFile(asApi(fakeDialog({ canceled: true })), win, 'new', MAIN_TEXTS.en, '/tmp')).toBeNull();
    expect(await chooseDatabaseFile(asApi(fakeDialog({ canceled: true })), null, 'open', MAIN_TEXTS.en, '/tmp')).toBeNull();
  });

  it('keeps a known extension', () => {
    expect(withDatabaseExtension('/a/b.db')).toBe('/a/b.db');
    expect(withDatabaseExtension('/a/b.GRANSKA')).toBe('/a/b.GRANSKA');
    expect(withDatabaseExtension('/a/b.txt')).toBe('/a/b.txt.sqlite');
  });
});

describe('errors opening a database', () => {
  const newer = new AppError('unsupported_version', { found: 7, supported: 3 });

  it('explain a database from a newer Granska, in English', () => {
    expect(describeOpenError(newer, MAIN_TEXTS.en)).toContain(
      'This database was created by a newer version of Granska (schema 7; this version supports 3). It has not been changed.',
    );
  });

  it('explain it in Swedish', () => {
    expect(describeOpenError(newer, MAIN_TEXTS.sv)).toContain(
      'nyare version av Granska (schema 7; den här versionen stöder 3). Den har inte ändrats.',
    );
  });

  it('explain an unreadable file, and anything else without internals', () => {
    expect(describeOpenError(new AppError('file_unreadable', {}), MAIN_TEXTS.en)).toMatch(
      /could not be opened as a Granska database/,
    );
    expect(describeOpenError(new Error('SQLITE_NOTADB at 0x1234'), MAIN_TEXTS.en)).toBe('The database could not be opened.');
  });

  it('show a native error box naming the file', async () => {
    const dialog = fakeDialog({ canceled: false });
    await showOpenError(asApi(dialog), null, MAIN_TEXTS.en, newer, '/data/new.sqlite');
    expect(dialog.showMessageBox).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        title: 'The database could not be opened',
        detail: '/data/new.sqlite',
        message: expect.stringContaining('schema 7'),
      }),
    );
  });
});
