import type { ServiceContext } from '../../core/context';

/**
 * Nonconformities (major or minor) of an audit that are not yet resolved: an audit cannot be
 * closed while any remains (ISO 9001 10.2: corrective action taken and its effectiveness reviewed).
 *
 * A nonconformity is resolved only when its corrective-action case is closed, which happens only
 * through a verification that found the actions effective (shared/domain/cases.ts `isResolved`).
 * A nonconformity without a case is open: nobody has taken it on yet.
 */
export function countOpenNonconformities(ctx: ServiceContext, auditId: string): number {
  const row = ctx.db
    .prepare(
      `SELECT count(*) AS n FROM findings f
       WHERE f.audit_id = ? AND f.type IN ('major_nc','minor_nc')
         AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.finding_id = f.id AND c.status = 'closed')`,
    )
    .get(auditId) as { n: number };
  return row.n;
}
