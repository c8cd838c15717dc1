// File › Back up… and File › Restore… with Electron's dialogs replaced by fakes and a real backend
// on real SQLite files: what a person sees in each dialog, and what happens to their files.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { backUpWithDialog, restoreWithDialog } from '../../../electron/main/backup-dialogs';
import { tempDir } from '../../helpers/tmp';

function fakeDialog(opts: { save?: string | null; open?: string | null; confirm?: number }) {
  return {
    showSaveDialog: vi.fn(async () => (opts.save ? { canceled: false, filePath: opts.save } : { canceled: true, filePath: '' })),
    showOpenDialog: vi.fn(async () => (opts.open ? { canceled: false, filePaths: [opts.open] } : { canceled: true, filePaths: [] })),
    showMessageBox: vi.fn(async (options: Electron.MessageBoxOptions) => ({ response: options.type === 'question' ? (opts.confirm ?? 0) : 0, checkboxChecked: false })),
  };
}

const boxes = (dialog: ReturnType<typeof fakeDialog>) => dialog.showMessageBox.mock.calls.map((c) => c[0]);

function setup() {
  const dir = tempDir('granska-backup-menu-');
  const dbFile = path.join(dir, 'granska.sqlite');
  const backend = new Backend({ dataDir: dir, transport: 'electron', version: 'test' });
  backend.open(dbFile);
  backend.updateSettings({ organisationName: 'Sjöviks kommunkoncern' });
  const orgName = () => backend.info().organisationName;
  return { dir, dbFile, backend, orgName };
}

describe('File › Back up…', () => {
  it('writes a checked copy where the person chose, adding .sqlite, and says so in their language', async () => {
    const { dir, backend } = setup();
    const dialog = fakeDialog({ save: path.join(dir, 'kopia-mars') });
    const outcome = await backUpWithDialog({ dialog: dialog as never, parent: null, lang: 'sv', backups: backend.backups, databasePath: backend.databasePath, defaultDir: dir, now: new Date(2027, 2, 10) });
    expect(outcome).toBe('saved');
    const options = dialog.showSaveDialog.mock.calls[0] as unknown as [Electron.SaveDialogOptions];
    expect(options[0]).toMatchObject({ title: 'Säkerhetskopiera databasen', defaultPath: path.join(dir, 'granska-backup-2027-03-10.sqlite') });
    const written = path.join(dir, 'kopia-mars.sqlite');
    const copy = new Database(written, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare("SELECT value FROM settings WHERE key = 'organisationName'").pluck().get()).toBe('Sjöviks kommunkoncern');
    copy.close();
    expect(boxes(dialog)).toEqual([
      expect.objectContaining({ type: 'info', message: 'Säkerhetskopian är sparad och kontrollerad.', detail: expect.stringContaining(`${written}\nSchema ${LATEST_VERSION}`) }),
    ]);
    backend.close();
  });

  it('does nothing when the dialog is cancelled', async () => {
    const { dir, backend } = setup();
    const before = fs.readdirSync(dir).sort();
    const dialog = fakeDialog({ save: null });
    expect(await backUpWithDialog({ dialog: dialog as never, parent: null, lang: 'en', backups: backend.backups, databasePath: backend.databasePath, defaultDir: dir })).toBe('cancelled');
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(dialog.showMessageBox).not.toHaveBeenCalled();
    backend.close();
  });

  it('says why when the folder cannot be written', async () => {
    const { dir, backend } = setup();
    fs.writeFileSync(path.join(dir, 'blocker'), 'a file, not a folder');
    const dialog = fakeDialog({ save: path.join(dir, 'blocker', 'kopia.sqlite') });
    expect(await backUpWithDialog({ dialog: dialog as never, parent: null, lang: 'en', backups: backend.backups, databasePath: backend.databasePath, defaultDir: dir })).toBe('failed');
    expect(boxes(dialog)).toEqual([
      expect.objectContaining({ type: 'error', message: 'The backup could not be made.', detail: expect.stringContaining('Granska cannot write to the folder') }),
    ]);
    backend.close();
  });
});

describe('File › Restore…', () => {
  it('asks first, restores, keeps the open database as .bak and says where', async () => {
    const { dir, dbFile, backend, orgName } = setup();
    const copy = path.join(dir, 'kopia.sqlite');
    await backend.backups.backupTo(copy);
    backend.updateSettings({ organisationName: 'Namn efter kopian' });
    const dialog = fakeDialog({ open: copy, confirm: 0 });
    expect(await restoreWithDialog({ dialog: dialog as never, parent: null, lang: 'en', backups: backend.backups, databasePath: dbFile, defaultDir: dir })).toBe('restored');
    expect(orgName()).toBe('Sjöviks kommunkoncern');
    const [question, done] = boxes(dialog);
    expect(question).toMatchObject({ type: 'question', message: 'Replace the open database with this backup?', buttons: ['Restore', 'Cancel'], cancelId: 1 });
    expect(question?.detail).toContain(copy);
    const kept = fs.readdirSync(dir).find((f) => f.endsWith('.bak')) as string;
    expect(done).toMatchObject({ type: 'info', message: 'The backup was restored.', detail: `The database that was open is kept as ${path.join(dir, kept)}.` });
    backend.close();
  });

  it('changes nothing when the person answers Cancel', async () => {
    const { dir, dbFile, backend, orgName } = setup();
    const copy = path.join(dir, 'kopia.sqlite');
    await backend.backups.backupTo(copy);
    backend.updateSettings({ organisationName: 'Behålls' });
    const dialog = fakeDialog({ open: copy, confirm: 1 });
    expect(await restoreWithDialog({ dialog: dialog as never, parent: null, lang: 'sv', backups: backend.backups, databasePath: dbFile, defaultDir: dir })).toBe('cancelled');
    expect(orgName()).toBe('Behålls');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    backend.close();
  });

  it('refuses a backup from a newer Granska in Swedish, and the open database stays as it was', async () => {
    const { dir, dbFile, backend, orgName } = setup();
    const copy = path.join(dir, 'nyare.sqlite');
    await backend.backups.backupTo(copy);
    const db = new Database(copy);
    db.pragma(`user_version = ${LATEST_VERSION + 4}`);
    db.close();
    backend.updateSettings({ organisationName: 'Oförändrad' });
    const dialog = fakeDialog({ open: copy, confirm: 0 });
    expect(await restoreWithDialog({ dialog: dialog as never, parent: null, lang: 'sv', backups: backend.backups, databasePath: dbFile, defaultDir: dir })).toBe('refused');
    expect(boxes(dialog)[1]).toMatchObject({
      type: 'error',
      message: 'Säkerhetskopian återställdes inte.',
      detail: expect.stringContaining(`Säkerhetskopian gjordes av en nyare version av Granska (schema ${LATEST_VERSION + 4}; den här versionen stöder ${LATEST_VERSION}). Ingenting har ändrats.`),
    });
    expect(orgName()).toBe('Oförändrad');
    expect(backend.databasePath).toBe(dbFile);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    backend.close();
  });
});
