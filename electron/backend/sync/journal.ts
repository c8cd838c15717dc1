import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../db/open';
import { stmt } from './statements';
import { AppError } from '../../../shared/errors';
import { timestamp, writeTrail, type ServiceContext } from '../core/context';
import type { Change, ChangeOrigin } from './change';
import {
  discardCapture, flushCapture, journalChange, nextHlc, readSyncMeta, receiveHlc, setFieldClocks,
} from './capture';
import { isHlc, parseHlc } from './hlc';
import { NUMBERED, isAdoptedAudit, isProvisionalNumber, isWorkingCopy, nextNumber, numbersProvisionally, placeholderNumber, provisionalClaim, resolveNumbers } from './numbering';
import { LOCAL_COLUMNS, SYNCED_TABLES, isSynced, keyValues } from './tables';

export type { Change, ChangeOrigin } from './change';

interface LogRow {
  seq: number; change_id: string; hlc: string; node: string; tbl: string; row_id: string; op: 'upsert' | 'delete';
  fields_json: string; audit_id: string | null;
}

const toChange = (r: LogRow): Change => ({
  changeId: r.change_id, hlc: r.hlc, node: r.node, table: r.tbl, rowId: r.row_id, op: r.op,
  fields: JSON.parse(r.fields_json) as Record<string, unknown>, auditId: r.audit_id,
});

/** The newest position of this database's change log (0 when nothing was recorded yet). */
export function currentPosition(db: Db): number {
  return (stmt(db, 'SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
}

/** "What changed since position X": one indexed query, oldest first. */
export function changesSince(
  db: Db,
  seq: number,
  opts: { auditIds?: string[]; limit?: number; origin?: ChangeOrigin } = {},
): { changes: Change[]; position: number } {
  const where = ['seq > ?'];
  const params: unknown[] = [seq];
  if (opts.auditIds) {
    where.push(`audit_id IN (${opts.auditIds.map(() => '?').join(',') || 'NULL'})`);
    params.push(...opts.auditIds);
  }
  if (opts.origin) {
    where.push('origin = ?');
    params.push(opts.origin);
  }
  const limit = opts.limit ?? -1;
  const rows = stmt(db, `SELECT * FROM change_log WHERE ${where.join(' AND ')} ORDER BY seq LIMIT ?`).all(...params, limit) as LogRow[];
  const full = opts.limit === undefined || rows.length < opts.limit;
  return { changes: rows.map(toChange), position: full ? Math.max(seq, currentPosition(db)) : rows[rows.length - 1]!.seq };
}

export interface ApplyResult {
  applied: number;
  skipped: number;
  conflicts: { id: string; table: string; rowId: string; field: string }[];
  /** Records given their final readable number here, with the number they arrived with. */
  renumbered: { table: string; rowId: string; from: string; to: string }[];
}

/**
 * Applies changes made elsewhere, in the order given. Idempotent: a change whose id is already in
 * the log is skipped. Each field is last-writer-wins by clock, except the fields a person decides
 * (tables.ts `decide`): when both sides changed one since `base` (the clock of the common position)
 * to different values, the local value stays and a conflict waits for a person. Without `base`
 * every field is last-writer-wins. Applied changes are journalled with their own id and clock so
 * they can travel on. Attachment bytes must be stored (storeBlob) before changes that refer to them.
 */
export function applyChanges(
  ctx: ServiceContext,
  changes: Change[],
  opts: { origin: 'package' | 'server'; base?: string },
): ApplyResult {
  const db = ctx.db;
  return db.transaction(() => {
    // Anything written outside mutate() since the last flush stays a local change of its own.
    flushCapture(db, ctx.now);
    const result: ApplyResult = { applied: 0, skipped: 0, conflicts: [], renumbered: [] };
    const known = stmt(db, 'SELECT 1 FROM change_log WHERE change_id = ?');
    const numbering: Numbering = { scopes: new Map(), arrivedAs: new Map(), resolve: !isWorkingCopy(db) };
    for (const change of changes) {
      assertChangeShape(change);
      if (known.get(change.changeId)) {
        result.skipped++;
        continue;
      }
      receiveHlc(db, change.hlc, ctx.now);
      const applied = applyOne(ctx, change, opts, result, numbering);
      discardCapture(db);
      journalChange(db, change, opts.origin);
      if (applied) result.applied++;
      else result.skipped++;
    }
    // After the whole batch is journalled, so the numbers depend on the claims, not on their order.
    for (const { table, scopeValue } of numbering.scopes.values()) {
      result.renumbered.push(...resolveNumbers(ctx, table, scopeValue, numbering.arrivedAs));
    }
    discardCapture(db);
    return result;
  })();
}

/** The scopes whose shown numbers are decided again at the end of a batch (main databases only). */
interface Numbering {
  scopes: Map<string, { table: 'findings' | 'cases'; scopeValue: string | number }>;
  arrivedAs: Map<string, string>;
  resolve: boolean;
}

function touchScope(numbering: Numbering, table: string, scopeValue: unknown): void {
  if (scopeValue === null || scopeValue === undefined) return;
  numbering.scopes.set(`${table}\u0000${String(scopeValue)}`, { table: table as 'findings' | 'cases', scopeValue: scopeValue as string | number });
}

function assertChangeShape(c: Change): void {
  const ok =
    c && typeof c.changeId === 'string' && c.changeId.length > 0 && isHlc(c.hlc) && typeof c.node === 'string' &&
    isSynced(c.table) && typeof c.rowId === 'string' && (c.op === 'upsert' || c.op === 'delete') &&
    typeof c.fields === 'object' && c.fields !== null && (c.auditId === null || typeof c.auditId === 'string');
  if (!ok) throw new AppError('invalid_input', { reason: 'invalid_change', changeId: String(c?.changeId ?? '') });
}

const columnCache = new WeakMap<Db, Map<string, Set<string>>>();
function columnsOf(db: Db, table: string): Set<string> {
  let byTable = columnCache.get(db);
  if (!byTable) columnCache.set(db, (byTable = new Map()));
  let cols = byTable.get(table);
  if (!cols) {
    cols = new Set((stmt(db, `PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
    byTable.set(table, cols);
  }
  return cols;
}

function whereKey(table: string): string {
  return SYNCED_TABLES[table]!.key.map((k) => `${k} = ?`).join(' AND ');
}

function clockOf(db: Db, table: string, rowId: string, field: string): string {
  const r = stmt(db, 'SELECT hlc FROM field_clocks WHERE tbl = ? AND row_id = ? AND field = ?').get(table, rowId, field) as
    | { hlc: string }
    | undefined;
  return r?.hlc ?? '';
}

function isLocked(db: Db, auditId: string | null): boolean {
  if (!auditId) return false;
  const r = stmt(db, 'SELECT locked FROM audits WHERE id = ?').get(auditId) as { locked: number } | undefined;
  return r?.locked === 1;
}

/** Returns whether anything changed here. Runs in a savepoint: a change that cannot apply leaves no trace but a conflict. */
function applyOne(
  ctx: ServiceContext,
  change: Change,
  opts: { origin: ChangeOrigin; base?: string },
  result: ApplyResult,
  numbering: Numbering,
): boolean {
  const db = ctx.db;
  // An issued report's audit never changes, whoever sends what.
  if (isLocked(db, change.auditId)) return false;
  const table = change.table;
  const key = keyValues(table, change.rowId);
  const row = stmt(db, `SELECT * FROM ${table} WHERE ${whereKey(table)}`).get(...key) as Record<string, unknown> | undefined;
  const deletedAt = clockOf(db, table, change.rowId, '');
  try {
    return db.transaction(() => {
      if (change.op === 'delete') {
        setFieldClocks(db, table, change.rowId, [''], change.hlc);
        if (!row) return false;
        stmt(db, `DELETE FROM ${table} WHERE ${whereKey(table)}`).run(...key);
        return true;
      }
      // A row deleted here stays deleted: an edit made elsewhere does not bring it back.
      if (deletedAt !== '') return false;
      const cols = columnsOf(db, table);
      const fields = Object.fromEntries(
        Object.entries(change.fields).filter(([f]) => cols.has(f) && !LOCAL_COLUMNS.has(f)),
      );
      const kind = NUMBERED[table];
      // An adopted audit's records keep the numbers their own database gives them, as in a working copy.
      if (kind && numbering.resolve && !isAdoptedAudit(db, change.auditId)) {
        // The number a record shows is derived from everyone's claims at the end of the batch.
        const scopeValue = fields[kind.scope] ?? row?.[kind.scope];
        if ('seq' in fields || 'number' in fields) touchScope(numbering, table, scopeValue);
        if (row) {
          delete fields.seq;
          delete fields.number;
        } else if (typeof fields.number === 'string') {
          const numbered = table as 'findings' | 'cases';
          numbering.arrivedAs.set(change.rowId, fields.number);
          // A provisional number claims its place after what the package held, so two auditors'
          // return packages give the same numbers in whichever order they are imported.
          const claim = isProvisionalNumber(fields.number)
            ? provisionalClaim(db, numbered, scopeValue as string | number, Number(fields.seq), opts.base)
            : null;
          Object.assign(fields, placeholderNumber(db, numbered, scopeValue as string | number, change.rowId));
          const inserted = insertRow(ctx, change, fields, result, false);
          if (claim) recordRenumber(ctx, change, String(change.fields.number), claim, false);
          return inserted;
        }
      }
      if (!row) return insertRow(ctx, change, fields, result);
      return updateRow(ctx, change, row, fields, opts, result);
    })();
  } catch (err) {
    if (err instanceof AppError) throw err;
    // A row that cannot be written as sent (a constraint here, a missing row it refers to) waits
    // for a person instead of stopping the whole import.
    result.conflicts.push(recordConflict(ctx, change, '', row ?? null, change.fields, opts.origin));
    return false;
  }
}

function insertRow(ctx: ServiceContext, change: Change, fields: Record<string, unknown>, result: ApplyResult, finalise = true): boolean {
  const db = ctx.db;
  const table = change.table;
  const renumber = finalise ? finalNumberFor(db, table, fields, change.auditId) : null;
  const values = renumber ? { ...fields, seq: renumber.seq, number: renumber.number } : fields;
  const names = Object.keys(values);
  stmt(db, `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(
    ...names.map((n) => values[n]),
  );
  setFieldClocks(db, table, change.rowId, Object.keys(fields), change.hlc);
  if (renumber) {
    discardCapture(db);
    recordRenumber(ctx, change, String(fields.number), renumber);
    result.renumbered.push({ table, rowId: change.rowId, from: String(fields.number), to: renumber.number });
  }
  return true;
}

/**
 * A record numbered on another laptop gets its final number in the main database: always when the
 * number is provisional, and whenever it is taken here already.
 */
function finalNumberFor(db: Db, table: string, fields: Record<string, unknown>, auditId: string | null): { seq: number; number: string } | null {
  const kind = NUMBERED[table];
  if (!kind || typeof fields.number !== 'string') return null;
  const scopeValue = fields[kind.scope] as string | number;
  const taken = stmt(db, `SELECT 1 FROM ${table} WHERE number = ? OR (${kind.scope} = ? AND seq = ?)`).get(fields.number, scopeValue, fields.seq);
  if (numbersProvisionally(db, auditId) && !taken) return null;
  if (!isProvisionalNumber(fields.number) && !taken) return null;
  return nextNumber(db, table as 'findings' | 'cases', scopeValue, auditId);
}

/** The new number is a local change of its own (so it travels back), and the trail keeps the old one. */
function recordRenumber(ctx: ServiceContext, change: Change, from: string, to: { seq: number; number: string }, trail = true): void {
  const db = ctx.db;
  const hlc = nextHlc(db, ctx.now);
  const local: Change = {
    changeId: uuidv7(), hlc, node: readSyncMeta(db).nodeId, table: change.table, rowId: change.rowId, op: 'upsert',
    fields: { seq: to.seq, number: to.number }, auditId: change.auditId,
  };
  journalChange(db, local, 'local');
  setFieldClocks(db, change.table, change.rowId, ['seq', 'number'], hlc);
  if (trail) writeTrail(ctx, {
    entity: change.table === 'findings' ? 'finding' : 'case', entityId: change.rowId, action: 'renumber',
    before: { number: from }, after: { number: to.number },
  });
}

function updateRow(
  ctx: ServiceContext,
  change: Change,
  row: Record<string, unknown>,
  fields: Record<string, unknown>,
  opts: { origin: ChangeOrigin; base?: string },
  result: ApplyResult,
): boolean {
  const db = ctx.db;
  const table = change.table;
  const decide = new Set(SYNCED_TABLES[table]!.decide);
  const wins: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    const localClock = clockOf(db, table, change.rowId, field);
    if (JSON.stringify(row[field]) === JSON.stringify(value)) {
      setFieldClocks(db, table, change.rowId, [field], change.hlc);
      continue;
    }
    const bothChanged =
      opts.base !== undefined && localClock > opts.base && change.hlc > opts.base && parseHlc(localClock)?.node !== change.node;
    if (decide.has(field) && bothChanged) {
      result.conflicts.push(recordConflict(ctx, change, field, row[field], value, opts.origin, localClock));
      continue;
    }
    if (change.hlc > localClock) wins.push(field);
  }
  if (wins.length === 0) return false;
  const bump = columnsOf(db, table).has('revision') ? ', revision = revision + 1' : '';
  stmt(db, `UPDATE ${table} SET ${wins.map((f) => `${f} = ?`).join(', ')}${bump} WHERE ${whereKey(table)}`).run(
    ...wins.map((f) => fields[f]),
    ...keyValues(table, change.rowId),
  );
  setFieldClocks(db, table, change.rowId, wins, change.hlc);
  return true;
}

function recordConflict(
  ctx: ServiceContext,
  change: Change,
  field: string,
  local: unknown,
  remote: unknown,
  origin: ChangeOrigin,
  localClock = '',
): { id: string; table: string; rowId: string; field: string } {
  const id = ctx.newId();
  ctx.db
    .prepare(
      `INSERT INTO sync_conflicts (id, tbl, row_id, field, audit_id, local_json, remote_json, local_hlc, remote_hlc, change_id, origin, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      id, change.table, change.rowId, field, change.auditId, JSON.stringify(local ?? null), JSON.stringify(remote ?? null),
      localClock, change.hlc, change.changeId, origin, timestamp(ctx),
    );
  return { id, table: change.table, rowId: change.rowId, field };
}
