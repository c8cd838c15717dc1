import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/backend/db/open';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import { createContext } from '../../../electron/backend/core/context';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import { tempDir } from '../../helpers/tmp';

/**
 * Migration 012 rebuilds the cases table to accept the source "management_review". A database full
 * of cases, actions and verifications must come through with every row, reference, index and
 * capture trigger as it was.
 */
describe('the management review migration on a database with a register', () => {
  const dir = tempDir();
  const index = MIGRATIONS.findIndex((m) => m.name === '012-management-review');

  it('keeps every case and its actions, indexes and triggers, and accepts cases from a management review', () => {
    const file = path.join(dir, 'register.sqlite');
    const { db: old } = openDatabase(file, { migrations: MIGRATIONS.slice(0, index) });
    loadDemoData(createContext(old, 'test'));
    const count = (db: typeof old, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
    const before = { cases: count(old, 'cases'), actions: count(old, 'case_actions'), verifications: count(old, 'case_verifications') };
    const dump = old.prepare('SELECT * FROM cases ORDER BY id').all();
    const objects = old.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'cases' AND type IN ('index','trigger') ORDER BY name").all();
    expect(() => old.prepare(`UPDATE cases SET source = 'management_review' WHERE rowid = (SELECT min(rowid) FROM cases)`).run()).toThrow(/CHECK/);
    old.close();
    expect(before.cases).toBeGreaterThan(5);

    const { db } = openDatabase(file, { migrations: MIGRATIONS.slice(0, index + 1) });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect({ cases: count(db, 'cases'), actions: count(db, 'case_actions'), verifications: count(db, 'case_verifications') }).toEqual(before);
    expect(db.prepare('SELECT * FROM cases ORDER BY id').all()).toEqual(dump);
    const after = db.prepare("SELECT type, name FROM sqlite_master WHERE tbl_name = 'cases' AND type IN ('index','trigger') ORDER BY name").all();
    expect(after).toEqual(expect.arrayContaining(objects as object[]));
    const refs = db.prepare("SELECT \"table\" FROM pragma_foreign_key_list('case_actions')").pluck().all();
    expect(refs).toContain('cases');
    db.prepare(`UPDATE cases SET source = 'management_review' WHERE rowid = (SELECT min(rowid) FROM cases)`).run();
    // an action still cannot point at a case that does not exist
    expect(() => db.prepare(`UPDATE case_actions SET case_id = 'missing' WHERE rowid = (SELECT min(rowid) FROM case_actions)`).run()).toThrow(/FOREIGN KEY/);
    const captured = db.prepare(`SELECT count(*) FROM sync_capture WHERE tbl = 'cases'`).pluck().get() as number;
    expect(captured).toBeGreaterThan(0);
    db.close();
  });
});
