import fs from 'node:fs';
import path from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { AppError } from '../../../../shared/errors';
import type { ImportSummary, PackageConflict, PackageStatus } from '../../../../shared/contract/packages';
import { openDatabase } from '../../db/open';
import { createContext, mutate, timestamp, writeTrail, type ServiceContext } from '../../core/context';
import { detectAcceptedType } from '../conduct';
import type { Change } from '../../sync/change';
import { journalChange, nextHlc, readSyncMeta, setFieldClocks } from '../../sync/capture';
import { applyChanges, changesSince, currentPosition } from '../../sync/journal';
import { CHOICE_FIELDS, SYNCED_TABLES, isSynced, keyValues } from '../../sync/tables';
import { readPackage, writePackage, type Manifest, type PackageContents } from './format';
import { isEncryptedPackage, unsealIfNeeded } from './envelope';
import { chainHead } from '../../db/trail-chain';
import { snapshotChanges } from './snapshot';
import { quoteTrail, trailFor, trailPosition } from './trail';

type Blobs = Map<string, { data: Buffer; mime: string }>;

const refused = (reason: string, params: Record<string, string | number> = {}) => new AppError('package_refused', { reason, ...params });

function safeName(text: string): string {
  return text.replace(/[^\p{L}\p{N}._-]+/gu, '_');
}

// ---- the coordinator sends -----------------------------------------------------------------------

/** Cuts a package for auditors: the audits (by id or readable number) and all they need. */
export function exportAuditPackage(ctx: ServiceContext, refs: string[]): { fileName: string; data: Buffer; manifest: Manifest } {
  const db = ctx.db;
  const audits = refs.map((ref) => {
    const a = db.prepare('SELECT id, number, title, locked FROM audits WHERE id = ? OR number = ?').get(ref, ref) as
      | { id: string; number: string; title: string; locked: number }
      | undefined;
    if (!a) throw new AppError('not_found', { number: ref });
    if (a.locked === 1) throw new AppError('locked', { id: a.id, number: a.number });
    return a;
  });
  const ids = [...new Set(audits.map((a) => a.id))];
  return mutate(ctx, (trail) => {
    // A fresh stamp marks the cut: everything here is at or before it, every later edit after it.
    const hlc = nextHlc(db, ctx.now);
    const meta = readSyncMeta(db);
    const changes = snapshotChanges(db, ids, hlc, meta.nodeId);
    const manifest = {
      kind: 'audit' as const, packageId: uuidv7(), createdAt: timestamp(ctx), createdBy: ctx.actor,
      sourceDatabaseId: meta.databaseId, fromDatabaseId: meta.databaseId,
      audits: audits.map(({ id, number, title }) => ({ id, number, title })),
      position: { seq: currentPosition(db), hlc },
      trailHead: { databaseId: meta.databaseId, ...chainHead(db) },
    };
    const data = writePackage(manifest, changes, blobsFor(ctx, changes));
    for (const a of audits) trail({ entity: 'audit', entityId: a.id, action: 'package_export', after: { packageId: manifest.packageId } });
    const fileName = `${audits.map((a) => safeName(a.number)).join('_')}.granska`;
    return { fileName, data, manifest: readPackage(data).manifest };
  });
}

function blobsFor(ctx: ServiceContext, changes: Change[]): Blobs {
  const blobs: Blobs = new Map();
  const get = ctx.db.prepare('SELECT data, mime FROM blobs WHERE sha256 = ?');
  for (const c of changes) {
    if (c.table !== 'attachments' || typeof c.fields.sha256 !== 'string' || blobs.has(c.fields.sha256)) continue;
    const b = get.get(c.fields.sha256) as { data: Buffer; mime: string } | undefined;
    if (b) blobs.set(c.fields.sha256, b);
  }
  return blobs;
}

function storeBlobs(ctx: ServiceContext, blobs: Blobs): void {
  const insert = ctx.db.prepare('INSERT OR IGNORE INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, ?, ?)');
  for (const [sha, b] of blobs) insert.run(sha, b.data, b.data.length, b.mime, timestamp(ctx));
}

// ---- the auditor works from it ---------------------------------------------------------------------

/** The working database made from a package sits next to it: `Audit.granska` → `Audit.granska.sqlite`. */
export function workingCopyPath(packageFile: string): string {
  return `${path.resolve(packageFile)}.sqlite`;
}

interface WorkingCopyInfo {
  manifest: Manifest;
  /** The log position right after the package was applied: the auditor's own work comes after it. */
  start: number;
  /** The trail position then (absent in copies made before trail entries travelled: all of it). */
  trailStart?: number;
}

/**
 * Opening a package: its working database is made once (checked, written to a temporary file,
 * then renamed, so a crash leaves no half-made copy) and reused on every later opening.
 */
export function materialisePackage(packageFile: string, now: () => Date = () => new Date(), passphrase: string | null = null): string {
  const work = workingCopyPath(packageFile);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(packageFile);
  } catch {
    throw new AppError('file_unreadable', { path: packageFile });
  }
  // An encrypted package's working database is encrypted with the same passphrase: what was
  // protected in the mail stays protected on the auditor's laptop.
  const encrypted = isEncryptedPackage(bytes);
  const pkg = readPackage(unsealIfNeeded(bytes, passphrase));
  if (pkg.manifest.kind !== 'audit') throw refused('not_audit_package');
  if (fs.existsSync(work)) {
    const { db } = openDatabase(work, { now, passphrase });
    try {
      const info = workingCopyInfo(db);
      if (info?.manifest.packageId !== pkg.manifest.packageId) throw refused('other_working_copy', { path: work });
    } finally {
      db.close();
    }
    return work;
  }
  const tmp = `${work}.${process.pid}.tmp`;
  fs.rmSync(tmp, { force: true });
  const { db } = openDatabase(tmp, { now, passphrase: encrypted ? passphrase : null });
  try {
    const ctx = createContext(db, 'package', now);
    db.transaction(() => {
      storeBlobs(ctx, pkg.blobs);
      applyChanges(ctx, pkg.changes, { origin: 'package' });
      const info: WorkingCopyInfo = { manifest: pkg.manifest, start: currentPosition(db), trailStart: trailPosition(db) };
      db.prepare('UPDATE sync_meta SET source_database_id = ?, package_json = ?').run(pkg.manifest.sourceDatabaseId, JSON.stringify(info));
    })();
  } finally {
    db.close();
  }
  fs.renameSync(tmp, work);
  return work;
}

function workingCopyInfo(db: ServiceContext['db']): WorkingCopyInfo | null {
  const meta = readSyncMeta(db);
  return meta.packageJson ? (JSON.parse(meta.packageJson) as WorkingCopyInfo) : null;
}

export function packageStatus(ctx: ServiceContext): PackageStatus {
  const info = workingCopyInfo(ctx.db);
  const adopted = ctx.db.prepare('SELECT audit_id FROM adopted_audits ORDER BY audit_id').pluck().all() as string[];
  return { workingCopy: info !== null, audits: info?.manifest.audits ?? [], adoptedAuditIds: adopted };
}

/** Where a return package starts: the package the work was done on, and the positions after it was applied. */
interface ReturnBase {
  manifest: Manifest;
  audits: Manifest['audits'];
  start: number;
  trailStart: number;
  /** Only these audits' changes travel (an auditor's own database); null: all of the working copy's work. */
  onlyAudits: string[] | null;
}

/**
 * The auditor's work since the package was opened (a working copy) or imported (their own
 * database: only the package's audits, never their other data), the photos it refers to, and
 * their trail entries for those audits.
 */
export function makeReturnPackage(
  ctx: ServiceContext,
  opts: { audits?: string[] } = {},
): { fileName: string; data: Buffer; manifest: Manifest; changes: number } {
  const base = returnBase(ctx, opts.audits ?? []);
  const meta = readSyncMeta(ctx.db);
  const auditIds = base.audits.map((a) => a.id);
  const { changes } = changesSince(ctx.db, base.start, { origin: 'local', ...(base.onlyAudits ? { auditIds: base.onlyAudits } : {}) });
  const manifest = {
    kind: 'return' as const, packageId: uuidv7(), createdAt: timestamp(ctx), createdBy: ctx.actor,
    sourceDatabaseId: base.manifest.sourceDatabaseId, fromDatabaseId: meta.databaseId,
    audits: base.audits, position: base.manifest.position,
    ...(base.manifest.trailHead ? { trailHead: base.manifest.trailHead } : {}),
  };
  const data = writePackage(manifest, changes, blobsFor(ctx, changes), trailFor(ctx.db, base.trailStart, auditIds));
  const fileName = `${base.audits.map((a) => safeName(a.number)).join('_')}-retur-${meta.nodeId.slice(0, 4)}.granska`;
  return { fileName, data, manifest: readPackage(data).manifest, changes: changes.length };
}

function returnBase(ctx: ServiceContext, refs: string[]): ReturnBase {
  const info = workingCopyInfo(ctx.db);
  if (info) return { manifest: info.manifest, audits: info.manifest.audits, start: info.start, trailStart: info.trailStart ?? 0, onlyAudits: null };
  const chosen = refs.map((ref) => {
    const a = ctx.db
      .prepare('SELECT a.id, a.number, d.package_id FROM audits a LEFT JOIN adopted_audits d ON d.audit_id = a.id WHERE a.id = ? OR a.number = ?')
      .get(ref, ref) as { id: string; number: string; package_id: string | null } | undefined;
    if (!a) throw new AppError('not_found', { number: ref });
    if (!a.package_id) throw refused('not_adopted', { number: a.number });
    return a.package_id;
  });
  const packages = new Set(chosen.length > 0 ? chosen : (ctx.db.prepare('SELECT DISTINCT package_id FROM adopted_audits').pluck().all() as string[]));
  if (packages.size === 0) throw refused('not_working_copy');
  if (packages.size > 1) throw refused(chosen.length > 0 ? 'mixed_packages' : 'choose_audits');
  const packageId = [...packages][0]!;
  const row = ctx.db.prepare('SELECT manifest_json, start_seq, trail_start FROM adopted_packages WHERE package_id = ?').get(packageId) as {
    manifest_json: string; start_seq: number; trail_start: number;
  };
  const manifest = JSON.parse(row.manifest_json) as Manifest;
  const current = new Set(ctx.db.prepare('SELECT audit_id FROM adopted_audits WHERE package_id = ?').pluck().all(packageId) as string[]);
  const audits = manifest.audits.filter((a) => current.has(a.id));
  return { manifest, audits, start: row.start_seq, trailStart: row.trail_start, onlyAudits: audits.map((a) => a.id) };
}

// ---- the coordinator merges ------------------------------------------------------------------------

/**
 * Merges a return package. Everything is checked before anything is written, and the merge is one
 * transaction: a refused or failed import leaves the database as it was. Importing the same
 * package again changes nothing.
 */
export async function importPackage(ctx: ServiceContext, bytes: Buffer, passphrase: string | null = null): Promise<ImportSummary> {
  const pkg = readPackage(unsealIfNeeded(bytes, passphrase));
  const meta = readSyncMeta(ctx.db);
  // An audit package from another database is taken into this one: the auditor conducts in their own database.
  if (pkg.manifest.kind === 'audit' && pkg.manifest.sourceDatabaseId !== meta.databaseId) return adoptAuditPackage(ctx, pkg);
  if (pkg.manifest.sourceDatabaseId !== meta.databaseId) throw refused('other_database');
  if (pkg.manifest.kind !== 'return') throw refused('not_return_package');
  checkAudits(ctx, pkg, true);
  await checkBlobs(ctx, pkg);
  const historyEdited = trailHeadMissing(ctx, pkg.manifest, meta.databaseId);

  return ctx.db.transaction((): ImportSummary => {
    const counts = countChanges(ctx, pkg);
    storeBlobs(ctx, pkg.blobs);
    const result = applyChanges(ctx, pkg.changes, { origin: 'package', base: pkg.manifest.position.hlc });
    const quoted = quoteTrail(ctx, pkg.trail, { packageId: pkg.manifest.packageId, fromDatabaseId: pkg.manifest.fromDatabaseId });
    if (result.applied > 0 || result.conflicts.length > 0 || quoted > 0) {
      for (const a of pkg.manifest.audits) {
        writeTrail(ctx, {
          entity: 'audit', entityId: a.id, action: 'package_import',
          after: {
            packageId: pkg.manifest.packageId, from: pkg.manifest.fromDatabaseId, applied: result.applied, conflicts: result.conflicts.length,
            trailEntries: quoted,
          },
        });
      }
    }
    return summaryOf(ctx, pkg, 'return', result, counts, quoted, historyEdited);
  })();
}

/**
 * The trail row this database had when the package was cut, if it is no longer there with the
 * same hash: the history was edited (or rolled back) behind the app's back since. A warning, not a
 * refusal: the auditors' work is still theirs, and the coordinator decides what to do.
 */
function trailHeadMissing(ctx: ServiceContext, manifest: Manifest, databaseId: string): { seq: number; hash: string } | null {
  const head = manifest.trailHead;
  if (!head || head.databaseId !== databaseId || head.seq === 0) return null;
  const row = ctx.db.prepare('SELECT hash FROM audit_trail WHERE seq = ?').get(head.seq) as { hash: string | null } | undefined;
  return row?.hash === head.hash ? null : { seq: head.seq, hash: head.hash };
}


type Counts = { added: Record<string, number>; changed: Record<string, number> };

/** What a package adds and changes here, by table, counted before it is applied. */
function countChanges(ctx: ServiceContext, pkg: PackageContents): Counts {
  const known = ctx.db.prepare('SELECT 1 FROM change_log WHERE change_id = ?');
  const counts: Counts = { added: {}, changed: {} };
  const seen = new Set<string>();
  for (const c of pkg.changes) {
    if (known.get(c.changeId)) continue;
    const exists =
      seen.has(`${c.table}|${c.rowId}`) ||
      ctx.db.prepare(`SELECT 1 FROM ${c.table} WHERE ${SYNCED_TABLES[c.table]!.key.map((k) => `${k} = ?`).join(' AND ')}`).get(...keyValues(c.table, c.rowId));
    seen.add(`${c.table}|${c.rowId}`);
    const bucket = c.op === 'upsert' && !exists ? counts.added : counts.changed;
    bucket[c.table] = (bucket[c.table] ?? 0) + 1;
  }
  return counts;
}

function summaryOf(
  ctx: ServiceContext, pkg: PackageContents, kind: ImportSummary['kind'], result: ReturnType<typeof applyChanges>, counts: Counts, quoted: number,
  historyEdited: ImportSummary['historyEdited'] = null,
): ImportSummary {
  return {
    packageId: pkg.manifest.packageId,
    kind,
    audits: pkg.manifest.audits.map((a) => a.number),
    applied: result.applied,
    skipped: result.skipped,
    added: result.applied === 0 ? {} : counts.added,
    changed: result.applied === 0 ? {} : counts.changed,
    renumbered: result.renumbered.map((r) => ({ from: r.from, to: r.to })),
    trailEntries: quoted,
    newConflicts: result.conflicts.length,
    openConflicts: listConflicts(ctx, { auditIds: pkg.manifest.audits.map((a) => a.id) }),
    historyEdited,
  };
}

// ---- an auditor takes a package into their own database -------------------------------------------

/** Records whose readable name is unique here: another record of the same name refuses the package. */
const NAMED: Record<string, { column: string; reason: string; nocase: boolean }> = {
  units: { column: 'name', reason: 'unit_name_taken', nocase: true },
  processes: { column: 'name', reason: 'process_name_taken', nocase: true },
  people: { column: 'email', reason: 'person_email_taken', nocase: false },
  audits: { column: 'number', reason: 'audit_number_taken', nocase: false },
};

/**
 * Imports an audit package into the auditor's own database: the audits, their plan, checklist,
 * findings, photos and cases, and the units, processes and people they refer to, matched by id (the
 * same unit is one row, however often it arrives). The auditor then conducts in their own database
 * and cuts the return package from it (makeReturnPackage with the audits). Importing the same
 * package again changes nothing; a newer package of the same audits is applied over the older one,
 * with `base` at the older cut so a field both sides changed waits for a person.
 */
async function adoptAuditPackage(ctx: ServiceContext, pkg: PackageContents): Promise<ImportSummary> {
  const meta = readSyncMeta(ctx.db);
  if (meta.sourceDatabaseId !== null) throw refused('working_copy');
  checkAudits(ctx, pkg, false);
  checkNames(ctx, pkg);
  await checkBlobs(ctx, pkg);
  const ids = pkg.manifest.audits.map((a) => a.id);
  const marks = ids.map(() => '?').join(',');

  return ctx.db.transaction((): ImportSummary => {
    const counts = countChanges(ctx, pkg);
    const again = ctx.db.prepare('SELECT 1 FROM adopted_packages WHERE package_id = ?').get(pkg.manifest.packageId) !== undefined;
    // The newest earlier package of these audits from the same database: its cut is the common position.
    const earlier = ctx.db
      .prepare(
        `SELECT p.manifest_json, p.start_seq, p.trail_start FROM adopted_packages p JOIN adopted_audits d ON d.package_id = p.package_id
         WHERE d.audit_id IN (${marks}) AND p.package_id <> ? ORDER BY p.imported_at DESC LIMIT 1`,
      )
      .get(...ids, pkg.manifest.packageId) as { manifest_json: string; start_seq: number; trail_start: number } | undefined;
    if (!again) {
      ctx.db
        .prepare('INSERT INTO adopted_packages (package_id, source_database_id, manifest_json, start_seq, trail_start, imported_at, imported_by) VALUES (?, ?, ?, 0, 0, ?, ?)')
        .run(pkg.manifest.packageId, pkg.manifest.sourceDatabaseId, JSON.stringify(pkg.manifest), timestamp(ctx), ctx.actor);
      // Before the changes: the audits' records are numbered as in a working copy from here on.
      const adopt = ctx.db.prepare(
        `INSERT INTO adopted_audits (audit_id, package_id, source_database_id) VALUES (?, ?, ?)
         ON CONFLICT (audit_id) DO UPDATE SET package_id = excluded.package_id, source_database_id = excluded.source_database_id`,
      );
      for (const id of ids) adopt.run(id, pkg.manifest.packageId, pkg.manifest.sourceDatabaseId);
    }
    storeBlobs(ctx, pkg.blobs);
    const base = earlier ? (JSON.parse(earlier.manifest_json) as Manifest).position.hlc : undefined;
    const result = applyChanges(ctx, pkg.changes, { origin: 'package', ...(base ? { base } : {}) });
    if (!again) {
      for (const a of pkg.manifest.audits) {
        writeTrail(ctx, {
          entity: 'audit', entityId: a.id, action: 'package_import',
          after: { packageId: pkg.manifest.packageId, from: pkg.manifest.sourceDatabaseId, applied: result.applied, conflicts: result.conflicts.length },
        });
      }
      // The auditor's work counts from the first package of these audits: work not yet returned
      // stays in the next return package (what the coordinator holds already is skipped there).
      ctx.db
        .prepare('UPDATE adopted_packages SET start_seq = ?, trail_start = ? WHERE package_id = ?')
        .run(earlier?.start_seq ?? currentPosition(ctx.db), earlier?.trail_start ?? trailPosition(ctx.db), pkg.manifest.packageId);
    }
    return summaryOf(ctx, pkg, 'audit', result, counts, 0);
  })();
}

/**
 * Matching is by id: a different unit, process or person here with the same name (or e-mail), or an
 * audit of one's own under the same number, would make two records one in people's eyes. Refused
 * before anything is written, naming the record.
 */
function checkNames(ctx: ServiceContext, pkg: PackageContents): void {
  for (const c of pkg.changes) {
    const named = NAMED[c.table];
    const value = named && c.op === 'upsert' ? c.fields[named.column] : undefined;
    if (typeof value !== 'string') continue;
    const other = ctx.db
      .prepare(`SELECT 1 FROM ${c.table} WHERE ${named!.column} = ?${named!.nocase ? ' COLLATE NOCASE' : ''} AND id <> ?`)
      .get(value, c.rowId);
    if (other) throw refused(named!.reason, { name: value });
  }
}

/** `mustExist`: a return package's audits are here already; an audit package's may be new. */
function checkAudits(ctx: ServiceContext, pkg: PackageContents, mustExist: boolean): void {
  const ids = new Set(pkg.manifest.audits.map((a) => a.id));
  for (const a of pkg.manifest.audits) {
    const row = ctx.db.prepare('SELECT locked, number FROM audits WHERE id = ?').get(a.id) as { locked: number; number: string } | undefined;
    if (!row && mustExist) throw refused('unknown_audit', { number: a.number });
    if (row?.locked === 1) throw refused('locked', { number: row.number });
  }
  for (const c of pkg.changes) {
    const ok =
      c && typeof c === 'object' && isSynced(c.table) && (c.auditId === null || ids.has(c.auditId)) &&
      typeof c.fields === 'object' && c.fields !== null;
    if (!ok) throw refused('damaged');
  }
}

/** Photos are checked like any attachment added here, and every attachment's bytes must be present. */
async function checkBlobs(ctx: ServiceContext, pkg: PackageContents): Promise<void> {
  for (const [sha, blob] of pkg.blobs) {
    try {
      blob.mime = (await detectAcceptedType(blob.data, sha)).mime;
    } catch {
      throw refused('damaged');
    }
  }
  const local = ctx.db.prepare('SELECT 1 FROM blobs WHERE sha256 = ?');
  for (const c of pkg.changes) {
    if (c.table !== 'attachments' || c.op !== 'upsert' || c.fields.sha256 === undefined) continue;
    const sha = String(c.fields.sha256);
    if (!pkg.blobs.has(sha) && !local.get(sha)) throw refused('damaged');
  }
}

// ---- conflicts -----------------------------------------------------------------------------------

interface ConflictRow {
  id: string; tbl: string; row_id: string; field: string; audit_id: string | null; local_json: string | null; remote_json: string | null;
  created_at: string; origin: string;
}

export function listConflicts(ctx: ServiceContext, q: { auditIds?: string[] } = {}): PackageConflict[] {
  const rows = (
    q.auditIds
      ? ctx.db
          .prepare(`SELECT * FROM sync_conflicts WHERE resolved_at IS NULL AND audit_id IN (${q.auditIds.map(() => '?').join(',') || 'NULL'}) ORDER BY created_at, id`)
          .all(...q.auditIds)
      : ctx.db.prepare('SELECT * FROM sync_conflicts WHERE resolved_at IS NULL ORDER BY created_at, id').all()
  ) as ConflictRow[];
  return rows.map((r) => ({
    id: r.id, table: r.tbl, rowId: r.row_id, field: r.field, auditId: r.audit_id,
    kind: CHOICE_FIELDS.has(`${r.tbl}.${r.field}`) ? ('choice' as const) : ('text' as const),
    auditNumber: r.audit_id ? ((ctx.db.prepare('SELECT number FROM audits WHERE id = ?').get(r.audit_id) as { number: string } | undefined)?.number ?? null) : null,
    record: recordLabel(ctx, r.tbl, r.row_id),
    local: r.local_json === null ? null : (JSON.parse(r.local_json) as unknown),
    remote: r.remote_json === null ? null : (JSON.parse(r.remote_json) as unknown),
    createdAt: r.created_at,
  }));
}

function recordLabel(ctx: ServiceContext, table: string, rowId: string): string {
  const q = (sql: string) => (ctx.db.prepare(sql).get(rowId) as { l: string } | undefined)?.l;
  switch (table) {
    case 'findings':
      return q('SELECT number AS l FROM findings WHERE id = ?') ?? rowId;
    case 'checklist_items':
      return q("SELECT coalesce(clause_number || ' ', '') || text AS l FROM checklist_items WHERE id = ?") ?? rowId;
    case 'audits':
      return q('SELECT number AS l FROM audits WHERE id = ?') ?? rowId;
    case 'cases':
      return q('SELECT number AS l FROM cases WHERE id = ?') ?? rowId;
    default:
      return rowId;
  }
}

const ENTITY: Record<string, string> = { findings: 'finding', checklist_items: 'checklist_item', audits: 'audit', cases: 'case' };

/**
 * A person's decision: keep this database's value, take the other one, or (for text) keep both.
 * The decision is a new change with a new clock, so it wins wherever the two values travel, and
 * the audit trail records both values and the choice.
 */
export function resolveConflict(ctx: ServiceContext, input: { id: string; choice: 'local' | 'remote' | 'both'; text?: string | undefined }): PackageConflict[] {
  return mutate(ctx, (trail) => {
    const row = ctx.db.prepare('SELECT * FROM sync_conflicts WHERE id = ?').get(input.id) as ConflictRow | undefined;
    if (!row) throw new AppError('not_found', { id: input.id });
    if ((ctx.db.prepare('SELECT resolved_at AS r FROM sync_conflicts WHERE id = ?').get(input.id) as { r: string | null }).r) {
      throw new AppError('conflict', { reason: 'already_resolved' });
    }
    if (row.field === '') throw new AppError('conflict', { reason: 'row_conflict' });
    if (row.audit_id) {
      const a = ctx.db.prepare('SELECT locked, number FROM audits WHERE id = ?').get(row.audit_id) as { locked: number; number: string } | undefined;
      if (a?.locked === 1) throw new AppError('locked', { id: row.audit_id, number: a.number });
    }
    const key = keyValues(row.tbl, row.row_id);
    const where = SYNCED_TABLES[row.tbl]!.key.map((k) => `${k} = ?`).join(' AND ');
    const current = ctx.db.prepare(`SELECT ${row.field} AS v FROM ${row.tbl} WHERE ${where}`).get(...key) as { v: unknown } | undefined;
    if (!current) throw new AppError('not_found', { id: row.row_id });
    const remote = row.remote_json === null ? null : (JSON.parse(row.remote_json) as unknown);
    let value: unknown;
    if (input.choice === 'local') value = current.v;
    else if (input.choice === 'remote') value = remote;
    else {
      if (typeof current.v !== 'string' || typeof remote !== 'string' || CHOICE_FIELDS.has(`${row.tbl}.${row.field}`)) throw new AppError('invalid_input', { issues: [{ path: 'choice', message: 'invalid' }] });
      value = input.text ?? `${current.v}\n\n${remote}`;
    }
    const cols = (ctx.db.prepare(`PRAGMA table_info(${row.tbl})`).all() as { name: string }[]).map((c) => c.name);
    const extra = `${cols.includes('updated_at') ? ', updated_at = ?' : ''}${cols.includes('revision') ? ', revision = revision + 1' : ''}`;
    ctx.db
      .prepare(`UPDATE ${row.tbl} SET ${row.field} = ?${extra} WHERE ${where}`)
      .run(value, ...(cols.includes('updated_at') ? [timestamp(ctx)] : []), ...key);
    if (JSON.stringify(value) === JSON.stringify(current.v)) {
      // Keeping this side's value changes no row, but the decision must still outrank the other side's clock.
      const hlc = nextHlc(ctx.db, ctx.now);
      journalChange(
        ctx.db,
        { changeId: ctx.newId(), hlc, node: readSyncMeta(ctx.db).nodeId, table: row.tbl, rowId: row.row_id, op: 'upsert', fields: { [row.field]: value }, auditId: row.audit_id },
        'local',
      );
      setFieldClocks(ctx.db, row.tbl, row.row_id, [row.field], hlc);
    }
    ctx.db
      .prepare('UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ?, resolution_json = ? WHERE id = ?')
      .run(timestamp(ctx), ctx.actor, JSON.stringify({ choice: input.choice, value }), row.id);
    trail({
      entity: ENTITY[row.tbl] ?? row.tbl, entityId: row.row_id, action: 'conflict_resolved',
      before: { field: row.field, local: current.v, remote }, after: { field: row.field, value, choice: input.choice },
    });
    return listConflicts(ctx, row.audit_id ? { auditIds: [row.audit_id] } : {});
  });
}
