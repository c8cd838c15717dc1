import type Database from 'better-sqlite3';
import type { Statement } from 'better-sqlite3';

const statements = new WeakMap<Database.Database, Map<string, Statement>>();

/**
 * A statement prepared once per connection and kept: preparing a register's page query costs about
 * as much as running it, and a scrolling register runs the same few shapes over and over. A map
 * grown past 200 shapes (filters combine) starts again rather than growing without end.
 */
export function prepared(db: Database.Database, sql: string): Statement {
  let map = statements.get(db);
  if (!map) statements.set(db, (map = new Map()));
  let stmt = map.get(sql);
  if (!stmt) {
    if (map.size > 200) map.clear();
    stmt = db.prepare(sql);
    map.set(sql, stmt);
  }
  return stmt;
}

/**
 * What a cached answer was computed against: anything written through this connection moves
 * `total_changes()`, a commit by another connection moves `data_version`. Null inside a
 * transaction, where an answer may describe writes that are then rolled back (total_changes does
 * not go back), so nothing computed there may be kept.
 */
export function changeStamp(db: Database.Database): string | null {
  if (db.inTransaction) return null;
  const local = prepared(db, 'SELECT total_changes()').pluck().get() as number;
  const other = prepared(db, 'PRAGMA data_version').pluck().get() as number;
  return `${local}:${other}`;
}
