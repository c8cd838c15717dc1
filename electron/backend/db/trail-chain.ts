import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

/** The `prev_hash` of the first row: nothing came before it. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainedFields {
  id: string;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before_json: string | null;
  after_json: string | null;
}

/**
 * A row's hash covers every field a reader relies on plus the previous row's hash, so changing,
 * removing or reordering any row breaks every hash after it. JSON of an array keeps field
 * boundaries unambiguous (no "ab"+"c" = "a"+"bc").
 */
export function trailRowHash(row: ChainedFields, prevHash: string): string {
  const fields = [row.id, row.at, row.actor, row.entity, row.entity_id, row.action, row.before_json, row.after_json, prevHash];
  return createHash('sha256').update(JSON.stringify(fields), 'utf8').digest('hex');
}

/** The last link of the chain, to append after (inside the writing transaction). */
export function chainHead(db: Database.Database): { seq: number; hash: string } {
  const head = db.prepare('SELECT seq, hash FROM audit_trail WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

export type TrailBreak = 'row_changed' | 'link_broken' | 'unchained';

export interface TrailVerification {
  intact: boolean;
  rows: number;
  /** The first row that does not hold, with why; absent when intact. */
  firstBroken?: { seq: number | null; id: string; at: string; reason: TrailBreak };
  /** The hash of the last row: written down elsewhere, it also shows rows removed from the end. */
  headHash: string;
}

/**
 * Walks the chain in order. `row_changed`: the row's own fields no longer give its hash (edited).
 * `link_broken`: the row does not follow the one before it (a row removed, inserted or reordered).
 * `unchained`: a row without a place in the chain (inserted behind the app's back).
 */
export function verifyTrailChain(db: Database.Database): TrailVerification {
  const rows = db
    .prepare('SELECT seq, id, at, actor, entity, entity_id, action, before_json, after_json, prev_hash, hash FROM audit_trail ORDER BY seq IS NULL, seq')
    .iterate() as IterableIterator<ChainedFields & { seq: number | null; prev_hash: string | null; hash: string | null }>;
  let prev = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    const broken = (reason: TrailBreak): TrailVerification => ({
      intact: false,
      rows: count,
      firstBroken: { seq: row.seq, id: row.id, at: row.at, reason },
      headHash: prev,
    });
    if (row.seq === null || row.hash === null || row.prev_hash === null) return broken('unchained');
    if (row.prev_hash !== prev) return broken('link_broken');
    if (trailRowHash(row, row.prev_hash) !== row.hash) return broken('row_changed');
    prev = row.hash;
  }
  return { intact: true, rows: count, headHash: prev };
}
