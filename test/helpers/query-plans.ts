import type Database from 'better-sqlite3';

export interface Issued {
  sql: string;
  args: unknown[];
}

/** Records every statement `db` runs, with its arguments, until `stop()`: what a feature really asks. */
export function recordStatements(db: Database.Database): { issued: Issued[]; stop(): void } {
  const issued: Issued[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    for (const m of ['all', 'get', 'run'] as const) {
      const original = stmt[m].bind(stmt) as (...a: unknown[]) => unknown;
      (stmt as unknown as Record<string, unknown>)[m] = (...args: unknown[]) => {
        issued.push({ sql, args });
        return original(...args);
      };
    }
    return stmt;
  }) as typeof db.prepare;
  return { issued, stop: () => void (db.prepare = prepare) };
}

/**
 * SQLite's plan for each distinct statement recorded (but those `skip` matches, and the code's own
 * EXPLAINs), with a text that shows the statement and its plan when an assertion on it fails.
 */
export function queryPlans(db: Database.Database, issued: Issued[], skip: RegExp): { sql: string; plan: { detail: string }[]; shown: string }[] {
  const seen = new Set<string>();
  return issued.flatMap(({ sql, args }) => {
    if (seen.has(sql) || skip.test(sql) || /^\s*EXPLAIN\b/i.test(sql)) return [];
    seen.add(sql);
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(args as never[])) as { detail: string }[];
    return [{ sql, plan, shown: `${sql}\n${plan.map((p) => p.detail).join('\n')}` }];
  });
}
