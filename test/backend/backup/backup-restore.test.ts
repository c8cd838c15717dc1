import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { LATEST_VERSION } from '../../../electron/backend/db/migrations';
import { backupFileName, KEEP_AUTOMATIC, listBackups } from '../../../electron/backend/features/backup/automatic';
import { restoreDatabase } from '../../../electron/backend/features/backup/restore';
import { backupDatabaseFile } from '../../../electron/backend/features/backup/snapshot';
import type { BackupStatus } from '../../../shared/contract/backup';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { ChecklistEntry } from '../../../shared/domain/findings';
import { caller, rejection, tempDir } from '../../helpers/tmp';
import { conductFixture } from '../conduct/fixture';

const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function evidenceIn(file: string, itemId: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare('SELECT evidence FROM checklist_items WHERE id = ?').pluck().get(itemId) as string) ?? '';
  } finally {
    db.close();
  }
}

async function setup(opts: { now?: () => Date; automatic?: boolean; host?: ConstructorParameters<typeof Backend>[0]['host'] } = {}) {
  const dir = tempDir('granska-backup-');
  const dbFile = path.join(dir, 'granska.sqlite');
  const backend = new Backend({
    dataDir: dir,
    transport: 'http',
    version: 'test',
    automaticBackups: opts.automatic ?? false,
    automaticBackupDelayMs: 0,
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.host ? { host: opts.host } : {}),
  });
  backend.open(dbFile);
  const { items } = await conductFixture(backend);
  const item = items[0] as ChecklistEntry;
  const call = caller(backend);
  // The revision is read afresh each time: after a restore the database holds the older one.
  const write = async (evidence: string) => {
    const revision = backend.database.prepare('SELECT revision FROM checklist_items WHERE id = ?').pluck().get(item.id) as number;
    await call<ChecklistEntry>('checklist.update', { id: item.id, revision, fields: { evidence } });
  };
  const evidence = () => (backend.database.prepare('SELECT evidence FROM checklist_items WHERE id = ?').pluck().get(item.id) as string) ?? '';
  return { dir, dbFile, backend, call, item, write, evidence };
}

/** A Granska database whose bytes were damaged in the middle, the way a bad sector or a half copy does. */
function damagedCopyOf(source: string, out: string): void {
  const bytes = fs.readFileSync(source);
  const pageSize = bytes.readUInt16BE(16);
  for (let p = 2; p * pageSize < bytes.length; p += 2) crypto.randomBytes(pageSize / 2).copy(bytes, p * pageSize + 8);
  fs.writeFileSync(out, bytes);
}

describe('backup and restore in the app', () => {
  it('restores a backup: the database is as it was at the backup, and the replaced one is kept as .bak', async () => {
    const { dir, dbFile, backend, item, write, evidence } = await setup();
    await write('Signerade ordinationer för alla boende.');
    const backup = path.join(dir, 'copies', 'före-ändringen.sqlite');
    const checked = await backend.backups.backupTo(backup);
    expect(checked.version).toBe(LATEST_VERSION);
    expect(evidenceIn(backup, item.id)).toBe('Signerade ordinationer för alla boende.');

    await write('Ändrad text efter säkerhetskopian.');
    const result = await backend.backups.restoreFrom(backup);

    expect(evidence()).toBe('Signerade ordinationer för alla boende.');
    expect(backend.databasePath).toBe(dbFile);
    expect(result.keptAs).toMatch(/granska\.sqlite\.\d{4}-\d{2}-\d{2}T.*\.bak$/);
    expect(evidenceIn(result.keptAs as string, item.id)).toBe('Ändrad text efter säkerhetskopian.');
    // The restored database is the app's database again: writing goes on.
    await write('Skrivet efter återställningen.');
    expect(evidence()).toBe('Skrivet efter återställningen.');
    backend.close();
  });

  it('never shows a half-written backup under its real name', async () => {
    const { dir, backend } = await setup();
    const target = path.join(dir, 'kopia.sqlite');
    const writing = backend.backups.backupTo(target);
    expect(fs.existsSync(target)).toBe(false);
    await writing;
    expect(fs.existsSync(target)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    backend.close();
  });

  it.each([
    ['a damaged copy', 'file_unreadable', 'backup_damaged'],
    ['a truncated copy', 'file_unreadable', 'backup_damaged'],
    ['a copy from a newer Granska', 'unsupported_version', 'backup'],
    ['a text file', 'file_unreadable', 'backup_not_database'],
    ["another program's SQLite file", 'file_unreadable', 'backup_not_granska'],
  ])('refuses %s and changes nothing', async (kind, code, reason) => {
    const { dir, dbFile, backend, item, write, evidence } = await setup();
    await write('Det som finns nu.');
    const good = path.join(dir, 'good.sqlite');
    await backend.backups.backupTo(good);
    const bad = path.join(dir, 'bad.sqlite');
    if (kind === 'a damaged copy') damagedCopyOf(good, bad);
    if (kind === 'a truncated copy') fs.writeFileSync(bad, fs.readFileSync(good).subarray(0, Math.floor(fs.statSync(good).size / 2)));
    if (kind === 'a copy from a newer Granska') {
      fs.copyFileSync(good, bad);
      const db = new Database(bad);
      db.pragma(`user_version = ${LATEST_VERSION + 1}`);
      db.close();
    }
    if (kind === 'a text file') fs.writeFileSync(bad, 'Revisionsplan 2027\n'.repeat(200));
    if (kind === "another program's SQLite file") {
      const db = new Database(bad);
      db.exec('CREATE TABLE recipes (name TEXT)');
      db.pragma('user_version = 3');
      db.close();
    }

    // Through the app: refused, and the open database is the same one, with the same text.
    const before = fs.readdirSync(dir).sort();
    const err = await rejection(backend.backups.restoreFrom(bad));
    expect(err).toMatchObject({ code, params: { reason } });
    if (code === 'unsupported_version') expect(err.params).toMatchObject({ found: LATEST_VERSION + 1, supported: LATEST_VERSION });
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(backend.databasePath).toBe(dbFile);
    expect(evidence()).toBe('Det som finns nu.');

    // As the `granska` command does it, on the closed file: not one byte changes.
    backend.close();
    const hash = sha(dbFile);
    expect(() => restoreDatabase(bad, dbFile)).toThrow(expect.objectContaining({ code }));
    expect(sha(dbFile)).toBe(hash);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    expect(evidenceIn(dbFile, item.id)).toBe('Det som finns nu.');
  });

  it('refuses to replace a database another program has open', async () => {
    const { dir, dbFile, backend } = await setup();
    const copy = path.join(dir, 'copy.sqlite');
    await backend.backups.backupTo(copy);
    // The backend's connection is still open: to SQLite that is "another program" (it tracks locks per file).
    expect(() => restoreDatabase(copy, dbFile)).toThrow(expect.objectContaining({ code: 'conflict', params: expect.objectContaining({ reason: 'restore_in_use' }) }));
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.bak'))).toEqual([]);
    backend.close();
  });

  it('restores over a damaged database, keeping the damaged file byte for byte', async () => {
    const { dir, dbFile, backend, item, write } = await setup();
    await write('Före skadan.');
    const copy = path.join(dir, 'copy.sqlite');
    await backend.backups.backupTo(copy);
    backend.close();
    damagedCopyOf(dbFile, dbFile);
    const damaged = sha(dbFile);
    const result = restoreDatabase(copy, dbFile);
    expect(sha(result.keptAs as string)).toBe(damaged);
    expect(evidenceIn(dbFile, item.id)).toBe('Före skadan.');
  });

  it('backs up a closed database file from outside the app (VACUUM INTO), read-only', async () => {
    const { dir, dbFile, backend, item, write } = await setup();
    await write('Text i databasen.');
    backend.close();
    const hash = sha(dbFile);
    const result = await backupDatabaseFile(dbFile, path.join(dir, 'cli.sqlite'));
    expect(result.version).toBe(LATEST_VERSION);
    expect(sha(dbFile)).toBe(hash);
    expect(evidenceIn(path.join(dir, 'cli.sqlite'), item.id)).toBe('Text i databasen.');
  });
});

describe('automatic backups', () => {
  it('takes one on the first start of each day and keeps the newest seven', async () => {
    let now = new Date('2027-03-01T07:30:00Z');
    const { dir, dbFile, backend } = await setup({ now: () => now });
    const folder = path.join(dir, 'backups');
    // A half-written backup from a crash is not counted and not mistaken for today's.
    fs.mkdirSync(folder, { recursive: true });
    const leftover = path.join(folder, `.${backupFileName(dbFile, now)}.1234.partial`);
    fs.writeFileSync(leftover, 'half');

    for (let day = 0; day < 10; day++) {
      now = new Date(Date.UTC(2027, 2, 1 + day, 7, 30));
      await backend.backups.backUpIfDue();
      now = new Date(Date.UTC(2027, 2, 1 + day, 12, 0)); // a second start the same day
      await backend.backups.backUpIfDue();
    }
    const kept = listBackups(folder, dbFile);
    expect(kept).toHaveLength(KEEP_AUTOMATIC);
    expect(kept.map((b) => b.at.slice(0, 10))).toEqual(['2027-03-10', '2027-03-09', '2027-03-08', '2027-03-07', '2027-03-06', '2027-03-05', '2027-03-04']);
    for (const b of kept) expect(b.at.slice(11)).toBe('07:30:00Z');
    // The leftover was more than an hour old when later backups ran: tidied away.
    expect(fs.existsSync(leftover)).toBe(false);
    backend.close();
  });

  it('runs after the database is opened in the app, and not again the same day', async () => {
    const dir = tempDir('granska-auto-');
    const dbFile = path.join(dir, 'granska.sqlite');
    const make = () => new Backend({ dataDir: dir, transport: 'http', version: 'test', automaticBackups: true, automaticBackupDelayMs: 0 });
    const first = make();
    first.open(dbFile);
    await first.backups.settled();
    expect(first.backups.status()).toMatchObject({ backups: [expect.objectContaining({ file: expect.stringContaining(path.join(dir, 'backups')) })], lastError: null });
    first.close();
    const second = make();
    second.open(dbFile);
    await second.backups.settled();
    expect(second.backups.status().backups).toHaveLength(1);
    second.close();
  });

  it('is not made by the granska command (no automaticBackups)', async () => {
    const { dir, backend } = await setup();
    await backend.backups.settled();
    expect(fs.existsSync(path.join(dir, 'backups'))).toBe(false);
    backend.close();
  });

  it('shows a failure instead of throwing, and clears it once a backup succeeds', async () => {
    const { dir, backend, call } = await setup();
    const blocked = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the folder should be');
    backend.preferences.update({ backupFolder: blocked });
    const failed = await call<BackupStatus>('backup.runNow');
    expect(failed.lastError).toMatchObject({ code: 'forbidden', params: { reason: 'backup_unwritable', path: blocked } });
    expect(failed.backups).toEqual([]);
    const ok = await call<BackupStatus>('backup.setFolder', { folder: null });
    expect(ok.folder).toBe(path.join(dir, 'backups'));
    const done = await call<BackupStatus>('backup.runNow');
    expect(done.lastError).toBeNull();
    expect(done.backups).toHaveLength(1);
    backend.close();
  });
});

describe('backup calls', () => {
  it('in browser mode, backup.create returns a verified copy to download', async () => {
    const { dir, backend, call, item, write } = await setup({ now: () => new Date('2027-03-10T09:00:00Z') });
    await write('Med i nedladdningen.');
    const file = await call<DeliveredFile>('backup.create');
    expect(file).toMatchObject({ fileName: 'granska-backup-2027-03-10.sqlite', mime: 'application/vnd.sqlite3', cancelled: false });
    const downloaded = path.join(dir, 'downloaded.sqlite');
    fs.writeFileSync(downloaded, Buffer.from(file.base64 as string, 'base64'));
    expect(evidenceIn(downloaded, item.id)).toBe('Med i nedladdningen.');
    backend.close();
  });

  it('takes a typed folder only in browser mode, and only a full path', async () => {
    const { dir, backend, call } = await setup();
    expect(await rejection(call('backup.setFolder', { folder: 'relativ/mapp' }))).toMatchObject({ code: 'invalid_input', params: { reason: 'backup_folder_absolute' } });
    const chosen = path.join(dir, 'egna kopior');
    expect((await call<BackupStatus>('backup.setFolder', { folder: chosen })).folder).toBe(chosen);
    expect(fs.statSync(chosen).isDirectory()).toBe(true);
    backend.close();

    const desktop = await setup({ host: { chooseDatabaseFile: async () => null, chooseFolder: async () => path.join(dir, 'vald') } });
    expect(await rejection(caller(desktop.backend)('backup.setFolder', { folder: chosen }))).toMatchObject({ code: 'forbidden', params: { reason: 'backup_folder_dialog' } });
    expect((await caller(desktop.backend)<BackupStatus>('backup.chooseFolder')).folder).toBe(path.join(dir, 'vald'));
    desktop.backend.close();
  });

  it('reports no unsafe place for a database in a local temp folder', async () => {
    const { backend, call } = await setup();
    expect((await call<BackupStatus>('backup.status')).unsafePlace).toBeNull();
    backend.close();
  });
});
