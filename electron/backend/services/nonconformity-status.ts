import type { ServiceContext } from './context';

function hasTable(ctx: ServiceContext, name: string): boolean {
  return ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function hasColumn(ctx: ServiceContext, table: string, column: string): boolean {
  return (ctx.db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).some((c) => c.name === column);
}

/**
 * Nonconformities (major or minor) of an audit that are not yet closed: an audit cannot be closed
 * while any remains (ISO 9001 10.2: corrective action taken and its effectiveness reviewed).
 *
 * First version: a nonconformity counts as open unless a corrective-action case for it is
 * 'closed'. The corrective-action feature owns the real rule and replaces this body.
 */
export function countOpenNonconformities(ctx: ServiceContext, auditId: string): number {
  if (!hasTable(ctx, 'findings')) return 0;
  const ncs = "f.audit_id = ? AND f.type IN ('major_nc','minor_nc')";
  if (hasTable(ctx, 'cases') && hasColumn(ctx, 'cases', 'finding_id') && hasColumn(ctx, 'cases', 'status')) {
    const row = ctx.db
      .prepare(
        `SELECT count(*) AS n FROM findings f
         WHERE ${ncs} AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.finding_id = f.id AND c.status = 'closed')`,
      )
      .get(auditId) as { n: number };
    return row.n;
  }
  const row = ctx.db.prepare(`SELECT count(*) AS n FROM findings f WHERE ${ncs}`).get(auditId) as { n: number };
  return row.n;
}
