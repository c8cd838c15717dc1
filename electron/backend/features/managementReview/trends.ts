import type { ParsedInputOf } from '../../../../shared/contract';
import type { Trends } from '../../../../shared/domain/managementReview';
import type { ServiceContext } from '../../core/context';
import { changeStamp } from '../../db/statements';

/**
 * Trends for management review and the overview, counted by SQLite from the counts migration 014
 * keeps (per audit; steps and a distribution for the cases), never from the findings or cases
 * themselves. Findings count for audits that were conducted (reported or closed), in the year the
 * audit ended; clauses and units count only what management acts on (nonconformities and
 * observations, as the kept counts do); cases in the year they were closed.
 */
const CONDUCTED = `a.status IN ('reported','closed')`;
const UNITS_SHOWN = 10;

/**
 * The last answer per database, kept while nothing was written (see changeStamp): the overview
 * asks on every visit, and a large register takes a moment to count.
 */
const cache = new WeakMap<object, { key: string; value: Trends }>();

export function trends(ctx: ServiceContext, q: ParsedInputOf<'managementReview.trends'>): Trends {
  const stamp = changeStamp(ctx.db);
  if (stamp === null) return count(ctx, q);
  const key = [stamp, JSON.stringify(q), ctx.now().toISOString().slice(0, 10)].join('|');
  const hit = cache.get(ctx.db);
  if (hit?.key === key) return hit.value;
  const value = count(ctx, q);
  cache.set(ctx.db, { key, value });
  return value;
}

function count(ctx: ServiceContext, q: ParsedInputOf<'managementReview.trends'>): Trends {
  const db = ctx.db;
  const thisYear = ctx.now().getUTCFullYear();
  const toYear = q.toYear ?? thisYear;
  // by default the last five years, but not years before the register holds anything
  const firstYear = Number(
    db
      .prepare(
        `SELECT min(y) FROM (SELECT min(substr(end_date, 1, 4)) AS y FROM audits a WHERE ${CONDUCTED}
           UNION ALL SELECT min(substr(detected_on, 1, 4)) FROM cases)`,
      )
      .pluck()
      .get() ?? toYear,
  );
  const fromYear = Math.min(q.fromYear ?? Math.max(toYear - 4, firstYear || toYear), toYear);
  const from = `${fromYear}-01-01`;
  const to = `${toYear}-12-31`;
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);

  // Grouped by position: \`year\` would name the audit's planned year (audits.year), not the year it ended.
  // The findings are counted per audit already (migration 014 keeps those counts): each query reads
  // the conducted audits of the span and their few count rows, never the findings.
  const span = `FROM audits a INDEXED BY audits_trend WHERE a.end_date BETWEEN ? AND ? AND ${CONDUCTED}`;
  const typeRows = db
    .prepare(
      `SELECT CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, x.type, sum(x.n) AS n
       ${span.replace('WHERE', 'JOIN trend_audit_types x ON x.audit_id = a.id WHERE')} GROUP BY 1, 2`,
    )
    .all(from, to) as { year: number; type: string; n: number }[];
  const findingsByType = years.map((year) => {
    const row = { year, major_nc: 0, minor_nc: 0, observation: 0, ofi: 0, strength: 0 };
    for (const r of typeRows) if (r.year === year && r.type in row) (row as Record<string, number>)[r.type] = r.n;
    return row;
  });

  const clauseRows = db
    .prepare(
      `SELECT x.clause_number AS key, CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, sum(x.n) AS n
       ${span.replace('WHERE', 'JOIN trend_audit_clauses x ON x.audit_id = a.id WHERE')} GROUP BY 1, 2`,
    )
    .all(from, to) as PerYearRow[];
  // A finding without a unit of its own ('' in the counts) counts for the first unit its audit covered.
  const unitRows = db
    .prepare(
      `SELECT coalesce(u.name, '') AS key, CAST(substr(a.end_date, 1, 4) AS INTEGER) AS year, sum(x.n) AS n
       ${span.replace(
         'WHERE',
         `JOIN trend_audit_units x ON x.audit_id = a.id
          LEFT JOIN units u ON u.id = CASE WHEN x.unit_id <> '' THEN x.unit_id ELSE (SELECT au.unit_id FROM audit_units au WHERE au.audit_id = a.id ORDER BY au.unit_id LIMIT 1) END
          WHERE`,
       )} GROUP BY 1, 2`,
    )
    .all(from, to) as PerYearRow[];

  // Median and mean days to closing, from the distribution kept per year (migration 014): the value
  // at the middle position (or the mean of the two middle ones) of each year's sorted days.
  const closure = db
    .prepare(
      `WITH h AS (
         SELECT year, days, n, sum(n) OVER (PARTITION BY year ORDER BY days ROWS UNBOUNDED PRECEDING) AS upto, sum(n) OVER (PARTITION BY year) AS total
         FROM trend_case_closure WHERE year BETWEEN ? AND ?)
       SELECT year, max(total) AS closed,
         (max(CASE WHEN upto - n < (total + 1) / 2 AND (total + 1) / 2 <= upto THEN days END)
          + max(CASE WHEN upto - n < (total + 2) / 2 AND (total + 2) / 2 <= upto THEN days END)) / 2.0 AS medianDays,
         sum(days * n) / max(total) AS meanDays
       FROM h GROUP BY year`,
    )
    .all(fromYear, toYear) as { year: number; closed: number; medianDays: number; meanDays: number }[];

  // Quarter ends up to today: a quarter that has not ended yet is shown as it stands now.
  const today = ctx.now().toISOString().slice(0, 10);
  const quarterEnds = years.flatMap((y) => [`${y}-03-31`, `${y}-06-30`, `${y}-09-30`, `${y}-12-31`]).filter((d) => d <= today);
  if (today >= from && today < to && quarterEnds[quarterEnds.length - 1] !== today) quarterEnds.push(today);
  // Open and overdue cases on each day asked: the running sum of the kept steps (migration 014), each
  // day placed after the steps that hold on it (day <= t) and before those that need day < t.
  const overdue = quarterEnds.length
    ? (db
        .prepare(
          `WITH s AS (
             SELECT day, 2 * strict AS k, open, overdue, NULL AS at FROM trend_case_events
             UNION ALL SELECT value, 1, 0, 0, value FROM json_each(?)),
           running AS (SELECT at, sum(open) OVER w AS open, sum(overdue) OVER w AS overdue FROM s WINDOW w AS (ORDER BY day, k ROWS UNBOUNDED PRECEDING))
           SELECT at, open, overdue FROM running WHERE at IS NOT NULL ORDER BY at`,
        )
        .all(JSON.stringify(quarterEnds)) as Trends['overdue'])
    : [];

  const round = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);
  return {
    fromYear,
    toYear,
    years,
    findingsByType,
    topClauses: ranked(clauseRows, q.topClauses).map((r) => ({ clause: r.key, total: r.total, perYear: r.perYear })),
    byUnit: ranked(unitRows, UNITS_SHOWN).map((r) => ({ unit: r.key, total: r.total, perYear: r.perYear })),
    closure: years.map((year) => {
      const c = closure.find((r) => r.year === year);
      return { year, closed: c?.closed ?? 0, medianDays: round(c?.medianDays ?? null), meanDays: round(c?.meanDays ?? null) };
    }),
    overdue,
  };
}

interface PerYearRow {
  key: string;
  year: number;
  n: number;
}

/** Already-aggregated rows (one per key and year) folded per key, largest total first. */
function ranked(rows: PerYearRow[], limit: number): { key: string; total: number; perYear: Record<number, number> }[] {
  const byKey = new Map<string, { key: string; total: number; perYear: Record<number, number> }>();
  for (const r of rows) {
    const entry = byKey.get(r.key) ?? { key: r.key, total: 0, perYear: {} };
    entry.total += r.n;
    entry.perYear[r.year] = (entry.perYear[r.year] ?? 0) + r.n;
    byKey.set(r.key, entry);
  }
  return [...byKey.values()]
    .sort((x, y) => y.total - x.total || x.key.localeCompare(y.key, 'sv', { numeric: true }))
    .slice(0, limit);
}
