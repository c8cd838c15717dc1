import { z } from 'zod';
import type { Db } from '../../db/open';
import { chainHead } from '../../db/trail-chain';
import { timestamp, writeTrail, type ServiceContext } from '../../core/context';

/**
 * The audit trail stays in the database that wrote it (sync/DESIGN.md), but what an auditor did
 * offline belongs in the coordinator's trail too. A return package therefore carries the auditor's
 * trail entries for its audits; the coordinator appends each as a new row of its own hash chain
 * that quotes the original (who, when, what, before and after), and remembers the original's id so
 * a package imported twice quotes it once. The chain is never rewritten: a quoted row is appended
 * like any other, so `trail verify` holds.
 */
export const trailQuoteSchema = z.object({
  id: z.string().min(1).max(100),
  at: z.string().min(1).max(40),
  actor: z.string().max(500),
  entity: z.string().min(1).max(100),
  entityId: z.string().max(200),
  action: z.string().min(1).max(100),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type TrailQuote = z.infer<typeof trailQuoteSchema>;

/** Bookkeeping of the packages themselves, not work on the audit: it stays where it happened. */
const NOT_QUOTED = ['package_export', 'package_import'];

/** The trail position now: entries written after it are the ones a later return package carries. */
export function trailPosition(db: Db): number {
  return chainHead(db).seq;
}

/**
 * This database's own trail entries after `since` about the audits and every record journalled
 * under them (findings, answers, photos, cases and their actions), oldest first. Entries quoted
 * here from elsewhere are not sent on.
 */
export function trailFor(db: Db, since: number, auditIds: string[]): TrailQuote[] {
  if (auditIds.length === 0) return [];
  const marks = auditIds.map(() => '?').join(',');
  const rows = db
    .prepare(
      `SELECT id, at, actor, entity, entity_id, action, before_json, after_json FROM audit_trail
       WHERE seq > ? AND action NOT IN (${NOT_QUOTED.map(() => '?').join(',')})
         AND id NOT IN (SELECT trail_id FROM imported_trail)
         AND (entity_id IN (${marks}) OR entity_id IN (SELECT row_id FROM change_log WHERE audit_id IN (${marks})))
       ORDER BY seq`,
    )
    .all(since, ...NOT_QUOTED, ...auditIds, ...auditIds) as {
    id: string; at: string; actor: string; entity: string; entity_id: string; action: string; before_json: string | null; after_json: string | null;
  }[];
  return rows.map((r) => ({
    id: r.id, at: r.at, actor: r.actor, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before_json === null ? undefined : (JSON.parse(r.before_json) as unknown),
    after: r.after_json === null ? undefined : (JSON.parse(r.after_json) as unknown),
  }));
}

/**
 * Appends the quoted entries not quoted before (inside the caller's transaction). Each new row keeps
 * the original's author, time, record, action and values; `imported_trail` says where it came from.
 * Returns how many were added.
 */
export function quoteTrail(ctx: ServiceContext, quotes: TrailQuote[], origin: { packageId: string; fromDatabaseId: string }): number {
  const seen = ctx.db.prepare('SELECT 1 FROM imported_trail WHERE origin_id = ?');
  const remember = ctx.db.prepare(
    'INSERT INTO imported_trail (origin_id, trail_id, from_database_id, package_id, imported_at) VALUES (?, ?, ?, ?, ?)',
  );
  let added = 0;
  for (const q of quotes) {
    if (seen.get(q.id)) continue;
    const id = ctx.newId();
    const at = new Date(q.at);
    const quoting: ServiceContext = { ...ctx, actor: q.actor, now: () => (Number.isNaN(at.getTime()) ? ctx.now() : at), newId: () => id };
    writeTrail(quoting, { entity: q.entity, entityId: q.entityId, action: q.action, before: q.before, after: q.after });
    remember.run(q.id, id, origin.fromDatabaseId, origin.packageId, timestamp(ctx));
    added++;
  }
  return added;
}
