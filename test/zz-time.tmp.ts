import path from 'node:path';
import { Backend } from '../electron/backend/backend';
const dir = '/tmp/tb';
void (async () => { for (const q of [{ topClauses: 8 }, { fromYear: 2010, topClauses: 8 }, { topClauses: 8 }]) {
  const b = new Backend({ dataDir: dir, transport: 'http', version: 'bench' });
  b.open(path.join(dir, 'g.sqlite'));
  const t = performance.now();
  await b.call('managementReview.trends', q);
  console.log(JSON.stringify(q), (performance.now() - t).toFixed(1));
  const db = b.database;
  const time = (label: string, sql: string, ...args: unknown[]) => { const t = performance.now(); db.prepare(sql).all(...args); console.log('  ', label, (performance.now() - t).toFixed(1)); };
  time('closure', `WITH d AS (SELECT CAST(substr(closed_on, 1, 4) AS INTEGER) AS year, julianday(closed_on) - julianday(detected_on) AS days FROM cases WHERE closed_on BETWEEN ? AND ?),
       r AS (SELECT year, days, row_number() OVER (PARTITION BY year ORDER BY days) AS rn, count(*) OVER (PARTITION BY year) AS n FROM d)
       SELECT year, max(n) AS closed, avg(CASE WHEN rn IN ((n + 1) / 2, (n + 2) / 2) THEN days END) AS medianDays, avg(days) AS meanDays FROM r GROUP BY year`, '2010-01-01', '2026-12-31');
  const ends = []; for (let y = 2010; y <= 2026; y++) ends.push(`${y}-03-31`, `${y}-06-30`, `${y}-09-30`, `${y}-12-31`);
  time('overdue', `WITH q(at) AS (SELECT value FROM json_each(?)) SELECT q.at, count(c.id) AS open, count(CASE WHEN c.due_date < q.at THEN 1 END) AS overdue
           FROM q LEFT JOIN cases c ON c.detected_on <= q.at AND (c.closed_on IS NULL OR c.closed_on > q.at) GROUP BY q.at ORDER BY q.at`, JSON.stringify(ends));
  b.close();
} })();
