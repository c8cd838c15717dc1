import {
  CASE_STATUSES,
  DUE_ORDER,
  STATUS_ORDER,
  actionDueState,
  addDays,
  DUE_SOON_DAYS,
  dueState,
  nextDueDate,
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
import type { Statement } from 'better-sqlite3';
import type { ServiceContext } from '../../core/context';
import { fieldError } from '../../core/context';
import type { CaseRow } from './service';
import { today } from './service';

/**
 * The register: every case with where it stands today, filtered and sorted the way a quality
 * coordinator asks ("overdue in Äldreomsorgen, by due date"). Filters and orders are answered by
 * SQLite from `case_register` (migration 013), a page at a time after a key (keyset), never by
 * loading every case into JavaScript. Due states depend on today's date: the stored next due date
 * is day-independent, today only moves the boundaries of the "overdue" and "due soon" ranges.
 */

interface RegisterRow extends CaseRow {
  rid: number;
  finding_number: string | null;
  audit_id: string | null;
  audit_number: string | null;
  unit_name: string;
  owner_name: string | null;
  process_name: string | null;
}

interface ActionFacts {
  case_id: string;
  owner_person_id: string;
  due_date: string;
  done_on: string | null;
}

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

const statements = new WeakMap<object, Map<string, Statement>>();
/** Prepared statements kept per connection: the same few shapes run on every page. */
function prepared(ctx: ServiceContext, sql: string): Statement {
  let map = statements.get(ctx.db);
  if (!map) statements.set(ctx.db, (map = new Map()));
  let stmt = map.get(sql);
  if (!stmt) {
    if (map.size > 200) map.clear();
    stmt = ctx.db.prepare(sql);
    map.set(sql, stmt);
  }
  return stmt;
}

const folded = new WeakSet<object>();
/** Swedish lower case for the short-search fallback; SQLite's lower() knows only ASCII. */
function foldFunction(ctx: ServiceContext): void {
  if (folded.has(ctx.db)) return;
  ctx.db.function('granska_sv_lower', { deterministic: true }, (s: unknown) => (typeof s === 'string' ? s.toLocaleLowerCase('sv') : s));
  folded.add(ctx.db);
}

type Param = string | number;

/** The WHERE conditions on `case_register r` for a query's filters, on `day`. */
function filters(ctx: ServiceContext, q: CaseListQuery, day: string): { conds: string[]; params: Param[] } {
  const conds: string[] = [];
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
  }
  if (q.unitId) {
    // The unit and every unit below it.
    conds.push(`r.unit_id IN (WITH RECURSIVE below(id) AS (SELECT ? UNION SELECT u.id FROM units u JOIN below b ON u.parent_id = b.id) SELECT id FROM below)`);
    params.push(q.unitId);
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
    conds.push(`r.rid IN (SELECT c.rowid FROM case_clauses cc JOIN cases c ON c.id = cc.case_id
      WHERE cc.clause_number = ? OR (cc.clause_number > ? AND cc.clause_number < ?))`);
    params.push(q.clause, `${q.clause}.`, `${q.clause}/`);
  }
  if (q.ownerId) {
    conds.push(`(r.owner_person_id = ? OR r.rid IN (SELECT c.rowid FROM case_actions ca JOIN cases c ON c.id = ca.case_id WHERE ca.owner_person_id = ?))`);
    params.push(q.ownerId, q.ownerId);
  }
  const soon = addDays(day, DUE_SOON_DAYS);
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
  return { conds, params };
}

const where = (conds: string[]) => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

// ---- counts, cached per filter -------------------------------------------------------------------

const MAX_CACHED = 32;
const caches = new WeakMap<object, { stamp: string; counts: Map<string, number>; summary?: CaseSummary }>();

/** Anything written through this connection (total_changes) or another one (data_version) empties the cache. */
function cacheFor(ctx: ServiceContext, day: string) {
  const local = prepared(ctx, 'SELECT total_changes()').pluck().get() as number;
  const other = ctx.db.pragma('data_version', { simple: true }) as number;
  const stamp = `${local}:${other}:${day}`;
  let cache = caches.get(ctx.db);
  if (!cache || cache.stamp !== stamp) {
    cache = { stamp, counts: new Map() };
    caches.set(ctx.db, cache);
  }
  return cache;
}

function countOf(ctx: ServiceContext, q: CaseListQuery, day: string): number {
  const cache = cacheFor(ctx, day).counts;
  const key = JSON.stringify({ ...q, sort: null, descending: null });
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const f = filters(ctx, q, day);
  const n = prepared(ctx, `SELECT ${CASE_COUNT_MARK} count(*) FROM case_register r ${where(f.conds)}`).pluck().get(...f.params) as number;
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, n);
  return n;
}

// ---- keyset pages --------------------------------------------------------------------------------

/** Orders walked straight down an index: the key columns, the last one (the number) unique. */
const INDEXED_ORDERS: Record<Exclude<CaseListQuery['sort'], 'unit' | 'owner'>, string[]> = {
  number: ['r.number'],
  status: ['r.status_rank', 'r.number'],
  detectedOn: ['r.detected_on', 'r.number'],
  // Most urgent first, undated open cases next, closed ones last (see migration 013).
  nextDue: ['r.due_rank', 'r.due_key', 'r.number'],
};

const byText = (a: string, b: string) => a.localeCompare(b, 'sv');

/**
 * Orders by a person's or a unit's name (Swedish alphabet, which SQLite's byte order is not): the
 * names are few, so they are put in order here, and each name's cases are read in number order from
 * the (unit_id, number) or (owner_person_id, number) index. Equal names form one group.
 */
function nameGroups(ctx: ServiceContext, sort: 'unit' | 'owner'): string[][] {
  const rows =
    sort === 'unit'
      ? (prepared(ctx, 'SELECT id, name FROM units').all() as { id: string; name: string }[])
      : (prepared(ctx, 'SELECT id, name FROM people').all() as { id: string; name: string }[]);
  const byName = new Map<string, string[]>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
  return [...byName.keys()].sort(byText).map((name) => byName.get(name) as string[]);
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

/**
 * The rowids of up to `limit` register rows after `after`, in the query's order, and the key of
 * the last one. `limit` -1 reads to the end (the export, the CLI and the full list).
 */
function pageRids(ctx: ServiceContext, q: CaseListQuery, day: string, after: string | null, limit: number): { rids: number[]; next: string | null } {
  const f = filters(ctx, q, day);
  const dir = q.descending ? 'DESC' : 'ASC';
  const cmp = q.descending ? '<' : '>';
  if (q.sort !== 'unit' && q.sort !== 'owner') {
    const cols = INDEXED_ORDERS[q.sort];
    const cursor = decodeCursor(after, cols.length);
    const conds = [...f.conds];
    const params: Param[] = [...f.params];
    if (cursor) {
      // A row value comparison: SQLite seeks the index to the key and reads on.
      conds.push(`(${cols.join(', ')}) ${cmp} (${cols.map(() => '?').join(', ')})`);
      params.push(...cursor);
    }
    const rows = prepared(
      ctx,
      `SELECT r.rid, ${cols.map((c, k) => `${c} AS k${k}`).join(', ')} FROM case_register r ${where(conds)}
       ORDER BY ${cols.map((c) => `${c} ${dir}`).join(', ')} LIMIT ?`,
    )
      .raw()
      .all(...params, limit) as (string | number)[][];
    const last = rows.at(-1);
    return { rids: rows.map((r) => r[0] as number), next: last && rows.length === limit ? JSON.stringify(last.slice(1)) : null };
  }
  const groups = nameGroups(ctx, q.sort);
  const order = q.descending ? groups.map((_g, k) => groups.length - 1 - k) : groups.map((_g, k) => k);
  // No owner sorts last (first, descending): it is the row that needs someone.
  const noOwner = q.sort === 'owner' ? groups.length : -1;
  if (noOwner >= 0) {
    if (q.descending) order.unshift(noOwner);
    else order.push(noOwner);
  }
  const cursor = decodeCursor(after, 2);
  const column = q.sort === 'unit' ? 'r.unit_id' : 'r.owner_person_id';
  const rids: number[] = [];
  let next: string | null = null;
  const start = cursor ? order.indexOf(cursor[0] as number) : 0;
  if (start < 0) throw fieldError('after', 'invalid');
  for (let k = start; k < order.length && (limit < 0 || rids.length < limit); k++) {
    const g = order[k] as number;
    const conds = [...f.conds, g === noOwner ? `${column} IS NULL` : `${column} IN (SELECT value FROM json_each(?))`];
    const params: Param[] = [...f.params];
    if (g !== noOwner) params.push(JSON.stringify(groups[g]));
    if (cursor && k === start) {
      conds.push(`r.number ${cmp} ?`);
      params.push(cursor[1] as string);
    }
    const want = limit < 0 ? -1 : limit - rids.length;
    const rows = prepared(ctx, `SELECT r.rid, r.number FROM case_register r ${where(conds)} ORDER BY r.number ${dir} LIMIT ?`)
      .raw()
      .all(...params, want) as [number, string][];
    for (const [rid] of rows) rids.push(rid);
    const last = rows.at(-1);
    if (last && limit >= 0 && rids.length === limit) next = JSON.stringify([g, last[1]]);
  }
  return { rids, next };
}

// ---- rows ----------------------------------------------------------------------------------------

/** The register rows for `rids`, in that order, with their actions and clauses read by index. */
function enrich(ctx: ServiceContext, rids: number[], day: string): Enriched[] {
  if (!rids.length) return [];
  const list = JSON.stringify(rids);
  const rows = prepared(
    ctx,
    `SELECT c.rowid AS rid, c.*, f.number AS finding_number, f.audit_id AS audit_id, a.number AS audit_number, u.name AS unit_name,
            p.name AS owner_name, pr.name AS process_name
     FROM cases c
     JOIN units u ON u.id = c.unit_id
     LEFT JOIN people p ON p.id = c.owner_person_id
     LEFT JOIN processes pr ON pr.id = c.process_id
     LEFT JOIN findings f ON f.id = c.finding_id
     LEFT JOIN audits a ON a.id = f.audit_id
     WHERE c.rowid IN (SELECT value FROM json_each(?))`,
  ).all(list) as RegisterRow[];
  const byRid = new Map(rows.map((r) => [r.rid, r]));
  const ids = JSON.stringify(rows.map((r) => r.id));
  const actions = new Map<string, ActionFacts[]>();
  for (const a of prepared(
    ctx,
    'SELECT case_id, owner_person_id, due_date, done_on FROM case_actions WHERE case_id IN (SELECT value FROM json_each(?)) ORDER BY case_id, position',
  ).all(ids) as ActionFacts[]) {
    const acts = actions.get(a.case_id) ?? [];
    acts.push(a);
    actions.set(a.case_id, acts);
  }
  const clauses = new Map<string, string[]>();
  for (const c of prepared(ctx, 'SELECT case_id, clause_number FROM case_clauses WHERE case_id IN (SELECT value FROM json_each(?))').all(ids) as {
    case_id: string;
    clause_number: string;
  }[]) {
    const numbers = clauses.get(c.case_id) ?? [];
    numbers.push(c.clause_number);
    clauses.set(c.case_id, numbers);
  }
  return rids.flatMap((rid) => {
    const r = byRid.get(rid);
    if (!r) return [];
    const acts = actions.get(r.id) ?? [];
    const nextDue = nextDueDate({ status: r.status, dueDate: r.due_date }, acts.map((a) => ({ dueDate: a.due_date, doneOn: a.done_on })));
    return [
      {
        unitName: r.unit_name,
        ownerName: r.owner_name ?? '',
        processName: r.process_name ?? '',
        description: r.description,
        sourceReference: r.source_reference,
        correction: r.correction,
        rootCause: r.root_cause,
        item: {
          id: r.id, number: r.number, title: r.title, source: r.source, severity: r.severity, status: r.status, unitId: r.unit_id,
          processId: r.process_id, clauseNumbers: (clauses.get(r.id) ?? []).sort(compareClauseNumbers), ownerId: r.owner_person_id,
          findingId: r.finding_id, findingNumber: r.finding_number, auditId: r.audit_id, auditNumber: r.audit_number,
          detectedOn: r.detected_on, dueDate: r.due_date, nextDue, dueState: dueState(r.status, nextDue, day),
          actionCount: acts.length, openActionCount: acts.filter((a) => a.done_on === null).length,
          actionOwnerIds: [...new Set(acts.map((a) => a.owner_person_id))], closedOn: r.closed_on, revision: r.revision,
        },
      },
    ];
  });
}

/** The register rows matching `q`, in its order; also what the export and the CLI print. */
export function queryRegister(ctx: ServiceContext, q: CaseListQuery): Enriched[] {
  const day = today(ctx);
  return enrich(ctx, pageRids(ctx, q, day, null, -1).rids, day);
}

export function listCases(ctx: ServiceContext, q: CaseListQuery): CaseListItem[] {
  return queryRegister(ctx, q).map((e) => e.item);
}

/** One page of the register after a key, with the filter's total (counted once per filter). */
export function casePage(ctx: ServiceContext, p: CasePageQuery): CasePage {
  const day = today(ctx);
  const { rids, next } = pageRids(ctx, p.query, day, p.after, p.limit);
  return { total: countOf(ctx, p.query, day), rows: enrich(ctx, rids, day).map((e) => e.item), next };
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
  for (const { rank, n } of prepared(ctx, `SELECT ${CASE_COUNT_MARK} r.status_rank AS rank, count(*) AS n FROM case_register r GROUP BY r.status_rank`).all() as {
    rank: number;
    n: number;
  }[])
    byStatus[byRank.get(rank) as CaseStatus] = n;
  const byUnit = prepared(
    ctx,
    `SELECT ${CASE_COUNT_MARK} r.unit_id AS unitId, u.name AS unitName, count(*) AS total, sum(r.status_rank <> 4) AS notClosed,
       sum(r.due_rank = 0 AND r.due_key < ?) AS overdue, sum(r.due_rank = 0 AND r.due_key >= ? AND r.due_key <= ?) AS dueSoon,
       sum(r.status_rank = 4) AS closed
     FROM case_register r JOIN units u ON u.id = r.unit_id GROUP BY r.unit_id`,
  ).all(day, day, soon) as UnitCaseCounts[];
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



export function myActions(ctx: ServiceContext, personId: string): MyActions {
  const day = today(ctx);
  const rows = ctx.db
    .prepare(
      `SELECT a.id, a.case_id AS caseId, c.number AS caseNumber, c.title AS caseTitle, c.status AS caseStatus, c.revision AS caseRevision,
              a.description, a.due_date AS dueDate, a.done_on AS doneOn
       FROM case_actions a JOIN cases c ON c.id = a.case_id
       WHERE a.owner_person_id = ? AND c.status <> 'closed'`,
    )
    .all(personId) as Omit<MyAction, 'dueState'>[];
  const actions = rows
    .map((r) => ({ ...r, dueState: actionDueState(r, day) }))
    .sort((a, b) => DUE_ORDER[a.dueState] - DUE_ORDER[b.dueState] || byText(a.dueDate, b.dueDate) || byText(a.caseNumber, b.caseNumber));
  const base: CaseListQuery = { search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null,
    due: 'not_closed', auditId: null, sort: 'nextDue', descending: false };
  const roles = (ctx.db.prepare('SELECT roles_json FROM people WHERE id = ?').pluck().get(personId) as string | undefined) ?? '[]';
  const verifies = (JSON.parse(roles) as string[]).some((r) => r === 'auditor' || r === 'audit_lead');
  return {
    personId,
    actions,
    cases: listCases(ctx, base).filter((c) => c.ownerId === personId),
    toVerify: verifies ? listCases(ctx, { ...base, statuses: ['implemented'] }) : [],
  };
}
