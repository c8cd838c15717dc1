import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { LATEST_VERSION, MIGRATIONS } from '../../../electron/backend/db/migrations';
import { tempDir } from '../../helpers/tmp';

describe('database migrations', () => {
  const dir = tempDir();

  it('creates a new database at the latest version with WAL, foreign keys and STRICT tables', () => {
    const file = path.join(dir, 'new.sqlite');
    const { db, backupPath } = openDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%'").all() as { name: string; sql: string }[];
    expect(tables.length).toBeGreaterThan(3);
    for (const t of tables) expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    expect(backupPath).toBeNull(); // nothing to keep a copy of
    db.close();
  });

  // One test per migration: a database at the previous version, holding data, moves forward, keeps
  // its data, and leaves a copy of the file as it was.
  MIGRATIONS.forEach((migration, index) => {
    it(`migration ${migration.name} upgrades a version ${index} database and keeps a copy of it`, () => {
      const file = path.join(dir, `m${index}.sqlite`);
      const { db: old } = openDatabase(file, { migrations: MIGRATIONS.slice(0, index) });
      if (index > 0) old.prepare("INSERT INTO settings (key, value) VALUES ('marker', 'kept')").run();
      old.close();

      const { db, backupPath, migratedFrom } = openDatabase(file, { migrations: MIGRATIONS.slice(0, index + 1) });
      expect(migratedFrom).toBe(index);
      expect(db.pragma('user_version', { simple: true })).toBe(index + 1);
      if (index > 0) {
        expect(db.prepare("SELECT value FROM settings WHERE key = 'marker'").get()).toEqual({ value: 'kept' });
        expect(backupPath).not.toBeNull();
        const copy = new Database(backupPath as string, { readonly: true });
        expect(copy.pragma('user_version', { simple: true })).toBe(index);
        copy.close();
      }
      db.close();
    });
  });

  it('refuses a database from a newer Granska and leaves the file byte for byte unchanged', () => {
    const file = path.join(dir, 'future.sqlite');
    const raw = new Database(file);
    raw.exec('CREATE TABLE x (a) ');
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'unsupported_version', params: { found: LATEST_VERSION + 5, supported: LATEST_VERSION } }));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
  });

  it('refuses a file that is not a database with file_unreadable', () => {
    const file = path.join(dir, 'notes.sqlite');
    fs.writeFileSync(file, 'this is a text file, not SQLite '.repeat(200));
    expect(() => openDatabase(file)).toThrowError(expect.objectContaining({ code: 'file_unreadable' }));
  });

  it('rolls a failing migration back completely and leaves the version where it was', () => {
    const file = path.join(dir, 'broken.sqlite');
    openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) }).db.close();
    const broken = [...MIGRATIONS.slice(0, 1), { name: 'bad', sql: 'CREATE TABLE half (a INTEGER) STRICT; INSERT INTO nowhere VALUES (1);' }];
    expect(() => openDatabase(file, { migrations: broken })).toThrow();
    const { db } = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    db.close();
  });
});
