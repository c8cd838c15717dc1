import type { Db } from '../db/open';
import { stmt } from './statements';
import { findingNumber } from '../../../shared/domain/audits';
import { caseNumber } from '../../../shared/domain/cases';
import { readSyncMeta } from './capture';
import { claimsInScope, resolveClaims } from './number-claims';
import { writeTrail, type ServiceContext } from '../core/context';

/**
 * Readable numbers are "highest so far + 1", so two laptops working offline would both make
 * `IR-2027-004-03`. A working copy made from a package therefore gives provisional numbers
 * (`IR-2027-004-P01-3fa2`: P, a running number, and the first four hex digits of the laptop's node
 * id) from a sequence range of its own; the database the package came from gives the final number
 * when it merges the return package, in the order the changes were made, and keeps the old number
 * in the audit trail.
 */
export const PROVISIONAL_BASE = 100_000;
const PROVISIONAL = /-P\d+-[0-9a-f]{4}$/;

export function isProvisionalNumber(number: unknown): boolean {
  return typeof number === 'string' && PROVISIONAL.test(number);
}

export function isWorkingCopy(db: Db): boolean {
  return readSyncMeta(db).sourceDatabaseId !== null;
}

/** An audit taken into this (main) database from another database's audit package. */
export function isAdoptedAudit(db: Db, auditId: string | null | undefined): boolean {
  return typeof auditId === 'string' && stmt(db, 'SELECT 1 FROM adopted_audits WHERE audit_id = ?').get(auditId) !== undefined;
}

/**
 * Records of another database's audit get provisional numbers here, as in a working copy: in a
 * working copy every record, in an auditor's own database those of the audits it adopted.
 */
export function numbersProvisionally(db: Db, auditId: string | null | undefined): boolean {
  return isWorkingCopy(db) || isAdoptedAudit(db, auditId);
}

interface NumberedKind {
  /** The column whose value scopes the sequence (an audit's findings, a year's cases). */
  scope: 'audit_id' | 'year';
  format: (db: Db, scopeValue: string | number, seq: number) => string;
}

export const NUMBERED: Record<string, NumberedKind> = {
  findings: {
    scope: 'audit_id',
    format: (db, auditId, seq) =>
      findingNumber((stmt(db, 'SELECT number FROM audits WHERE id = ?').get(auditId) as { number: string }).number, seq),
  },
  cases: { scope: 'year', format: (_db, year, seq) => caseNumber(Number(year), seq) },
};

/**
 * The next number for a new record here: final in the main database, provisional in a working copy
 * or in an audit adopted from another database (`auditId`: the audit the record belongs to; a
 * finding's is its scope).
 */
export function nextNumber(
  db: Db, table: 'findings' | 'cases', scopeValue: string | number, auditId: string | null = table === 'findings' ? String(scopeValue) : null,
): { seq: number; number: string } {
  const kind = NUMBERED[table]!;
  if (numbersProvisionally(db, auditId)) {
    const seq = maxSeq(db, table, kind.scope, scopeValue, true) + 1;
    const n = seq > PROVISIONAL_BASE ? seq - PROVISIONAL_BASE : 1;
    const node = readSyncMeta(db).nodeId.slice(0, 4);
    const base = kind.format(db, scopeValue, n);
    return { seq: PROVISIONAL_BASE + n, number: `${base.slice(0, base.lastIndexOf('-'))}-P${String(n).padStart(2, '0')}-${node}` };
  }
  const seq = nextFinalSeq(db, table, scopeValue);
  return { seq, number: kind.format(db, scopeValue, seq) };
}

/** Above every number shown and every number claimed, deleted records included (number-claims.ts). */
function nextFinalSeq(db: Db, table: 'findings' | 'cases', scopeValue: string | number): number {
  const shown = maxSeq(db, table, NUMBERED[table]!.scope, scopeValue, false);
  const claimed = claimsInScope(db, table, scopeValue, PROVISIONAL_BASE).reduce((m, c) => Math.max(m, c.seq), 0);
  return Math.max(shown, claimed) + 1;
}

/**
 * The final seq a provisional record (running number n in its working copy) claims in the main
 * database: n places after the highest claim of the records made before the package was cut.
 * Without a cut (not from a package) it goes after everything.
 */
export function provisionalClaim(
  db: Db, table: 'findings' | 'cases', scopeValue: string | number, provisionalSeq: number, cutHlc: string | undefined,
): { seq: number; number: string } {
  const n = Math.max(1, provisionalSeq - PROVISIONAL_BASE);
  const seq = cutHlc === undefined
    ? nextFinalSeq(db, table, scopeValue) + n - 1
    : claimsInScope(db, table, scopeValue, PROVISIONAL_BASE).filter((c) => c.hlc <= cutHlc).reduce((m, c) => Math.max(m, c.seq), 0) + n;
  return { seq, number: NUMBERED[table]!.format(db, scopeValue, seq) };
}

/** A record that arrived with a number it has to give up for now, until resolveNumbers decides. */
export function placeholderNumber(db: Db, table: 'findings' | 'cases', scopeValue: string | number, rowId: string): { seq: number; number: string } {
  const scope = NUMBERED[table]!.scope;
  const r = stmt(db, `SELECT coalesce(min(seq), 0) AS n FROM ${table} WHERE ${scope} = ? AND seq < 0`).get(scopeValue) as { n: number };
  return { seq: Math.min(r.n, 0) - 1, number: `~${rowId}` };
}

/**
 * Shows every record of a scope under the number its claim resolves to (number-claims.ts). Only the
 * shown number changes here: it is derived, so it is not journalled (the caller discards the
 * capture); the audit trail keeps the number a record had (or arrived with) before.
 */
export function resolveNumbers(
  ctx: ServiceContext,
  table: 'findings' | 'cases',
  scopeValue: string | number,
  arrivedAs: Map<string, string>,
): { table: string; rowId: string; from: string; to: string }[] {
  const db = ctx.db;
  const kind = NUMBERED[table]!;
  if (table === 'findings' && (stmt(db, 'SELECT locked FROM audits WHERE id = ?').get(scopeValue) as { locked: number } | undefined)?.locked === 1) return [];
  const rows = stmt(db, `SELECT id, seq, number FROM ${table} WHERE ${kind.scope} = ? AND seq < ?`).all(scopeValue, PROVISIONAL_BASE) as {
    id: string; seq: number; number: string;
  }[];
  // A case whose audit's report is issued keeps its number, whatever arrives.
  const fixed = table === 'cases'
    ? (stmt(db, 'SELECT c.id, c.seq FROM cases c JOIN findings f ON f.id = c.finding_id JOIN audits a ON a.id = f.audit_id WHERE c.year = ? AND a.locked = 1').all(Number(scopeValue)) as { id: string; seq: number }[])
    : [];
  const fixedIds = new Set(fixed.map((f) => f.id));
  const resolved = resolveClaims(claimsInScope(db, table, scopeValue, PROVISIONAL_BASE).filter((c) => !fixedIds.has(c.rowId)), fixed.map((f) => f.seq));
  const moves = rows.filter((r) => !fixedIds.has(r.id) && resolved.has(r.id) && resolved.get(r.id) !== r.seq);
  if (moves.length === 0) return [];
  // Two steps, so that records trading numbers never meet the unique constraints half-way.
  const set = stmt(db, `UPDATE ${table} SET seq = ?, number = ? WHERE id = ?`);
  moves.forEach((r, i) => set.run(-1_000_000 - i, `~~${r.id}`, r.id));
  const out: { table: string; rowId: string; from: string; to: string }[] = [];
  for (const r of moves) {
    const seq = resolved.get(r.id)!;
    const number = kind.format(db, scopeValue, seq);
    set.run(seq, number, r.id);
    const from = r.seq < 0 ? (arrivedAs.get(r.id) ?? number) : r.number;
    if (from === number) continue;
    writeTrail(ctx, {
      entity: table === 'findings' ? 'finding' : 'case', entityId: r.id, action: 'renumber', before: { number: from }, after: { number },
    });
    out.push({ table, rowId: r.id, from, to: number });
  }
  return out;
}

function maxSeq(db: Db, table: string, scope: string, value: string | number, provisional: boolean): number {
  const r = db
    .prepare(`SELECT coalesce(max(seq), ?) AS n FROM ${table} WHERE ${scope} = ? AND seq ${provisional ? '>' : '<'} ?`)
    .get(provisional ? PROVISIONAL_BASE : 0, value, PROVISIONAL_BASE) as { n: number };
  return r.n;
}
