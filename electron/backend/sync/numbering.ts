import type { Db } from '../db/open';
import { stmt } from './statements';
import { findingNumber } from '../../../shared/domain/audits';
import { caseNumber } from '../../../shared/domain/cases';
import { readSyncMeta } from './capture';

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

/** The next number for a new record here: final in the main database, provisional in a working copy. */
export function nextNumber(db: Db, table: 'findings' | 'cases', scopeValue: string | number): { seq: number; number: string } {
  const kind = NUMBERED[table]!;
  if (isWorkingCopy(db)) {
    const seq = maxSeq(db, table, kind.scope, scopeValue, true) + 1;
    const n = seq > PROVISIONAL_BASE ? seq - PROVISIONAL_BASE : 1;
    const node = readSyncMeta(db).nodeId.slice(0, 4);
    const base = kind.format(db, scopeValue, n);
    return { seq: PROVISIONAL_BASE + n, number: `${base.slice(0, base.lastIndexOf('-'))}-P${String(n).padStart(2, '0')}-${node}` };
  }
  const seq = maxSeq(db, table, kind.scope, scopeValue, false) + 1;
  return { seq, number: kind.format(db, scopeValue, seq) };
}

function maxSeq(db: Db, table: string, scope: string, value: string | number, provisional: boolean): number {
  const r = db
    .prepare(`SELECT coalesce(max(seq), ?) AS n FROM ${table} WHERE ${scope} = ? AND seq ${provisional ? '>' : '<'} ?`)
    .get(provisional ? PROVISIONAL_BASE : 0, value, PROVISIONAL_BASE) as { n: number };
  return r.n;
}
