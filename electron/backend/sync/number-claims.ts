import type { Db } from '../db/open';
import { stmt } from './statements';

/**
 * Readable numbers on databases that synchronise with each other (laptops through the team server)
 * are decided from the journal, not from the order changes arrive: every record *claims* the `seq`
 * of its latest journalled change that carries one (the number it was created with, or a final
 * number the main database gave a provisional one). Whoever holds the same changes computes the
 * same numbers, so any order of syncs converges:
 * - the claims are sorted by (claimed seq, clock of the record's creation, id); the first claimant of a seq
 *   keeps it;
 * - every other claimant of the same seq takes, in that order, the smallest seq above its claim
 *   that nobody claims and nobody was given yet.
 * Deleted records keep their claim (their change stays in the journal), so a deletion never moves
 * another record's number; a new local record claims above every claim and every shown number, so
 * making one never moves another either (see nextFinalSeq).
 */
export interface Claim {
  rowId: string;
  seq: number;
  hlc: string;
}

export function resolveClaims(claims: Claim[], fixed: Iterable<number>): Map<string, number> {
  const sorted = [...claims].sort((a, b) => a.seq - b.seq || cmp(a.hlc, b.hlc) || cmp(a.rowId, b.rowId));
  const claimed = new Set(sorted.map((c) => c.seq));
  const given = new Set(fixed);
  const out = new Map<string, number>();
  const losers: Claim[] = [];
  for (const c of sorted) {
    if (given.has(c.seq)) losers.push(c);
    else {
      given.add(c.seq);
      out.set(c.rowId, c.seq);
    }
  }
  for (const c of losers) {
    let n = c.seq + 1;
    while (claimed.has(n) || given.has(n)) n++;
    given.add(n);
    out.set(c.rowId, n);
  }
  return out;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Row ids of every record ever journalled in the scope, deleted ones included, plus the live ones. */
export function claimsInScope(db: Db, table: 'findings' | 'cases', scopeValue: string | number, below: number): Claim[] {
  const ids =
    table === 'findings'
      ? (stmt(db, "SELECT DISTINCT row_id AS id FROM change_log WHERE tbl = 'findings' AND audit_id = ? UNION SELECT id FROM findings WHERE audit_id = ?").all(scopeValue, scopeValue) as { id: string }[])
      : (stmt(db, "SELECT DISTINCT row_id AS id FROM change_log WHERE tbl = 'cases' AND json_extract(fields_json, '$.year') = ? UNION SELECT id FROM cases WHERE year = ?").all(Number(scopeValue), Number(scopeValue)) as { id: string }[]);
  const latest = stmt(
    db,
    "SELECT json_extract(fields_json, '$.seq') AS seq FROM change_log WHERE tbl = ? AND row_id = ? AND json_extract(fields_json, '$.seq') IS NOT NULL ORDER BY hlc DESC LIMIT 1",
  );
  const created = stmt(db, 'SELECT min(hlc) AS hlc FROM change_log WHERE tbl = ? AND row_id = ?');
  const live = stmt(db, `SELECT seq FROM ${table} WHERE id = ?`);
  const claims: Claim[] = [];
  for (const { id } of ids) {
    const j = latest.get(table, id) as { seq: number } | undefined;
    // Ties go to the record made first: the clock of its creation, the same in every database.
    // A record from before the journal claims the number it shows, ahead of any later claim.
    const claim = j
      ? { seq: Number(j.seq), hlc: (created.get(table, id) as { hlc: string }).hlc }
      : { seq: (live.get(id) as { seq: number } | undefined)?.seq ?? 0, hlc: '' };
    if (claim.seq > 0 && claim.seq < below) claims.push({ rowId: id, ...claim });
  }
  return claims;
}
