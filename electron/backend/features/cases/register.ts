import {
  CASE_STATUSES,
  STATUS_ORDER,
  actionDueState,
  addDays,
  DUE_SOON_DAYS,
  MY_ACTIONS_LIMIT,
  dueState,
  type CaseListItem,
  type CasePage,
  type CasePageQuery,
  type CaseSummary,
  type MyAction,
  type MyActions,
  type UnitCaseCounts,
  type CaseListQuery,
  type CaseStatus,
} from '../../../../shared/domain/cases';
import { compareClauseNumbers } from '../../../../shared/domain/standards';
import type { ServiceContext } from '../../core/context';
import { fieldError } from '../../core/context';
import { changeStamp, prepared } from '../../db/statements';
import type { Statement } from 'better-sqlite3';
import { today } from './service';

/**
 * The register: every case with where it stands today, filtered and sorted the way a quality
 * coordinator asks ("overdue in Äldreomsorgen, by due date"). Filters and orders are answered by
 * SQLite from `case_register` (migration 013), a page at a time after a key (keyset), never by
 * loading every case into JavaScript. Due states depend on today's date: the stored next due date
 * is day-independent, today only moves the boundaries of the "overdue" and "due soon" ranges.
 */

/** A register row with the names and texts an export prints. */
export interface Enriched {
  item: CaseListItem;
  unitName: string;
  ownerName: string;
  processName: string;
  description: string;
  sourceReference: string;
  correction: string;
  rootCause: string;
}

/** Marks the one query per filter allowed to read every matching index entry; the plan test looks for it. */
export const CASE_COUNT_MARK = '/* case-register-count */';
/** Marks the search that is too short for the trigram index (one or two letters) and reads every case. */
export const CASE_SHORT_SEARCH_MARK = '/* case-register-short-search */';


const folded = new WeakSet<object>();
/** Swedish lower case for the short-search fallback; SQLite's lower() knows only ASCII. */
function foldFunction(ctx: ServiceContext): void {
  if (folded.has(ctx.db)) return;
  ctx.db.function('granska_sv_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLocaleLowerCase('sv') : s));
  folded.add(ctx.db);
}

type Param = string | number;

/**
 * The WHERE conditions on `case_register r` for a query's filters, on `day`. `walk` words the
 * filters on other tables (clause, action owner) as a test of each row, for a page read down its
 * order's index; otherwise they are lists the matching rows are read from. The parameters are the
 * same either way. `pinned` holds the register columns the filter gives one value (an order's
 * leading column that every matching row shares; see keysetAfter).
 */
export function filters(ctx: ServiceContext, q: CaseListQuery, day: string, walk = false): { conds: string[]; params: Param[]; pinned: Map<string, number> } {
  const conds: string[] = [];
  const pinned = new Map<string, number>();
  const params: Param[] = [];
  const needle = q.search.trim();
  if (needle) {
    if ([...needle].length >= 3) {
      // A trigram phrase is a substring test, case-insensitive, answered from the index.
      conds.push('r.rid IN (SELECT rowid FROM cases_fts WHERE cases_fts MATCH ?)');
      params.push(`"${needle.replace(/"/g, '""')}"`);
    } else {
      foldFunction(ctx);
      conds.push(`r.rid IN (SELECT ${CASE_SHORT_SEARCH_MARK} c.rowid FROM cases c LEFT JOIN findings f ON f.id = c.finding_id LEFT JOIN audits a ON a.id = f.audit_id
        WHERE instr(granska_sv_lower(c.number || ' ' || c.title || ' ' || c.description || ' ' || c.source_reference || ' ' || coalesce(f.number, '') || ' ' || coalesce(a.number, '')), ?) > 0)`);
      params.push(needle.toLocaleLowerCase('sv'));
    }
  }
  if (q.statuses.length) {
    conds.push(`r.status_rank IN (${q.statuses.map(() => '?').join(',')})`);
    params.push(...q.statuses.map((st) => STATUS_ORDER[st]));
    const ranks = new Set(q.statuses.map((st) => STATUS_ORDER[st]));
    if (ranks.size === 1) pinned.set('r.status_rank', [...ranks][0] as number);
  }
  if (q.unitId) {
    // The unit and every unit below it, as values: a lone unit is an equality SQLite seeks in the
    // (unit, due) index in the register's order; a subquery hides that there is only one.
    const units = unitAndBelow(ctx, q.unitId, day);
    conds.push(units.length === 1 ? 'r.unit_id = ?' : `r.unit_id IN (${units.map(() => '?').join(', ')})`);
    params.push(...units);
  }
  if (q.processId) {
    conds.push('r.process_id = ?');
    params.push(q.processId);
  }
  if (q.source) {
    conds.push('r.source = ?');
    params.push(q.source);
  }
  if (q.auditId) {
    conds.push('r.audit_id = ?');
    params.push(q.auditId);
  }
  if (q.clause) {
    // "8.5" and everything below it: a range on the clause index, not a LIKE.
    const clause = 'cc.clause_number = ? OR (cc.clause_number > ? AND cc.clause_number < ?)';
    // Tested on a row, the clauses the register row keeps (migration 020): the clause itself, or one
    // starting with "8.5."; the range's upper bound is not needed there, but is a parameter all the same.
    conds.push(
      walk
        ? `((instr(char(31) || r.clauses || char(31), char(31) || ? || char(31)) > 0 OR instr(char(31) || r.clauses, char(31) || ?) > 0) AND ? IS NOT NULL)`
        : `r.rid IN (SELECT c.rowid FROM case_clauses cc JOIN cases c ON c.id = cc.case_id WHERE ${clause})`,
    );
    params.push(q.clause, `${q.clause}.`, `${q.clause}/`);
  }
  if (q.ownerId) {
    // Tested on a row, the action owners the register row keeps (migration 020), without their "not done" marks.
    conds.push(
      walk
        ? `(r.owner_person_id = ? OR instr(char(31) || replace(r.actions, '${OPEN}', '') || char(31), char(31) || ? || char(31)) > 0)`
        : '(r.owner_person_id = ? OR r.rid IN (SELECT c.rowid FROM case_actions ca JOIN cases c ON c.id = ca.case_id WHERE ca.owner_person_id = ?))',
    );
    params.push(q.ownerId, q.ownerId);
  }
  const soon = addDays(day, DUE_SOON_DAYS);
  if (q.due === 'overdue' || q.due === 'due_soon' || q.due === 'overdue_or_soon') pinned.set('r.due_rank', 0);
  switch (q.due) {
    case 'all':
      break;
    case 'not_closed':
      conds.push('r.due_rank < 2');
      break;
    case 'overdue':
      conds.push('r.due_rank = 0 AND r.due_key < ?');
      params.push(day);
      break;
    case 'due_soon':
      conds.push('r.due_rank = 0 AND r.due_key >= ? AND r.due_key <= ?');
      params.push(day, soon);
      break;
    case 'overdue_or_soon':
      conds.push('r.due_rank = 0 AND r.due_key <= ?');
      params.push(soon);
      break;
  }
  return { conds, params, pinned };
}

/**
 * The condition "after `cursor` in the order `cols`" (before it, descending), as a row value SQLite
 * seeks its index to. The order's leading columns the filter pins to one value are left out of it:
 * with "overdue" (due_rank = 0) and the key (0, day, number), `(due_rank, due_key, number) > (…)`
 * is not a range SQLite combines with the filter's, and it read every overdue case before the key
 * (half a second deep in a million), where `(due_key, number) > (…)` starts at the key. A key that
 * does not hold the pinned values (made up) is before or after every matching row.
 */
export function keysetAfter(cols: string[], cursor: (string | number)[], pinned: Map<string, number>, descending: boolean): { cond: string; params: Param[] } {
  let lead = 0;
  let side = 0;
  while (lead < cols.length - 1 && pinned.has(cols[lead] as string)) {
    const value = pinned.get(cols[lead] as string) as number;
    const key = cursor[lead];
    // Numbers sort before text in SQLite, as here.
    side = typeof key === 'number' ? Math.sign(key - value) : 1;
    if (side !== 0) break;
    lead += 1;
  }
  // The key is before every matching row (in the page's direction): all of them follow it.
  if (side !== 0 && side < 0 !== descending) return { cond: '1', params: [] };
  if (side !== 0) return { cond: '0', params: [] };
  const rest = cols.slice(lead);
  return { cond: `(${rest.join(', ')}) ${descending ? '<' : '>'} (${rest.map(() => '?').join(', ')})`, params: cursor.slice(lead) };
}

/** `unitId` and the units below it, from the (small) units table, kept until something is written. */
function unitAndBelow(ctx: ServiceContext, unitId: string, day: string): string[] {
  const cache = cacheFor(ctx, day);
  if (!cache.children) {
    cache.children = new Map();
    for (const { id, parent } of prepared(ctx.db, 'SELECT id, parent_id AS parent FROM units').all() as { id: string; parent: string | null }[]) {
      if (parent !== null) cache.children.set(parent, [...(cache.children.get(parent) ?? []), id]);
    }
  }
  const found = [unitId];
  // A parent loop (not possible through the app) stops at units already found.
  for (let k = 0; k < found.length; k++) for (const child of cache.children.get(found[k] as string) ?? []) if (!found.includes(child)) found.push(child);
  return found;
}

export const where = (conds: string[]) => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

// ---- counts, cached per filter -------------------------------------------------------------------

const MAX_CACHED = 32;
type CaseCache = {
  stamp: string;
  counts: Map<string, number>;
  /** Matches per unit or owner (null: none), per filter and name order. */
  groups?: Map<string, Map<string | null, GroupMatches>>;
  summary?: CaseSummary;
  children?: Map<string, string[]>;
};
const caches = new WeakMap<object, CaseCache>();

/** The cached counts for `day` while the data is unchanged (see changeStamp); a throwaway one in a transaction. */
export function cacheFor(ctx: ServiceContext, day: string) {
  const changes = changeStamp(ctx.db);
  if (changes === null) return { stamp: '', counts: new Map<string, number>() };
  const stamp = `${changes}:${day}`;
  let cache = caches.get(ctx.db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, counts: new Map() };
    caches.set(ctx.db, cache);
  }
  return cache;
}

/** How many cases match `q`'s filters on `day`, counted once per filter while the data is unchanged. */
export function matchCount(ctx: ServiceContext, q: CaseListQuery, day: string): number {
  const cache = cacheFor(ctx, day).counts;
  const key = JSON.stringify({ ...q, sort: null, descending: null });
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const f = filters(ctx, q, day);
  const n = prepared(ctx.db, `SELECT ${CASE_COUNT_MARK} count(*) FROM case_register r ${where(f.conds)}`).pluck().get(...f.params) as number;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, n);
  return n;
}

/** A group's matches: how many, and for a few, their register rowids (a JSON array). */
type GroupMatches = { n: number; rids: string | null };
/** Up to this many matches, a group's rowids are kept with its count. */
const LISTED_MATCHES = 1000;

/**
 * How many cases match `q`'s filters in each unit or owner (null: no owner), and which when they are
 * few, in one pass over the matches, kept like the counts (whose total it also fills in).
 */
function groupCounts(ctx: ServiceContext, q: CaseListQuery, day: string, column: string): Map<string | null, GroupMatches> {
  const cache = cacheFor(ctx, day);
  const key = JSON.stringify({ ...q, sort: column, descending: null });
  const hit = cache.groups?.get(key);
  if (hit) return hit;
  const f = filters(ctx, q, day);
  const rows = prepared(
    ctx.db,
    `SELECT ${CASE_COUNT_MARK} ${column}, count(*), iif(count(*) <= ${LISTED_MATCHES}, json_group_array(r.rid), NULL) FROM case_register r ${where(f.conds)} GROUP BY ${column}`,
  )
    .raw(true)
    .all(...f.params) as [string | null, number, string | null][];
  const counts = new Map(rows.map(([g, n, rids]) => [g, { n, rids }]));
  cache.groups ??= new Map();
  if (cache.groups.size >= MAX_CACHED) cache.groups.delete(cache.groups.keys().next().value as string);
  cache.groups.set(key, counts);
  const total = JSON.stringify({ ...q, sort: null, descending: null });
  if (!cache.counts.has(total) && cache.counts.size < MAX_CACHED) cache.counts.set(total, rows.reduce((n, [, k]) => n + k, 0));
  return counts;
}

// ---- keyset pages --------------------------------------------------------------------------------

/** Orders walked straight down an index: the key columns, the last one (the number) unique. */
export const INDEXED_ORDERS: Record<Exclude<CaseListQuery['sort'], 'unit' | 'owner'>, string[]> = {
  number: ['r.number'],
  status: ['r.status_rank', 'r.number'],
  detectedOn: ['r.detected_on', 'r.number'],
  // Most urgent first, undated open cases next, closed ones last (see migration 013).
  nextDue: ['r.due_rank', 'r.due_key', 'r.number'],
};
/** The index that holds each order (migration 013), and the (unit or owner, number) ones the name orders read group by group. */
const ORDER_INDEX: Record<CaseListQuery['sort'], string> = {
  number: 'case_register_number',
  status: 'case_register_status',
  detectedOn: 'case_register_detected',
  nextDue: 'case_register_due',
  unit: 'case_register_unit',
  owner: 'case_register_owner',
};

/** Whether SQLite's plan for a statement sorts its rows, per connection and statement text. */
const sortingPlans = new WeakMap<object, Map<string, boolean>>();

/**
 * The statement for a page, walking the order's own index when the filter matches many cases.
 * SQLite picks its index from estimates, and for "overdue, by number" or "a unit, by next due" it
 * picks the filter's index and sorts every match (seconds at a million cases) where walking the
 * order's index and testing each row stops after a page. We know the exact number of matches (the
 * count the page shows; a name group's share of it): sorting `count` rows costs about what walking `limit × total / count`
 * rows does, so above the square root of `limit × total` the walk is cheaper. A plan that is
 * already in order (a (filter, order) index) is left as SQLite chose it.
 */
export function pageStatement(ctx: ServiceContext, q: CaseListQuery, limit: number, matches: () => number, sql: (from: string, walk: boolean) => string, params: Param[]): Statement {
  const plain = sql('case_register r', false);
  if (limit < 0) return prepared(ctx.db, plain);
  let plans = sortingPlans.get(ctx.db);
  if (!plans) sortingPlans.set(ctx.db, (plans = new Map()));
  let sorts = plans.get(plain);
  if (sorts === undefined) {
    const plan = ctx.db.prepare(`EXPLAIN QUERY PLAN ${plain}`).all(...params) as { detail: string }[];
    sorts = plan.some((p) => p.detail.startsWith('USE TEMP B-TREE FOR') && p.detail.includes('ORDER BY'));
    if (plans.size > 200) plans.clear();
    plans.set(plain, sorts);
  }
  if (!sorts) return prepared(ctx.db, plain);
  const total = prepared(ctx.db, 'SELECT max(rid) FROM case_register').pluck().get() as number | null;
  const n = matches();
  return prepared(ctx.db, n * n > limit * (total ?? 0) ? sql(`case_register r INDEXED BY ${ORDER_INDEX[q.sort]}`, true) : plain);
}

const byText = (a: string, b: string) => a.localeCompare(b, 'sv');

/**
 * Orders by a person's or a unit's name (Swedish alphabet, which SQLite's byte order is not): the
 * names are few, so they are put in order here, and each name's cases are read in number order from
 * the (unit_id, number) or (owner_person_id, number) index. Equal names form one group.
 */
function nameGroups(ctx: ServiceContext, sort: 'unit' | 'owner'): string[][] {
  const rows =
    sort === 'unit'
      ? (prepared(ctx.db, 'SELECT id, name FROM units').all() as { id: string; name: string }[])
      : (prepared(ctx.db, 'SELECT id, name FROM people').all() as { id: string; name: string }[]);
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
  return [...byName.keys()].sort(byText).map((name) => byName.get(name) as string[]);
}

/** A page size as SQL text: a whole number (-1 reads to the end), never anything else. */
function limitOf(limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < -1) throw new Error(`not a page size: ${limit}`);
  return String(limit);
}

/**
 * The groups of a name order as they are walked: `order` lists indexes into `groups` (the number
 * a key's first element holds), and `noOwner` (past the groups' end) stands for cases without one.
 */
export function nameOrder(ctx: ServiceContext, sort: 'unit' | 'owner', descending: boolean) {
  const groups = nameGroups(ctx, sort);
  const order = descending ? groups.map((_g, k) => groups.length - 1 - k) : groups.map((_g, k) => k);
  // No owner sorts last (first, descending): it is the row that needs someone.
  const noOwner = sort === 'owner' ? groups.length : -1;
  if (noOwner >= 0) {
    if (descending) order.unshift(noOwner);
    else order.push(noOwner);
  }
  return { groups, order, noOwner, column: sort === 'unit' ? 'r.unit_id' : 'r.owner_person_id' };
}

type Cursor = (string | number)[];

function decodeCursor(after: string | null, width: number): Cursor | null {
  if (after === null) return null;
  try {
    const key = JSON.parse(after) as unknown;
    if (Array.isArray(key) && key.length === width && key.every((v) => typeof v === 'string' || typeof v === 'number')) return key as Cursor;
  } catch {
    // falls through to the message below
  }
  throw fieldError('after', 'invalid');
}

/** Separates a register row's actions and its clauses (migration 020; never in an id or a clause number). */
const SEP = '\u001f';
/** Marks an action not yet done, after its owner's id (migration 020). */
const OPEN = '*';

/**
 * What a register row shows, read in the page's own statement: the case, its finding and audit
 * numbers, and from its register entry the next due date and its actions (owner and whether done,
 * in plan order) and clauses, one string each (migration 020). No second round trip per page, no
 * seek into another table per row but the case's own. Read as arrays (`raw`), in this order, and
 * made into the register's items directly: an object per row from better-sqlite3 cost as much as
 * reading the rows.
 */
const ITEM_COLUMNS = `c.id, r.number, c.title, c.source, c.severity, c.status, c.unit_id, c.process_id, c.owner_person_id, c.finding_id,
  f.number, r.audit_id, a.number, r.detected_on, c.due_date, c.closed_on, c.revision, r.due_rank, r.due_key, r.actions, r.clauses`;
/** Where a row of ITEM_COLUMNS holds an order's key columns (the register's copies of the case's): a page reads them once. */
const KEY_AT: Record<string, number> = { 'r.number': 1, 'r.detected_on': 13, 'r.due_rank': 17, 'r.due_key': 18 };
const ITEM_JOINS = 'CROSS JOIN cases c ON c.rowid = r.rid LEFT JOIN findings f ON f.id = c.finding_id LEFT JOIN audits a ON a.id = r.audit_id';
/** The names and texts only the export prints, after the row's own columns. */
const EXPORT_COLUMNS = 'u.name, p.name, pr.name, c.description, c.source_reference, c.correction, c.root_cause';
const EXPORT_JOINS = 'JOIN units u ON u.id = c.unit_id LEFT JOIN people p ON p.id = c.owner_person_id LEFT JOIN processes pr ON pr.id = c.process_id';

/** A row of ITEM_COLUMNS. */
type Item = [
  id: string,
  number: string,
  title: string,
  source: CaseListItem['source'],
  severity: CaseListItem['severity'],
  status: CaseStatus,
  unitId: string,
  processId: string | null,
  ownerId: string | null,
  findingId: string | null,
  findingNumber: string | null,
  auditId: string | null,
  auditNumber: string | null,
  detectedOn: string,
  dueDate: string | null,
  closedOn: string | null,
  revision: number,
  dueRank: number,
  dueKey: string,
  actions: string | null,
  clauses: string | null,
];
/** What a statement reads after ITEM_COLUMNS: the export's columns, a page's key. */
type Value = string | number | null;
type ItemRow = [...Item, ...Value[]];
/** How many columns ITEM_COLUMNS reads (plain column names, so one per comma). */
const ITEM_WIDTH = ITEM_COLUMNS.split(',').length;

/** A row of ITEM_COLUMNS and EXPORT_COLUMNS. */
type ExportRow = [
  ...Item,
  unitName: string,
  ownerName: string | null,
  processName: string | null,
  description: string,
  sourceReference: string,
  correction: string,
  rootCause: string,
  ...Value[],
];

/** The select list and joins of a page: the shown columns, and for the export the names and texts too. */
const shape = (wide: boolean) => ({
  columns: wide ? `${ITEM_COLUMNS}, ${EXPORT_COLUMNS}` : ITEM_COLUMNS,
  joins: wide ? `${ITEM_JOINS} ${EXPORT_JOINS}` : ITEM_JOINS,
});

/**
 * Up to `limit` register rows after `after`, in the query's order, and the key of the last one.
 * `limit` -1 reads to the end (the export, the CLI and the full list).
 */
function pageRows<R extends ItemRow>(ctx: ServiceContext, q: CaseListQuery, day: string, after: string | null, limit: number, wide: boolean): { rows: R[]; next: string | null } {
  const f = filters(ctx, q, day);
  const { columns, joins } = shape(wide);
  const dir = q.descending ? 'DESC' : 'ASC';
  const cmp = q.descending ? '<' : '>';
  if (q.sort !== 'unit' && q.sort !== 'owner') {
    const cols = INDEXED_ORDERS[q.sort];
    const cursor = decodeCursor(after, cols.length);
    const keyset: string[] = [];
    const params: Param[] = [...f.params];
    if (cursor) {
      // A row value comparison: SQLite seeks the index to the key and reads on.
      const after = keysetAfter(cols, cursor, f.pinned, q.descending);
      keyset.push(after.cond);
      params.push(...after.params);
    }
    // The limit is written into the statement: a bound LIMIT makes SQLite prepare it again on every run (STAT4).
    // The key columns the row does not already hold come last.
    const extra = cols.filter((c) => !(c in KEY_AT));
    const sql = (from: string, walk: boolean) =>
      `SELECT ${[columns, ...extra].join(', ')} FROM ${from} ${joins} ${where([...(walk ? filters(ctx, q, day, true).conds : f.conds), ...keyset])}
       ORDER BY ${cols.map((c) => `${c} ${dir}`).join(', ')} LIMIT ${limitOf(limit)}`;
    const rows = pageStatement(ctx, q, limit, () => matchCount(ctx, q, day), sql, params).raw(true).all(...params) as R[];
    const last = rows.at(-1);
    const key = (row: R) => cols.map((c) => row[KEY_AT[c] ?? row.length - extra.length + extra.indexOf(c)]);
    return { rows, next: last && rows.length === limit ? JSON.stringify(key(last)) : null };
  }
  const { groups, order, noOwner, column } = nameOrder(ctx, q.sort, q.descending);
  const cursor = decodeCursor(after, 2);
  // A filter on the case's clauses or its actions' owners: SQLite gathers every match of the whole
  // register again for each group (a tenth of a second at a million cases, for each unit passed).
  // Instead, one pass per filter counts each group's matches (kept): groups without one are passed
  // over, a group's few matches are read by rowid, and a group with more is walked down its own
  // index, testing the register row's kept clauses and action owners, up to its last match.
  const inGroups = q.clause !== null || q.ownerId !== null ? groupCounts(ctx, q, day, column) : null;
  const rows: R[] = [];
  let next: string | null = null;
  const start = cursor ? order.indexOf(cursor[0] as number) : 0;
  if (start < 0) throw fieldError('after', 'invalid');
  for (let k = start; k < order.length && (limit < 0 || rows.length < limit); k++) {
    const g = order[k] as number;
    const ids = groups[g] ?? [];
    const matches = inGroups === null ? [] : g === noOwner ? [inGroups.get(null)] : ids.map((id) => inGroups.get(id));
    const found = inGroups === null ? -1 : matches.reduce((n, m) => n + (m?.n ?? 0), 0);
    if (found === 0) continue;
    const listed = found > 0 && matches.every((m) => !m || m.rids !== null);
    // One id (names are rarely shared) is an equality, read in number order from the (unit or owner, number) index.
    const more = [g === noOwner ? `${column} IS NULL` : ids.length === 1 ? `${column} = ?` : `${column} IN (SELECT value FROM json_each(?))`];
    const params: Param[] = [...f.params];
    if (g !== noOwner) params.push(ids.length === 1 ? (ids[0] as string) : JSON.stringify(ids));
    if (cursor && k === start) {
      more.push(`r.number ${cmp} ?`);
      params.push(cursor[1] as string);
    }
    const conds = (walk: boolean) => [...(walk ? filters(ctx, q, day, true).conds : f.conds), ...more];
    const want = limit < 0 ? -1 : limit - rows.length;
    // The group's keys first, from the (unit or owner, number) index alone; then their rows by rowid.
    // Asked in one statement, SQLite would walk the number index across every group instead.
    const keysOf = (from: string, walk: boolean, most: number) => `SELECT r.rid FROM ${from} ${where(conds(walk))} ORDER BY r.number ${dir} LIMIT ${limitOf(most)}`;
    const most = want < 0 ? found : Math.min(want, found);
    let keys: number[];
    if (listed) {
      // A few matches, known by rowid: put in order, no row of the group tested.
      const rids = JSON.stringify(matches.flatMap((m) => (m?.rids ? (JSON.parse(m.rids) as number[]) : [])));
      const from = cursor && k === start ? [rids, cursor[1] as string] : [rids];
      keys = prepared(
        ctx.db,
        `SELECT r.rid FROM case_register r WHERE r.rid IN (SELECT value FROM json_each(?)) ${from.length > 1 ? `AND r.number ${cmp} ?` : ''} ORDER BY r.number ${dir} LIMIT ${limitOf(most)}`,
      )
        .pluck()
        .all(...from) as number[];
    } else {
      const statement =
        found > 0
          ? prepared(ctx.db, keysOf(`case_register r INDEXED BY ${ORDER_INDEX[q.sort]}`, true, most))
          : pageStatement(ctx, q, want, () => matchCount(ctx, q, day) / groups.length, (from, walk) => keysOf(from, walk, want), params);
      keys = statement.pluck().all(...params) as number[];
    }
    const got = rowsByRid<R>(ctx, keys, columns, joins);
    rows.push(...got);
    const last = got.at(-1);
    if (last && limit >= 0 && rows.length === limit) next = JSON.stringify([g, last[1]]);
  }
  return { rows, next };
}

/** The rows of `rids`, in that order. */
function rowsByRid<R extends ItemRow>(ctx: ServiceContext, rids: number[], columns: string, joins: string): R[] {
  if (!rids.length) return [];
  const rows = prepared(ctx.db, `SELECT ${columns}, r.rid FROM case_register r ${joins} WHERE r.rid IN (SELECT value FROM json_each(?))`)
    .raw(true)
    .all(JSON.stringify(rids)) as R[];
  const byRid = new Map(rows.map((r) => [r.at(-1) as number, r]));
  const inOrder: R[] = [];
  for (const rid of rids) {
    const row = byRid.get(rid);
    if (row) inOrder.push(row);
  }
  return inOrder;
}

// ---- rows ----------------------------------------------------------------------------------------

/** A register row as the register shows it, where it stands on `day`. */
function toItem(r: ItemRow, day: string): CaseListItem {
  const [id, number, title, source, severity, status, unitId, processId, ownerId, findingId, findingNumber, auditId, auditNumber, detectedOn, dueDate, closedOn, revision, dueRank, dueKey, actions, clauses] = r;
  const acts = actions === null ? [] : actions.split(SEP);
  const owners: string[] = [];
  let open = 0;
  for (const a of acts) {
    const isOpen = a.endsWith(OPEN);
    if (isOpen) open += 1;
    const owner = isOpen ? a.slice(0, -OPEN.length) : a;
    if (!owners.includes(owner)) owners.push(owner);
  }
  // The register keeps the next due date (migration 013): an open action's, else the case's own.
  const nextDue = dueRank === 0 ? dueKey : null;
  return {
    id, number, title, source, severity, status, unitId, processId, clauseNumbers: clauses === null ? [] : clauses.split(SEP).sort(compareClauseNumbers), ownerId,
    findingId, findingNumber, auditId, auditNumber, detectedOn, dueDate, nextDue, dueState: dueState(status, nextDue, day),
    actionCount: acts.length, openActionCount: open, actionOwnerIds: owners, closedOn, revision,
  };
}

/** The register rows matching `q`, in its order, with the names and texts the export prints; also what the CLI prints. */
export function queryRegister(ctx: ServiceContext, q: CaseListQuery): Enriched[] {
  const day = today(ctx);
  return pageRows<ExportRow>(ctx, q, day, null, -1, true).rows.map((r) => {
    const [unitName, ownerName, processName, description, sourceReference, correction, rootCause] = r.slice(ITEM_WIDTH) as ExportRow extends [...Item, ...infer E] ? E : never;
    return { item: toItem(r, day), unitName, ownerName: ownerName ?? '', processName: processName ?? '', description, sourceReference, correction, rootCause };
  });
}

export function listCases(ctx: ServiceContext, q: CaseListQuery): CaseListItem[] {
  const day = today(ctx);
  return pageRows(ctx, q, day, null, -1, false).rows.map((r) => toItem(r, day));
}

/** One page of the register after a key, with the filter's total (counted once per filter). */
export function casePage(ctx: ServiceContext, p: Omit<CasePageQuery, 'offset'>): CasePage {
  const day = today(ctx);
  const { rows, next } = pageRows(ctx, p.query, day, p.after, p.limit, false);
  return { total: matchCount(ctx, p.query, day), rows: rows.map((r) => toItem(r, day)), next };
}

// ---- summary -------------------------------------------------------------------------------------

/** Counts for the register's header and the per-unit table; each case counts for its own unit. */
export function caseSummary(ctx: ServiceContext): CaseSummary {
  const day = today(ctx);
  const cache = cacheFor(ctx, day);
  if (cache.summary) return cache.summary;
  const soon = addDays(day, DUE_SOON_DAYS);
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  const byRank = new Map(CASE_STATUSES.map((st) => [STATUS_ORDER[st], st]));
  const names = new Map(
    (prepared(ctx.db, 'SELECT id, name FROM units').all() as { id: string; name: string }[]).map((u) => [u.id, u.name]),
  );
  // One pass over one covering index, in its own order (unit, status): every figure at once.
  const groups = prepared(
    ctx.db,
    `SELECT ${CASE_COUNT_MARK} r.unit_id AS unitId, r.status_rank AS rank, count(*) AS n,
       count(*) FILTER (WHERE r.due_rank = 0 AND r.due_key < ?) AS overdue,
       count(*) FILTER (WHERE r.due_rank = 0 AND r.due_key BETWEEN ? AND ?) AS dueSoon
     FROM case_register r GROUP BY r.unit_id, r.status_rank`,
  ).all(day, day, soon) as { unitId: string; rank: number; n: number; overdue: number; dueSoon: number }[];
  const units = new Map<string, UnitCaseCounts>();
  for (const g of groups) {
    const status = byRank.get(g.rank) as CaseStatus;
    byStatus[status] += g.n;
    const name = names.get(g.unitId);
    if (name === undefined) continue;
    let u = units.get(g.unitId);
    if (!u) units.set(g.unitId, (u = { unitId: g.unitId, unitName: name, total: 0, notClosed: 0, overdue: 0, dueSoon: 0, closed: 0 }));
    u.total += g.n;
    if (status === 'closed') u.closed += g.n;
    else u.notClosed += g.n;
    u.overdue += g.overdue;
    u.dueSoon += g.dueSoon;
  }
  const byUnit = [...units.values()];
  const total = byUnit.reduce((n, u) => n + u.total, 0);
  const summary: CaseSummary = {
    today: day,
    total,
    notClosed: total - byStatus.closed,
    overdue: byUnit.reduce((n, u) => n + u.overdue, 0),
    dueSoon: byUnit.reduce((n, u) => n + u.dueSoon, 0),
    byStatus,
    // The units needing attention first.
    byUnit: byUnit.sort((a, b) => b.overdue - a.overdue || b.notClosed - a.notClosed || byText(a.unitName, b.unitName)),
  };
  cache.summary = summary;
  return summary;
}

// ---- my actions ----------------------------------------------------------------------------------

/**
 * What one person has to do, a screenful of each list, each read in its order straight down an
 * index (migration 014) and stopped there: the person's actions, the cases they own, and for an
 * auditor the cases waiting for a verification.
 */
export function myActions(ctx: ServiceContext, personId: string): MyActions {
  const day = today(ctx);
  const want = MY_ACTIONS_LIMIT + 1;
  const action = `SELECT a.id, a.case_id AS caseId, c.number AS caseNumber, c.title AS caseTitle, c.status AS caseStatus, c.revision AS caseRevision,
      a.description, a.due_date AS dueDate, a.done_on AS doneOn
    FROM case_actions a CROSS JOIN cases c ON c.id = a.case_id`;
  const open = prepared(ctx.db, `${action} WHERE a.owner_person_id = ? AND a.done_on IS NULL AND c.status <> 'closed' ORDER BY a.due_date, c.number LIMIT ?`)
    .all(personId, want) as Omit<MyAction, 'dueState'>[];
  const done =
    open.length < want
      ? (prepared(ctx.db, `${action} WHERE a.owner_person_id = ? AND a.done_on IS NOT NULL AND c.status <> 'closed' ORDER BY a.done_on DESC LIMIT ?`)
          .all(personId, want - open.length) as Omit<MyAction, 'dueState'>[])
      : [];
  const actions = [...open, ...done].map((r) => ({ ...r, dueState: actionDueState(r, day) }));
  const urgent = 'ORDER BY r.due_rank, r.due_key, r.number LIMIT ?';
  const cases = (prepared(ctx.db, `SELECT ${ITEM_COLUMNS} FROM case_register r ${ITEM_JOINS} WHERE r.owner_person_id = ? AND r.due_rank < 2 ${urgent}`)
    .raw(true)
    .all(personId, want) as ItemRow[]).map((r) => toItem(r, day));
  const roles = (prepared(ctx.db, 'SELECT roles_json FROM people WHERE id = ?').pluck().get(personId) as string | undefined) ?? '[]';
  const verifies = (JSON.parse(roles) as string[]).some((r) => r === 'auditor' || r === 'audit_lead');
  const toVerify = verifies
    ? (prepared(ctx.db, `SELECT ${ITEM_COLUMNS} FROM case_register r ${ITEM_JOINS} WHERE r.status_rank = ? ${urgent}`)
        .raw(true)
        .all(STATUS_ORDER.implemented, want) as ItemRow[]).map((r) => toItem(r, day))
    : [];
  return {
    personId,
    actions: actions.slice(0, MY_ACTIONS_LIMIT),
    cases: cases.slice(0, MY_ACTIONS_LIMIT),
    toVerify: toVerify.slice(0, MY_ACTIONS_LIMIT),
    more: { actions: actions.length > MY_ACTIONS_LIMIT, cases: cases.length > MY_ACTIONS_LIMIT, toVerify: toVerify.length > MY_ACTIONS_LIMIT },
  };
}
