import { randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { stmt } from './statements';
import type { Change, ChangeOrigin } from './change';
import { recvHlc, sendHlc } from './hlc';
import { LOCAL_COLUMNS, auditIdOf, isSynced } from './tables';

export interface SyncMeta {
  databaseId: string;
  nodeId: string;
  lastHlc: string;
  /** Set on a working copy made from a package: the database the package came from. */
  sourceDatabaseId: string | null;
  /** The manifest of the package a working copy was made from. */
  packageJson: string | null;
}

/** Gives a database its identity the first time it is opened with the journal. */
export function ensureSyncMeta(db: Db): void {
  if (stmt(db, 'SELECT 1 FROM sync_meta').get()) return;
  stmt(db, 'INSERT INTO sync_meta (singleton, database_id, node_id) VALUES (1, ?, ?)').run(uuidv7(), newNodeId());
}

export function newNodeId(): string {
  return randomBytes(8).toString('hex');
}

export function readSyncMeta(db: Db): SyncMeta {
  const r = stmt(db, 'SELECT * FROM sync_meta').get() as
    | { database_id: string; node_id: string; last_hlc: string; source_database_id: string | null; package_json: string | null }
    | undefined;
  if (!r) throw new Error('sync_meta_missing');
  return { databaseId: r.database_id, nodeId: r.node_id, lastHlc: r.last_hlc, sourceDatabaseId: r.source_database_id, packageJson: r.package_json };
}

/** A new stamp for a local change; the clock is kept in the database so it survives restarts. */
export function nextHlc(db: Db, now: () => Date): string {
  const meta = readSyncMeta(db);
  const hlc = sendHlc(meta.lastHlc, meta.nodeId, now().getTime());
  stmt(db, 'UPDATE sync_meta SET last_hlc = ?').run(hlc);
  return hlc;
}

export function receiveHlc(db: Db, remote: string, now: () => Date): void {
  const meta = readSyncMeta(db);
  stmt(db, 'UPDATE sync_meta SET last_hlc = ?').run(recvHlc(meta.lastHlc, remote, meta.nodeId, now().getTime()));
}

/** Writes a change to the log and moves the field clocks it carries. */
export function journalChange(db: Db, change: Change, origin: ChangeOrigin): number {
  const { lastInsertRowid } = db
    .prepare(
      `INSERT INTO change_log (change_id, hlc, node, tbl, row_id, op, fields_json, audit_id, origin)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(change.changeId, change.hlc, change.node, change.table, change.rowId, change.op, JSON.stringify(change.fields), change.auditId, origin);
  return Number(lastInsertRowid);
}

export function setFieldClocks(db: Db, table: string, rowId: string, fields: string[], hlc: string): void {
  const upsert = stmt(db, 
    `INSERT INTO field_clocks (tbl, row_id, field, hlc) VALUES (?, ?, ?, ?)
     ON CONFLICT (tbl, row_id, field) DO UPDATE SET hlc = excluded.hlc WHERE excluded.hlc > field_clocks.hlc`,
  );
  for (const f of fields) upsert.run(table, rowId, f, hlc);
}

interface CaptureRow {
  tbl: string;
  row_id: string;
  old_json: string | null;
  new_json: string | null;
}

/**
 * Turns what the triggers captured in this transaction into journalled changes: one change per
 * row, carrying only the fields that differ between the row before the first write and after the
 * last (a finding whose clauses were deleted and written again unchanged is no change at all).
 */
export function flushCapture(db: Db, now: () => Date): Change[] {
  const rows = stmt(db, 'SELECT tbl, row_id, old_json, new_json FROM sync_capture ORDER BY id').all() as CaptureRow[];
  if (rows.length === 0) return [];
  stmt(db, 'DELETE FROM sync_capture').run();
  const net = new Map<string, { tbl: string; rowId: string; before: string | null; after: string | null }>();
  for (const r of rows) {
    const k = `${r.tbl}\u0000${r.row_id}`;
    const seen = net.get(k);
    if (seen) seen.after = r.new_json;
    else net.set(k, { tbl: r.tbl, rowId: r.row_id, before: r.old_json, after: r.new_json });
  }
  const meta = readSyncMeta(db);
  const node = meta.nodeId;
  // The clock is advanced in memory and stored once: a bulk write may stamp thousands of rows.
  let last = meta.lastHlc;
  const wall = now().getTime();
  const made: Change[] = [];
  for (const { tbl, rowId, before, after } of net.values()) {
    if (!isSynced(tbl)) continue;
    const oldRow = before ? (JSON.parse(before) as Record<string, unknown>) : null;
    const newRow = after ? (JSON.parse(after) as Record<string, unknown>) : null;
    let change: Omit<Change, 'hlc' | 'changeId' | 'node'> | null = null;
    if (newRow) {
      const fields: Record<string, unknown> = {};
      for (const [f, v] of Object.entries(newRow)) {
        if (LOCAL_COLUMNS.has(f)) continue;
        if (!oldRow || JSON.stringify(oldRow[f]) !== JSON.stringify(v)) fields[f] = v;
      }
      if (Object.keys(fields).length > 0) change = { table: tbl, rowId, op: 'upsert', fields, auditId: auditIdOf(db, tbl, newRow) };
    } else if (oldRow) {
      change = { table: tbl, rowId, op: 'delete', fields: {}, auditId: auditIdOf(db, tbl, oldRow) ?? lastAuditIdOf(db, tbl, rowId) };
    }
    if (!change) continue;
    last = sendHlc(last, node, wall);
    const full: Change = { ...change, changeId: uuidv7(), hlc: last, node };
    journalChange(db, full, 'local');
    setFieldClocks(db, tbl, rowId, full.op === 'delete' ? [''] : Object.keys(full.fields), full.hlc);
    made.push(full);
  }
  if (last !== meta.lastHlc) stmt(db, 'UPDATE sync_meta SET last_hlc = ?').run(last);
  return made;
}

/** Forgets what the triggers captured: used where the journal writes the changes itself (applying remote ones). */
export function discardCapture(db: Db): void {
  stmt(db, 'DELETE FROM sync_capture').run();
}

/** A deleted row can no longer be looked up; the journal remembers which audit it belonged to. */
function lastAuditIdOf(db: Db, table: string, rowId: string): string | null {
  const r = db
    .prepare('SELECT audit_id FROM change_log WHERE tbl = ? AND row_id = ? AND audit_id IS NOT NULL ORDER BY seq DESC LIMIT 1')
    .get(table, rowId) as { audit_id: string } | undefined;
  return r?.audit_id ?? null;
}
