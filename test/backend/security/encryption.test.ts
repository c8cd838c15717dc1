import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Backend } from '../../../electron/backend/backend';
import { isEncryptedDatabaseFile, isPlainDatabaseFile, openSqlite } from '../../../electron/backend/db/cipher';
import { openDatabase } from '../../../electron/backend/db/open';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import { inspectDatabaseFile } from '../../../electron/backend/features/backup/inspect';
import { rejection, tempDir } from '../../helpers/tmp';

const PASS = 'Blåbärssoppa i Vasaloppet 2027!';
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
/** Every byte of the database and its side files, so "untouched" means untouched. */
const snapshot = (file: string) =>
  Object.fromEntries(['', '-wal', '-shm', '-journal'].map((s) => [s, fs.existsSync(file + s) ? sha(file + s) : null]));

function backendIn(dir: string): Backend {
  return new Backend({ dataDir: dir, transport: 'http', version: 'test', rememberDatabase: false });
}

describe('an encrypted database', () => {
  const dir = tempDir('granska-enc-');
  const file = path.join(dir, 'kommun.sqlite');

  it('is encrypted in place from Settings, after which the file holds no readable SQLite or text', async () => {
    const b = backendIn(dir);
    b.open(file);
    loadDemoData(b.ctx());
    expect(isPlainDatabaseFile(file)).toBe(true);
    const info = (await b.call('app.encryptDatabase', { passphrase: PASS })) as { encrypted: boolean };
    expect(info.encrypted).toBe(true);
    const units = b.database.prepare('SELECT count(*) FROM units').pluck().get();
    b.close();
    expect(isEncryptedDatabaseFile(file)).toBe(true);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(false);
    expect(bytes.includes(Buffer.from('Sjöviks kommunkoncern'))).toBe(false);
    expect(bytes.includes(Buffer.from('CREATE TABLE'))).toBe(false);
    // It opens in a plain SQLCipher 4 connection with the passphrase: the format is standard.
    const raw = openSqlite(file, { readonly: true, fileMustExist: true }, PASS);
    expect(raw.prepare('SELECT count(*) FROM units').pluck().get()).toBe(units);
    raw.close();
    // The trail says encryption was switched on, and never holds the passphrase.
    const again = backendIn(dir);
    again.open(file, PASS);
    const rows = again.database.prepare("SELECT action, after_json FROM audit_trail WHERE entity = 'database'").all() as { action: string; after_json: string }[];
    expect(rows.map((r) => r.action)).toEqual(['database_encrypted']);
    expect(JSON.stringify(rows)).not.toContain(PASS);
    again.close();
  });

  it('waits for its passphrase; a wrong one is refused with a clear message and the file stays byte for byte', async () => {
    const before = snapshot(file);
    const b = backendIn(dir);
    b.openOrWait(file);
    const waiting = (await b.call('app.info', {})) as { lockedPath: string | null; databasePath: string | null };
    expect(waiting).toMatchObject({ lockedPath: path.resolve(file), databasePath: null });
    await expect(b.call('units.list', {})).rejects.toMatchObject({ code: 'no_database' });
    const wrong = await rejection(b.call('app.unlock', { passphrase: 'blåbärssoppa i vasaloppet 2027!' }));
    expect(wrong).toMatchObject({ code: 'wrong_passphrase', params: { reason: 'database' } });
    expect(JSON.stringify(wrong)).not.toContain('Blåbär');
    expect(snapshot(file)).toEqual(before);
    expect(((await b.call('app.info', {})) as { lockedPath: string | null }).lockedPath).toBe(path.resolve(file));
    // Opened directly without one: the same refusal reason the passphrase screen starts from.
    expect(() => b.open(file)).toThrow(expect.objectContaining({ code: 'wrong_passphrase', params: expect.objectContaining({ reason: 'required' }) }));
    expect(snapshot(file)).toEqual(before);

    const info = (await b.call('app.unlock', { passphrase: PASS })) as { encrypted: boolean; lockedPath: string | null; organisationName: string };
    expect(info).toMatchObject({ encrypted: true, lockedPath: null, organisationName: 'Sjöviks kommunkoncern' });
    b.close();
  });

  it('keeps its backups encrypted, and a restore checks them with the passphrase', async () => {
    const b = backendIn(dir);
    b.open(file, PASS);
    const copy = path.join(dir, 'kopior', 'kopia.sqlite');
    const inspection = await b.backups.backupTo(copy);
    expect(inspection.version).toBe(MIGRATIONS.length);
    expect(isEncryptedDatabaseFile(copy)).toBe(true);
    expect(() => inspectDatabaseFile(copy)).toThrow(expect.objectContaining({ code: 'wrong_passphrase', params: expect.objectContaining({ reason: 'backup_required' }) }));
    expect(() => inspectDatabaseFile(copy, undefined, 'fel lösenfras')).toThrow(expect.objectContaining({ code: 'wrong_passphrase' }));
    expect(inspectDatabaseFile(copy, undefined, PASS).version).toBe(MIGRATIONS.length);

    const name = () => b.database.prepare("SELECT value FROM settings WHERE key = 'organisationName'").pluck().get();
    await b.call('app.updateSettings', { organisationName: 'Ändrat efter kopian' });
    // A backup under another passphrase is refused, and the database stays as it was, open.
    const other = path.join(dir, 'annan.sqlite');
    const o = backendIn(dir);
    o.open(other, 'en helt annan lösenfras');
    loadDemoData(o.ctx());
    const otherCopy = path.join(dir, 'kopior', 'annan-kopia.sqlite');
    await o.backups.backupTo(otherCopy);
    o.close();
    await expect(b.backups.restoreFrom(otherCopy)).rejects.toMatchObject({ code: 'wrong_passphrase' });
    expect(name()).toBe('Ändrat efter kopian');
    // Its own backup restores with the open database's passphrase; the replaced file is kept encrypted.
    const result = await b.backups.restoreFrom(copy);
    expect(name()).toBe('Sjöviks kommunkoncern');
    expect(result.keptAs && isEncryptedDatabaseFile(result.keptAs)).toBe(true);
    expect(b.encrypted).toBe(true);
    b.close();
  });

  it('migrates an encrypted database, and the copy taken before migrating is encrypted too', () => {
    const old = path.join(dir, 'gammal.sqlite');
    const first = openDatabase(old, { migrations: MIGRATIONS.slice(0, 3), passphrase: PASS });
    first.db.close();
    expect(isEncryptedDatabaseFile(old)).toBe(true);
    const upgraded = openDatabase(old, { passphrase: PASS, now: () => new Date('2027-03-01T08:00:00Z') });
    expect(upgraded.migratedFrom).toBe(3);
    expect(upgraded.db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    upgraded.db.close();
    expect(upgraded.backupPath).not.toBeNull();
    expect(isEncryptedDatabaseFile(upgraded.backupPath!)).toBe(true);
    const bak = openSqlite(upgraded.backupPath!, { readonly: true }, PASS);
    expect(bak.pragma('user_version', { simple: true })).toBe(3);
    bak.close();
  });

  it('is created encrypted when a new file is opened with a passphrase', () => {
    const fresh = path.join(dir, 'ny.sqlite');
    const b = backendIn(dir);
    b.open(fresh, PASS);
    expect(b.encrypted).toBe(true);
    b.close();
    expect(isEncryptedDatabaseFile(fresh)).toBe(true);
  });

  it('is decrypted only with its passphrase; a short new passphrase is refused before anything changes', async () => {
    const b = backendIn(dir);
    b.open(file, PASS);
    expect(await rejection(b.call('app.decryptDatabase', { current: 'inte den' }))).toMatchObject({ code: 'wrong_passphrase' });
    expect(await rejection(b.call('app.encryptDatabase', { passphrase: 'kort' }))).toMatchObject({ code: 'invalid_input' });
    // Changing the passphrase needs the current one.
    expect(await rejection(b.call('app.encryptDatabase', { passphrase: 'ny lång lösenfras' }))).toMatchObject({ code: 'wrong_passphrase' });
    expect(isEncryptedDatabaseFile(file)).toBe(true);
    const info = (await b.call('app.decryptDatabase', { current: PASS })) as { encrypted: boolean };
    expect(info.encrypted).toBe(false);
    b.close();
    expect(isPlainDatabaseFile(file)).toBe(true);
    const plain = backendIn(dir);
    plain.open(file);
    expect(plain.encrypted).toBe(false);
    plain.close();
  });
});
