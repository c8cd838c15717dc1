import type Database from 'better-sqlite3';
import { GENESIS_HASH, trailRowHash, type ChainedFields } from '../trail-chain';

/**
 * A tamper-evident audit trail: every row carries its place (`seq`), the hash of the row before it
 * and its own hash over both (see trail-chain.ts). Rows written before this migration are chained
 * in the order they were written (rowid), so a later edit to any of them shows too.
 */
export const sql = `
ALTER TABLE audit_trail ADD COLUMN seq INTEGER;
ALTER TABLE audit_trail ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_trail ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_trail_seq ON audit_trail(seq);
`;

/** Hashes are computed in JS: SQLite has no SHA-256, and each link needs the one before it. */
export function run(db: Database.Database): void {
  const rows = db
    .prepare('SELECT rowid AS r, id, at, actor, entity, entity_id, action, before_json, after_json FROM audit_trail ORDER BY rowid')
    .all() as (ChainedFields & { r: number })[];
  const update = db.prepare('UPDATE audit_trail SET seq = ?, prev_hash = ?, hash = ? WHERE rowid = ?');
  let prev = GENESIS_HASH;
  rows.forEach((row, i) => {
    const hash = trailRowHash(row, prev);
    update.run(i + 1, prev, hash, row.r);
    prev = hash;
  });
}
