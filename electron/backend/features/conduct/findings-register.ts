import type { ParsedInputOf } from '../../../../shared/contract';
import { findingStatus, type FindingRegisterPage, type FindingSummary } from '../../../../shared/domain/findings';
import type { ServiceContext } from '../../core/context';
import { splitClauses, statusSql, type FindingRow } from './findings';

/** How much of a statement a register row carries; the full text is one `findings.get` away. */
const STATEMENT_PREVIEW = 280;

/**
 * What a person types, as an FTS5 query: every word must occur, each as a prefix ("läkemedel"
 * finds "läkemedelslistan"). Words are quoted, so FTS operators typed by accident do nothing.
 */
export function ftsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}

function whereClause(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.search) {
    // The finding number is an indexed column of findings_fts, so "IR-2027-003-05" is found by
    // its parts; a substring test over every number would read the whole table.
    const match = ftsQuery(q.search);
    if (match) {
      where.push('f.rowid IN (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ?)');
      params.push(match);
    } else {
      where.push('0');
    }
  }
  if (q.types.length) {
    where.push(`f.type IN (${q.types.map(() => '?').join(',')})`);
    params.push(...q.types);
  }
  if (q.clause) {
    where.push(
      `f.id IN (SELECT fc.finding_id FROM finding_clauses fc WHERE fc.clause_number = ? OR (fc.clause_number > ? AND fc.clause_number < ?))`,
    );
    // "8.5" and everything below it ("8.5.1", "8.5.1.2"): a range on the clause index, not a LIKE.
    params.push(q.clause, `${q.clause}.`, `${q.clause}/`);
  }
  if (q.unitId) {
    where.push(`f.unit_id IN (WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id)
      SELECT id FROM below)`);
    params.push(q.unitId);
  }
  if (q.processId) {
    where.push('f.process_id = ?');
    params.push(q.processId);
  }
  if (q.status) {
    // Only nonconformities are open or closed; saying so lets SQLite start from the type index.
    if (q.status !== 'n/a' && !q.types.length) where.push(`f.type IN ('major_nc','minor_nc')`);
    where.push(`${statusSql(ctx)} = ?`);
    params.push(q.status);
  }
  if (q.year !== null) {
    where.push('a.year = ?');
    params.push(q.year);
  }
  if (q.auditId) {
    where.push('f.audit_id = ?');
    params.push(q.auditId);
  }
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/** Per audit, in register order, how many findings match a filter: the total, and where each audit's rows begin. */
interface JumpTable {
  total: number;
  auditIds: string[];
  /** starts[k] is the register index of audit k's first matching finding. */
  starts: number[];
  counts: number[];
}

const FROM = 'FROM findings f JOIN audits a ON a.id = f.audit_id';
const MAX_CACHED_FILTERS = 32;
const jumpTables = new WeakMap<object, { stamp: string; tables: Map<string, JumpTable> }>();

/**
 * Anything written through this connection (total_changes) or by another one (data_version)
 * makes every cached table stale; reading both costs microseconds.
 */
function changeStamp(ctx: ServiceContext): string {
  const local = ctx.db.prepare('SELECT total_changes()').pluck().get() as number;
  const other = ctx.db.pragma('data_version', { simple: true }) as number;
  return `${local}:${other}`;
}

/**
 * One pass over the matching findings' index entries, grouped by audit; kept until the data
 * changes, so scrolling and jumping never count again. The count is exact.
 */
function jumpTable(ctx: ServiceContext, where: { sql: string; params: (string | number)[] }, key: string): JumpTable {
  const stamp = changeStamp(ctx);
  let cache = jumpTables.get(ctx.db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, tables: new Map() };
    jumpTables.set(ctx.db, cache);
  }
  const hit = cache.tables.get(key);
  if (hit) return hit;
  const groups = ctx.db
    .prepare(`SELECT f.audit_id AS id, a.year, a.number, count(*) AS n ${FROM} ${where.sql} GROUP BY f.audit_id`)
    .all(...where.params) as { id: string; year: number; number: string; n: number }[];
  groups.sort((x, y) => y.year - x.year || (x.number < y.number ? 1 : x.number > y.number ? -1 : 0));
  const table: JumpTable = { total: 0, auditIds: [], starts: [], counts: [] };
  for (const g of groups) {
    table.auditIds.push(g.id);
    table.starts.push(table.total);
    table.counts.push(g.n);
    table.total += g.n;
  }
  if (cache.tables.size >= MAX_CACHED_FILTERS) cache.tables.delete(cache.tables.keys().next().value as string);
  cache.tables.set(key, table);
  return table;
}

/** The audit holding register index `index`: binary search over where each audit begins. */
function auditAt(table: JumpTable, index: number): number {
  let lo = 0;
  let hi = table.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((table.starts[mid] as number) <= index) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The rowids of register rows [offset, offset + limit): the jump table names the few audits that
 * hold them, and each audit's findings are read through the (audit_id, seq) index. No OFFSET over
 * the whole register, so page 5 000 costs what page 1 costs.
 */
function pageRowids(ctx: ServiceContext, where: { sql: string; params: (string | number)[] }, table: JumpTable, offset: number, limit: number): number[] {
  if (offset >= table.total) return [];
  const first = auditAt(table, offset);
  const audits: string[] = [];
  for (let k = first; k < table.auditIds.length && (table.starts[k] as number) < offset + limit; k++) audits.push(table.auditIds[k] as string);
  const position = new Map(audits.map((id, k) => [id, k]));
  const clauses = [where.sql ? where.sql.slice('WHERE '.length) : '1', `f.audit_id IN (${audits.map(() => '?').join(',')})`];
  const rows = ctx.db
    .prepare(`SELECT f.rowid AS r, f.audit_id AS a, f.seq AS s ${FROM} WHERE ${clauses.join(' AND ')}`)
    .all(...where.params, ...audits) as { r: number; a: string; s: number }[];
  rows.sort((x, y) => (position.get(x.a) as number) - (position.get(y.a) as number) || x.s - y.s);
  const skip = offset - (table.starts[first] as number);
  return rows.slice(skip, skip + limit).map((x) => x.r);
}

/**
 * The findings register across every audit: filtered and searched in SQLite, then one page of
 * rows with the total, so the list scrolls through a million findings without holding them all.
 */
export function findingRegister(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): FindingRegisterPage {
  const w = whereClause(ctx, q);
  const table = jumpTable(ctx, w, JSON.stringify({ ...q, offset: 0, limit: 0 }));
  const pageIds = pageRowids(ctx, w, table, q.offset, q.limit);
  const order = new Map(pageIds.map((id, k) => [id, k]));
  const rows = pageIds.length
    ? (ctx.db
        .prepare(
          `SELECT f.rowid AS rid, f.id, f.number, f.audit_id, a.number AS audit_number, a.year AS year, f.type, f.requirement_source,
             substr(f.statement, 1, ${STATEMENT_PREVIEW}) AS statement, f.unit_id, f.process_id, f.created_at,
             (SELECT group_concat(fc.clause_number, ' ') FROM finding_clauses fc WHERE fc.finding_id = f.id) AS clauses,
             ${statusSql(ctx)} AS status
           ${FROM} WHERE f.rowid IN (${pageIds.map(() => '?').join(',')})`,
        )
        .all(...pageIds) as (Pick<
        FindingRow,
        'id' | 'number' | 'audit_id' | 'audit_number' | 'year' | 'type' | 'requirement_source' | 'statement' | 'unit_id' | 'process_id' | 'created_at' | 'clauses' | 'status'
      > & { rid: number })[])
    : [];
  rows.sort((x, y) => (order.get(x.rid) as number) - (order.get(y.rid) as number));
  const years = ctx.db
    .prepare('SELECT a.year FROM audits a WHERE EXISTS (SELECT 1 FROM findings f WHERE f.audit_id = a.id) GROUP BY a.year ORDER BY a.year DESC')
    .pluck()
    .all() as number[];
  return {
    total: table.total,
    offset: q.offset,
    years,
    rows: rows.map(
      (r): FindingSummary => ({
        id: r.id, number: r.number, auditId: r.audit_id, auditNumber: r.audit_number, year: r.year, type: r.type,
        clauseNumbers: splitClauses(r.clauses), requirementSource: r.requirement_source, statement: r.statement,
        unitId: r.unit_id, processId: r.process_id, status: findingStatus(r.type, r.status === 'closed'), createdAt: r.created_at,
      }),
    ),
  };
}
