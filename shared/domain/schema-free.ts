/**
 * What the renderer's first script needs from the domain, in a module that defines no schema: the
 * bundler places a whole module in one chunk, so taking `FINDING_TYPES` from findings.ts would put
 * zod and every schema of findings.ts (and of what it imports) in front of the overview's first
 * paint. The domain modules re-export these; keep zod out of this file.
 */

export const LANGS = ['sv', 'en'] as const;
export type Lang = (typeof LANGS)[number];

export const AUDIT_STATUSES = ['draft', 'planned', 'in_progress', 'reported', 'closed'] as const;
export type AuditStatus = (typeof AUDIT_STATUSES)[number];

export const FINDING_TYPES = ['major_nc', 'minor_nc', 'observation', 'ofi', 'strength'] as const;
export type FindingType = (typeof FINDING_TYPES)[number];

/** The calendar day of `now` where the person is: an action due today is not late until tomorrow. */
export function localDay(now: Date): string {
  const y = now.getFullYear();
  const m = String(now.getMonth() + 1).padStart(2, '0');
  const d = String(now.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}
