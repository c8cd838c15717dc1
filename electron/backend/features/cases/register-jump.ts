import type { CaseListQuery, CasePage, CasePageQuery } from '../../../../shared/domain/cases';
import type { ServiceContext } from '../../core/context';
import { fieldError } from '../../core/context';
import { prepared } from '../../db/statements';
import { CASE_COUNT_MARK, INDEXED_ORDERS, cacheFor, casePage, filters, keysetAfter, matchCount, nameOrder, pageStatement, where } from './register';
import { today } from './service';

/**
 * A page of the cases register at any position (`offset`), for a scrollbar dragged anywhere: the
 * keyset pages of `register.ts` are read in order, from the top or from the page before.
 *
 * No OFFSET over the whole register: the first jump in a filter and order keeps the key of every
 * CASE_JUMP_STEP-th row (one pass over the order's index, row_number() counted by SQLite, no row
 * read), kept like the counts until the data changes. A jump is then the keyset page after the
 * nearest kept key, after passing over fewer than CASE_JUMP_STEP keys of the same index.
 */

/** Rows between kept keys: a jump passes over fewer than this many keys after the nearest one. */
export const CASE_JUMP_STEP = 200;

/** Kept keys per filter and order, for as long as the counts' cache (the data and the day) holds. */
const kept = new WeakMap<object, Map<string, string[]>>();

/** The statement's key columns as k0, k1, …, in the order's direction. */
const keyColumns = (cols: string[]) => cols.map((c, k) => `${c} AS k${k}`).join(', ');
const orderBy = (cols: string[], dir: string) => cols.map((c) => `${c} ${dir}`).join(', ');

/**
 * `after` keys for the rows at CASE_JUMP_STEP − 1, 2·CASE_JUMP_STEP − 1, …: the page after
 * `keys[j]` starts at row (j + 1)·CASE_JUMP_STEP. The same keys `next` gives.
 */
function jumpKeys(ctx: ServiceContext, q: CaseListQuery, day: string): string[] {
  const cache = cacheFor(ctx, day);
  let byQuery = kept.get(cache);
  if (!byQuery) kept.set(cache, (byQuery = new Map()));
  const id = JSON.stringify(q);
  const hit = byQuery.get(id);
  if (hit) return hit;
  const f = filters(ctx, q, day);
  const dir = q.descending ? 'DESC' : 'ASC';
  const keys: string[] = [];
  if (q.sort !== 'unit' && q.sort !== 'owner') {
    const cols = INDEXED_ORDERS[q.sort];
    const rows = prepared(
      ctx.db,
      `SELECT ${cols.map((_c, k) => `k${k}`).join(', ')} FROM (
         SELECT ${CASE_COUNT_MARK} ${keyColumns(cols)}, row_number() OVER (ORDER BY ${orderBy(cols, dir)}) AS n FROM case_register r ${where(f.conds)}
       ) WHERE n % ${CASE_JUMP_STEP} = 0`,
    )
      .raw()
      .all(...f.params) as (string | number)[][];
    for (const r of rows) keys.push(JSON.stringify(r));
  } else if (q.clause !== null || q.ownerId !== null) {
    // A filter on clauses or action owners: SQLite gathers its matches from the whole register once
    // per statement, so not group by group (seconds at a million cases) but in one pass, the matches
    // put in the register's order here: each name's place in the walk, then the number.
    const { groups, order, noOwner, column } = nameOrder(ctx, q.sort, q.descending);
    const place = new Map(order.map((g, k) => [g, k]));
    const params: (string | number)[] = [];
    const byName = (value: (g: number) => number) => {
      const whens = groups.flatMap((ids, g) => ids.map((unit) => (params.push(unit, value(g)), 'WHEN ? THEN ?')));
      return `CASE ${column} ${whens.join(' ')} ELSE ${value(noOwner)} END`;
    };
    const group = byName((g) => g);
    const at = byName((g) => place.get(g) ?? -1);
    const rows = prepared(
      ctx.db,
      `SELECT g, number FROM (
         SELECT ${CASE_COUNT_MARK} ${group} AS g, r.number, row_number() OVER (ORDER BY ${at}, r.number ${dir}) AS n FROM case_register r ${where(f.conds)}
       ) WHERE n % ${CASE_JUMP_STEP} = 0`,
    )
      .raw()
      .all(...params, ...f.params) as [number, string][];
    for (const r of rows) keys.push(JSON.stringify(r));
  } else {
    // Group by group in the register's order; a kept key is [group, number], as `next` is.
    const { groups, order, noOwner, column } = nameOrder(ctx, q.sort, q.descending);
    let before = 0;
    for (const g of order) {
      const conds = [...f.conds, g === noOwner ? `${column} IS NULL` : `${column} IN (SELECT value FROM json_each(?))`];
      const params = g === noOwner ? f.params : [...f.params, JSON.stringify(groups[g])];
      const numbers = prepared(
        ctx.db,
        `SELECT number FROM (
           SELECT ${CASE_COUNT_MARK} r.number, row_number() OVER (ORDER BY r.number ${dir}) AS n FROM case_register r ${where(conds)}
         ) WHERE (n + ?) % ${CASE_JUMP_STEP} = 0`,
      )
        .pluck()
        .all(...params, before % CASE_JUMP_STEP) as string[];
      for (const n of numbers) keys.push(JSON.stringify([g, n]));
      before += prepared(ctx.db, `SELECT ${CASE_COUNT_MARK} count(*) FROM case_register r ${where(conds)}`).pluck().get(...params) as number;
    }
  }
  if (byQuery.size >= 32) byQuery.delete(byQuery.keys().next().value as string);
  byQuery.set(id, keys);
  return keys;
}

/** The key `skip` rows (fewer than CASE_JUMP_STEP) after `after`: read from the order's index, in one statement where it can be. */
function passOver(ctx: ServiceContext, q: CaseListQuery, day: string, after: string | null, skip: number): string | null {
  if (q.sort === 'unit' || q.sort === 'owner') return casePage(ctx, { query: q, after, limit: skip }).next;
  const cols = INDEXED_ORDERS[q.sort];
  const f = filters(ctx, q, day);
  const keyset: string[] = [];
  const params = [...f.params];
  if (after !== null) {
    // a kept key, so well formed
    const k = keysetAfter(cols, JSON.parse(after) as (string | number)[], f.pinned, q.descending);
    keyset.push(k.cond);
    params.push(...k.params);
  }
  params.push(skip - 1);
  // Down the order's index where SQLite would sort the filter's rows instead, as a page is read.
  const sql = (from: string, walk: boolean) =>
    `SELECT ${keyColumns(cols)} FROM ${from} ${where([...(walk ? filters(ctx, q, day, true).conds : f.conds), ...keyset])} ORDER BY ${orderBy(cols, q.descending ? 'DESC' : 'ASC')} LIMIT 1 OFFSET ?`;
  const key = pageStatement(ctx, q, skip, () => matchCount(ctx, q, day), sql, params)
    .raw()
    .get(...params) as (string | number)[] | undefined;
  return key ? JSON.stringify(key) : null;
}

/** The page of the register starting at row `p.offset`, with the total and the key of the next page. */
export function casePageAt(ctx: ServiceContext, p: CasePageQuery & { offset: number }): CasePage {
  if (p.after !== null) throw fieldError('offset', 'invalid');
  const day = today(ctx);
  const step = Math.floor(p.offset / CASE_JUMP_STEP);
  const skip = p.offset - step * CASE_JUMP_STEP;
  let after: string | null = null;
  if (step > 0) {
    const keys = jumpKeys(ctx, p.query, day);
    // past the end: no rows, as a keyset page after the last one
    if (step > keys.length) return { ...casePage(ctx, { query: p.query, after: null, limit: 1 }), rows: [], next: null };
    after = keys[step - 1] as string;
  }
  if (skip) {
    after = passOver(ctx, p.query, day, after, skip);
    if (after === null) return { ...casePage(ctx, { query: p.query, after: null, limit: 1 }), rows: [], next: null };
  }
  return casePage(ctx, { query: p.query, after, limit: p.limit });
}
