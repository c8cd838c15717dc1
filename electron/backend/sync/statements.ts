import type Database from 'better-sqlite3';
import type { Db } from '../db/open';

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

/** Prepared once per database: applying a package runs the same few statements thousands of times. */
export function stmt(db: Db, sql: string): Database.Statement {
  let byDb = cache.get(db);
  if (!byDb) cache.set(db, (byDb = new Map()));
  let s = byDb.get(sql);
  if (!s) byDb.set(sql, (s = db.prepare(sql)));
  return s;
}
