import type { ParsedInputOf } from '../../../../shared/contract';
import { findingStatus, type FindingRegisterPage, type FindingSummary } from '../../../../shared/domain/findings';
import type { ServiceContext } from '../../core/context';
import { changeStamp, prepared } from '../../db/statements';
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

/** More matches than this make a word "common"; fewer candidates than NARROW make filters "narrow". */
const COMMON_MATCHES = 5000;
const NARROW_FILTERS = 20000;

const searchWords = (search: string) => (search.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => w.toLowerCase());

/** The text the full-text index holds for a finding, as one string. */
const SEARCHED_TEXT = `f.number || ' ' || f.requirement || ' ' || f.evidence || ' ' || f.statement || ' ' || f.auditee_response`;

/**
 * The full-text rule (every word the prefix of a word of the text, case folded, diacritics kept),
 * for testing a few candidates without gathering a common word's matches.
 */
function hasWords(text: string, wanted: string[]): boolean {
  const lower = text.toLowerCase();
  // A substring test first: most candidates fail it, and it is far cheaper than splitting words.
  if (!wanted.every((w) => lower.includes(w))) return false;
  const tokens = lower.match(/[\p{L}\p{N}]+/gu) ?? [];
  return wanted.every((w) => tokens.some((t) => t.startsWith(w)));
}

/**
 * Whether more than COMMON_MATCHES findings hold the words. A prefix query merges every matching
 * term's entries before its first answer, so the whole words are counted first: their entries are
 * read lazily, and if they alone are common, so are the prefixes.
 */
function isCommon(ctx: ServiceContext, search: string, prefixMatch: string): boolean {
  const capped = prepared(ctx.db, `SELECT count(*) FROM (SELECT rowid FROM findings_fts WHERE findings_fts MATCH ? LIMIT ${COMMON_MATCHES + 1})`).pluck();
  const whole = (search.match(/[\p{L}\p{N}]+/gu) ?? []).map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
  return (capped.get(whole) as number) > COMMON_MATCHES || (capped.get(prefixMatch) as number) > COMMON_MATCHES;
}

/** Marks the search driven by its filters' indexes; the plan test looks for it. */
export const FILTER_DRIVEN_MARK = '/* filter-driven search */';

type OrderRow = { r: number; year: number; number: string; s: number };

/**
 * A common word with narrow filters: gathering every rowid of the word costs more than the
 * filters' few candidates, so the filters' indexes name the candidates (with their text, read from
 * the rows SQLite visits anyway) and each is tested for the words here. Null when the word is
 * rare (the full-text index is then the cheaper side) or the filters are broad.
 */
function filterDrivenSearch(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): OrderRow[] | null {
  const match = ftsQuery(q.search);
  const filtered = q.types.length || q.clause || q.unitId || q.processId || q.status || q.year !== null || q.auditId;
  if (!match || !filtered) return null;
  if (!isCommon(ctx, q.search, match)) return null;
  const rest = whereClause(ctx, { ...q, search: '' });
  const candidates = prepared(
    ctx.db,
    `SELECT ${COUNT_MARK} ${FILTER_DRIVEN_MARK} f.rowid AS r, a.year, a.number, f.seq AS s, ${SEARCHED_TEXT} AS t ${FROM} ${rest.sql} LIMIT ${NARROW_FILTERS + 1}`,
  ).all(...rest.params) as (OrderRow & { t: string | null })[];
  if (candidates.length > NARROW_FILTERS) return null;
  const words = searchWords(q.search);
  return candidates.filter((c) => hasWords(c.t ?? '', words));
}

function whereClause(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): { sql: string; params: (string | number)[] } {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (q.types.length) {
    where.push(`f.type IN (${q.types.map(() => '?').join(',')})`);
    params.push(...q.types);
  }
  if (q.clause) {
    // With a year or an audit, those narrow more than a clause does: each of their findings is
    // checked by its own clause entries. Otherwise the clause index names the findings.
    where.push(
      q.year !== null || q.auditId
        ? `EXISTS (SELECT 1 FROM finding_clauses fc WHERE fc.finding_id = f.id AND (fc.clause_number = ? OR (fc.clause_number > ? AND fc.clause_number < ?)))`
        : `f.id IN (SELECT fc.finding_id FROM finding_clauses fc WHERE fc.clause_number = ? OR (fc.clause_number > ? AND fc.clause_number < ?))`,
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
  // Last, so a per-row word test runs only on rows the indexed filters let through.
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
  return { sql: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

/**
 * Where each register row is, for one filter: the exact total, and either every matching rowid in
 * register order (a filtered register, usually small) or, unfiltered or filtered by type, year or
 * audit only, where each audit's rows begin (a million rowids would cost more to gather than the
 * index walk they save).
 */
interface JumpTable {
  total: number;
  /** Filtered: the matching rowids in register order. */
  rowids: Float64Array | null;
  /** Unfiltered: audits in register order and the register index of each one's first finding. */
  auditIds: string[];
  starts: number[];
}

const FROM = 'FROM findings f JOIN audits a ON a.id = f.audit_id';

/** Marks the one query allowed to read every matching index entry; the plan test looks for it. */
export const COUNT_MARK = '/* register-count */';
const MAX_CACHED_FILTERS = 32;
const caches = new WeakMap<object, { stamp: string; tables: Map<string, JumpTable>; years: number[] | null; status?: string }>();

/** The cached tables while the data is unchanged (see changeStamp); a throwaway one in a transaction. */
function cacheFor(ctx: ServiceContext) {
  const stamp = changeStamp(ctx.db);
  if (stamp === null) return { stamp: '', tables: new Map<string, JumpTable>(), years: null };
  let cache = caches.get(ctx.db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, tables: new Map(), years: null };
    caches.set(ctx.db, cache);
  }
  return cache;
}

const byAuditOrder = (x: { year: number; number: string }, y: { year: number; number: string }) =>
  y.year - x.year || (x.number < y.number ? 1 : x.number > y.number ? -1 : 0);

/**
 * One pass over the matching findings' index entries, kept until the data changes, so scrolling
 * and jumping never count again. The count is exact.
 */
/** `type IN (?, …)` for a type filter (its values bound in order), or nothing without one. */
function typeCondition(types: readonly string[], column: string, keyword: 'WHERE' | 'AND'): string {
  return types.length ? `${keyword} ${column} IN (${types.map(() => '?').join(',')})` : '';
}

function buildTable(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>, where: { sql: string; params: (string | number)[] }): JumpTable {
  if (q.search || q.clause || q.unitId || q.processId || q.status) {
    const rows =
      (q.search ? filterDrivenSearch(ctx, q) : null) ??
      (ctx.db.prepare(`SELECT ${COUNT_MARK} f.rowid AS r, a.year, a.number, f.seq AS s ${FROM} ${where.sql}`).all(...where.params) as OrderRow[]);
    rows.sort((x, y) => byAuditOrder(x, y) || x.s - y.s);
    return { total: rows.length, rowids: Float64Array.from(rows, (x) => x.r), auditIds: [], starts: [] };
  }
  // Each audit's findings per type are kept by triggers (trend_audit_types, migration 014), so no
  // finding is counted here, with or without a type filter.
  // The audits first (a year or an audit narrows them through their indexes), then each one's
  // counts by its key: no pass over every audit's counts for a filter that names a few audits.
  const groups = (
    ctx.db
      .prepare(
        `SELECT ${COUNT_MARK} a.id, a.year, a.number,
           (SELECT sum(t.n) FROM trend_audit_types t WHERE t.audit_id = a.id ${typeCondition(q.types, 't.type', 'AND')}) AS n
         FROM audits a WHERE 1 ${q.year !== null ? 'AND a.year = ?' : ''} ${q.auditId ? 'AND a.id = ?' : ''}`,
      )
      .all(...q.types, ...(q.year !== null ? [q.year] : []), ...(q.auditId ? [q.auditId] : [])) as { id: string; year: number; number: string; n: number | null }[]
  ).filter((g): g is { id: string; year: number; number: string; n: number } => (g.n ?? 0) > 0);
  groups.sort(byAuditOrder);
  const table: JumpTable = { total: 0, rowids: null, auditIds: [], starts: [] };
  for (const g of groups) {
    table.auditIds.push(g.id);
    table.starts.push(table.total);
    table.total += g.n;
  }
  return table;
}

function jumpTable(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>, where: () => { sql: string; params: (string | number)[] }): JumpTable {
  const cache = cacheFor(ctx).tables;
  const key = JSON.stringify({ ...q, offset: 0, limit: 0 });
  const hit = cache.get(key);
  if (hit) return hit;
  const table = buildTable(ctx, q, where());
  if (cache.size >= MAX_CACHED_FILTERS) cache.delete(cache.keys().next().value as string);
  cache.set(key, table);
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

/** The rowids of filtered register rows [offset, offset + limit): a slice of the filter's table. */
function pageRowids(table: JumpTable, offset: number, limit: number): number[] {
  if (!table.rowids || offset >= table.total) return [];
  return Array.from(table.rowids.subarray(offset, offset + limit));
}

/** One audit's part of an unfiltered page: `take` findings after the first `skip`, in seq order. */
interface Segment {
  auditId: string;
  skip: number;
  take: number;
  whole: boolean;
}

/** The audits holding unfiltered register rows [offset, offset + limit), found by where each begins. */
function segments(table: JumpTable, offset: number, limit: number): Segment[] {
  const out: Segment[] = [];
  let k = auditAt(table, offset);
  let skip = offset - (table.starts[k] as number);
  let left = limit;
  while (left > 0 && k < table.auditIds.length) {
    const size = (k + 1 < table.starts.length ? (table.starts[k + 1] as number) : table.total) - (table.starts[k] as number);
    const take = Math.min(size - skip, left);
    out.push({ auditId: table.auditIds[k] as string, skip, take, whole: skip === 0 && take === size });
    left -= take;
    skip = 0;
    k += 1;
  }
  return out;
}

/** The status expression asks the schema whether cases exist; the answer holds while the data does. */
function statusColumn(ctx: ServiceContext): string {
  const cache = cacheFor(ctx);
  cache.status ??= statusSql(ctx);
  return cache.status;
}

/** Years that have findings, newest first (from the kept per-audit counts); asked on every page, so kept with the tables. */
function findingYears(ctx: ServiceContext): number[] {
  const cache = cacheFor(ctx);
  cache.years ??= prepared(ctx.db, 'SELECT a.year FROM audits a WHERE EXISTS (SELECT 1 FROM trend_audit_types t WHERE t.audit_id = a.id AND t.n > 0) GROUP BY a.year ORDER BY a.year DESC')
    .pluck()
    .all() as number[];
  return cache.years;
}

type PageRow = Pick<
  FindingRow,
  'id' | 'number' | 'audit_id' | 'audit_number' | 'year' | 'type' | 'requirement_source' | 'statement' | 'unit_id' | 'process_id' | 'created_at' | 'clauses' | 'status'
> & { rid: number };

/**
 * The findings register across every audit: filtered and searched in SQLite, then one page of
 * rows with the total, so the list scrolls through a million findings without holding them all.
 */
export function findingRegister(ctx: ServiceContext, q: ParsedInputOf<'findings.register'>): FindingRegisterPage {
  // The WHERE clause is built only when the filter's table is (its plan choice reads the index).
  const table = jumpTable(ctx, q, () => whereClause(ctx, q));
  const columns = `f.rowid AS rid, f.id, f.number, f.audit_id, a.number AS audit_number, a.year AS year, f.type, f.requirement_source,
             substr(f.statement, 1, ${STATEMENT_PREVIEW}) AS statement, f.unit_id, f.process_id, f.created_at,
             (SELECT group_concat(fc.clause_number, ' ') FROM finding_clauses fc WHERE fc.finding_id = f.id) AS clauses,
             ${statusColumn(ctx)} AS status`;
  let rows: PageRow[];
  if (table.rowids || q.offset >= table.total) {
    const pageIds = pageRowids(table, q.offset, q.limit);
    const order = new Map(pageIds.map((id, k) => [id, k]));
    rows = pageIds.length
      ? (prepared(ctx.db, `SELECT ${columns} ${FROM} WHERE f.rowid IN (SELECT value FROM json_each(?))`).all(JSON.stringify(pageIds)) as PageRow[])
      : [];
    rows.sort((x, y) => (order.get(x.rid) as number) - (order.get(y.rid) as number));
  } else {
    // Unfiltered (or by type, year or audit only): the page is a run of audits' findings in
    // (audit_id, seq) order, so there is no list of rowids to gather. Audits shown whole are read in
    // one statement; only the first and last, shown in part, need one each.
    const parts = segments(table, q.offset, q.limit);
    const whole = parts.filter((p) => p.whole).map((p) => p.auditId);
    const ofType = typeCondition(q.types, 'f.type', 'AND');
    const byAudit = new Map<string, PageRow[]>();
    if (whole.length) {
      const read = prepared(
        ctx.db,
        `SELECT ${columns} FROM json_each(?) j CROSS JOIN findings f ON f.audit_id = j.value JOIN audits a ON a.id = f.audit_id WHERE 1 ${ofType} ORDER BY j.key, f.seq`,
      );
      for (const r of read.all(JSON.stringify(whole), ...q.types) as PageRow[]) {
        const list = byAudit.get(r.audit_id);
        if (list) list.push(r);
        else byAudit.set(r.audit_id, [r]);
      }
    }
    const inAudit = prepared(ctx.db, `SELECT ${columns} ${FROM} WHERE f.audit_id = ? ${ofType} ORDER BY f.seq LIMIT ? OFFSET ?`);
    rows = parts.flatMap((p) => (p.whole ? (byAudit.get(p.auditId) ?? []) : (inAudit.all(p.auditId, ...q.types, p.take, p.skip) as PageRow[])));
  }
  const years = findingYears(ctx);
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
