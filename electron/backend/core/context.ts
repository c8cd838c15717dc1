import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { chainHead, trailRowHash } from '../db/trail-chain';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { flushCapture } from '../sync/capture';

/** What every service method gets: the database, who is acting, and the clock (replaceable in tests). */
export interface ServiceContext {
  db: Db;
  actor: string;
  now: () => Date;
  newId: () => string;
}

export function createContext(db: Db, actor: string, now: () => Date = () => new Date()): ServiceContext {
  return { db, actor, now, newId: () => uuidv7() };
}

export const timestamp = (ctx: ServiceContext) => ctx.now().toISOString();

/**
 * Runs `fn` in one transaction and records the change in the audit trail inside it, so a change
 * and its trail row exist together or not at all. At the end of the transaction the rows the
 * journal's triggers captured are stamped with clocks and written to the change log
 * (electron/backend/sync/DESIGN.md), so a package or the team server can carry them.
 */
export function mutate<T>(ctx: ServiceContext, fn: (trail: TrailWriter) => T): T {
  return ctx.db.transaction(() => {
    const result = fn((entry) => writeTrail(ctx, entry));
    flushCapture(ctx.db, ctx.now);
    return result;
  })();
}

export interface TrailEntry {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}
export type TrailWriter = (entry: TrailEntry) => void;

export function writeTrail(ctx: ServiceContext, e: TrailEntry): void {
  const head = chainHead(ctx.db);
  const row = {
    id: ctx.newId(),
    at: timestamp(ctx),
    actor: ctx.actor,
    entity: e.entity,
    entity_id: e.entityId,
    action: e.action,
    before_json: e.before === undefined ? null : JSON.stringify(e.before),
    after_json: e.after === undefined ? null : JSON.stringify(e.after),
  };
  // Each row is chained to the one before it (tamper evidence, issue 14.4); the head is read inside
  // the writing transaction, so two writers cannot chain to the same row.
  ctx.db
    .prepare(
      `INSERT INTO audit_trail (id, at, actor, entity, entity_id, action, before_json, after_json, seq, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      row.id, row.at, row.actor, row.entity, row.entity_id, row.action, row.before_json, row.after_json,
      head.seq + 1, head.hash, trailRowHash(row, head.hash),
    );
}

/** The only way a record's revision is checked: a stale edit is a conflict, a missing record not_found. */
export function assertRevision(ctx: ServiceContext, table: string, id: string, revision: number): void {
  const row = ctx.db.prepare(`SELECT revision FROM ${table} WHERE id = ?`).get(id) as { revision: number } | undefined;
  if (!row) throw new AppError('not_found', { id });
  if (row.revision !== revision) throw new AppError('conflict', { id, expected: revision, actual: row.revision });
}

export function fieldError(path: string, message: string, params?: Record<string, string | number>): AppError {
  const issue: FieldIssue = params ? { path, message, params } : { path, message };
  return new AppError('invalid_input', { issues: [issue] });
}

/** Turns a UNIQUE violation on `column` into a field message the form can show. */
export function uniqueAs<T>(fn: () => T, field: string): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof Error && 'code' in err && (err as { code: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') {
      throw fieldError(field, 'duplicate');
    }
    throw err;
  }
}

export function likePattern(search: string): string {
  return `%${search.toLocaleLowerCase('sv').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** `(fold(a) LIKE ? OR fold(b) LIKE ?)` with one pattern per column: case-insensitive for å, ä, ö too. */
export function searchClause(columns: string[], search: string): { sql: string; params: string[] } {
  const pattern = likePattern(search);
  return {
    sql: `(${columns.map((c) => `fold(${c}) LIKE ? ESCAPE '\\'`).join(' OR ')})`,
    params: columns.map(() => pattern),
  };
}
