import type { AuditTrailEntry, TrailIntegrity } from '../../../../shared/contract/app';
import { verifyTrailChain } from '../../db/trail-chain';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { ServiceContext } from '../../core/context';

interface TrailRow {
  id: string; at: string; actor: string; entity: string; entity_id: string; action: string;
  before_json: string | null; after_json: string | null;
  from_database_id: string | null; package_id: string | null; imported_at: string | null;
}

/** Entries quoted from another database carry where they came from (imported_trail, features/packages/trail.ts). */
const SELECT = `SELECT t.*, i.from_database_id, i.package_id, i.imported_at FROM audit_trail t LEFT JOIN imported_trail i ON i.trail_id = t.id`;

export function listTrail(ctx: ServiceContext, q: ParsedInputOf<'trail.list'>): AuditTrailEntry[] {
  const rows = (
    q.entityId
      ? ctx.db.prepare(`${SELECT} WHERE t.entity_id = ? ORDER BY t.at DESC, t.id DESC LIMIT ?`).all(q.entityId, q.limit)
      : ctx.db.prepare(`${SELECT} ORDER BY t.at DESC, t.id DESC LIMIT ?`).all(q.limit)
  ) as TrailRow[];
  return rows.map((r) => ({
    id: r.id, at: r.at, actor: r.actor, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
    ...(r.from_database_id && r.package_id && r.imported_at
      ? { importedFrom: { databaseId: r.from_database_id, packageId: r.package_id, importedAt: r.imported_at } }
      : {}),
  }));
}

/** Every row of the trail still as written, in order, none removed between two others (issue 14.4). */
export function verifyTrail(ctx: ServiceContext): TrailIntegrity {
  return verifyTrailChain(ctx.db);
}
