import type { AuditTrailEntry, TrailIntegrity } from '../../../../shared/contract/app';
import { verifyTrailChain } from '../../db/trail-chain';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { ServiceContext } from '../../core/context';

interface TrailRow {
  id: string; at: string; actor: string; entity: string; entity_id: string; action: string;
  before_json: string | null; after_json: string | null;
}

export function listTrail(ctx: ServiceContext, q: ParsedInputOf<'trail.list'>): AuditTrailEntry[] {
  const rows = (
    q.entityId
      ? ctx.db.prepare('SELECT * FROM audit_trail WHERE entity_id = ? ORDER BY at DESC, id DESC LIMIT ?').all(q.entityId, q.limit)
      : ctx.db.prepare('SELECT * FROM audit_trail ORDER BY at DESC, id DESC LIMIT ?').all(q.limit)
  ) as TrailRow[];
  return rows.map((r) => ({
    id: r.id, at: r.at, actor: r.actor, entity: r.entity, entityId: r.entity_id, action: r.action,
    before: r.before_json ? (JSON.parse(r.before_json) as unknown) : null,
    after: r.after_json ? (JSON.parse(r.after_json) as unknown) : null,
  }));
}

/** Every row of the trail still as written, in order, none removed between two others (issue 14.4). */
export function verifyTrail(ctx: ServiceContext): TrailIntegrity {
  return verifyTrailChain(ctx.db);
}
