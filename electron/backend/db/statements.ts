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
