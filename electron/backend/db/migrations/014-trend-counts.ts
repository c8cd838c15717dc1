/**
 * The management review's trends (and the overview's charts) at a million findings. Counting the
 * findings themselves per year, clause and unit took seconds; these three small tables hold the
 * counts per audit instead (a few rows per audit), so a trend reads thousands of rows, not millions.
 * Per audit, not per year: an audit's year and status (when it was conducted, when it ended) and
 * its first unit are read from the audit when the trends are asked, so changing an audit moves its
 * counts without any trigger on audits. Triggers on findings and finding_clauses keep the counts
 * exact whoever writes (a form, a package import, a sync), and the tables never travel: they are
 * derived from what does.
 *
 * - trend_audit_types: findings per audit and type.
 * - trend_audit_units: nonconformities and observations per audit and the finding's own unit
 *   ('' for none; the trends count those under the audit's first unit).
 * - trend_audit_clauses: nonconformities and observations per audit and clause.
 *
 * A pair (finding, clause) counts while both rows exist, whichever arrives first: a finding's
 * clauses may be written before the finding when a package is applied.
 *
 * The cases' side, kept by triggers on cases:
 * - trend_case_events: how many cases are open, and overdue, as steps over the calendar. A case is
 *   open on day t when detected_on <= t and not closed_on <= t; overdue when also due_date < t. Each
 *   condition switches on once at a threshold (day, strict): it holds on t when day < t (strict) or
 *   day <= t. So a case adds +1 where it opens and -1 where the later of "opened" and "closed"
 *   holds; the count on any day is the running sum up to it. A few rows per day instead of a pass
 *   over every case for every quarter end.
 * - trend_case_closure: closed cases per year closed and days from detection to closing, from which
 *   the median and mean are read exactly.
 */
const ISSUE = (f: string) => `${f}.type IN ('major_nc','minor_nc','observation')`;

const add = (table: string, key: string, select: string) =>
  `INSERT INTO ${table} (audit_id, ${key}, n) ${select} ON CONFLICT (audit_id, ${key}) DO UPDATE SET n = n + excluded.n;`;
const sub = (table: string, key: string, auditId: string, keyValue: string, when = 'true') =>
  `UPDATE ${table} SET n = n - 1 WHERE audit_id = ${auditId} AND ${key} = ${keyValue} AND ${when};
   DELETE FROM ${table} WHERE audit_id = ${auditId} AND ${key} = ${keyValue} AND n <= 0;`;

/** Counts finding `r` (new or old) and its clauses in, or out. */
export const countIn = (r: 'new' | 'old') => `
  ${add('trend_audit_types', 'type', `SELECT ${r}.audit_id, ${r}.type, 1 WHERE true`)}
  ${add('trend_audit_units', 'unit_id', `SELECT ${r}.audit_id, coalesce(${r}.unit_id, ''), 1 WHERE ${ISSUE(r)}`)}
  ${add('trend_audit_clauses', 'clause_number', `SELECT ${r}.audit_id, fc.clause_number, 1 FROM finding_clauses fc WHERE fc.finding_id = ${r}.id AND ${ISSUE(r)}`)}`;
export const countOut = (r: 'new' | 'old') => `
  ${sub('trend_audit_types', 'type', `${r}.audit_id`, `${r}.type`)}
  ${sub('trend_audit_units', 'unit_id', `${r}.audit_id`, `coalesce(${r}.unit_id, '')`, ISSUE(r))}
  UPDATE trend_audit_clauses SET n = n - 1
    WHERE audit_id = ${r}.audit_id AND ${ISSUE(r)} AND clause_number IN (SELECT fc.clause_number FROM finding_clauses fc WHERE fc.finding_id = ${r}.id);
  DELETE FROM trend_audit_clauses WHERE audit_id = ${r}.audit_id AND n <= 0;`;

/** Counts the pair (finding, clause) of finding_clauses row `r` in or out, if its finding is there. */
export const pair = (r: 'new' | 'old', sign: 1 | -1) =>
  sign === 1
    ? add('trend_audit_clauses', 'clause_number', `SELECT f.audit_id, ${r}.clause_number, 1 FROM findings f WHERE f.id = ${r}.finding_id AND ${ISSUE('f')}`)
    : `UPDATE trend_audit_clauses SET n = n - 1 WHERE clause_number = ${r}.clause_number
         AND audit_id = (SELECT f.audit_id FROM findings f WHERE f.id = ${r}.finding_id AND ${ISSUE('f')});
       DELETE FROM trend_audit_clauses WHERE clause_number = ${r}.clause_number AND n <= 0
         AND audit_id = (SELECT f.audit_id FROM findings f WHERE f.id = ${r}.finding_id);`;

/** The counts from scratch: the migration's backfill, and what the test compares the kept counts with. */
export const TREND_COUNTS_FROM_FINDINGS = {
  trend_audit_types: `SELECT audit_id, type, count(*) AS n FROM findings GROUP BY audit_id, type`,
  trend_audit_units: `SELECT audit_id, coalesce(unit_id, '') AS unit_id, count(*) AS n FROM findings f WHERE ${ISSUE('f')} GROUP BY 1, 2`,
  trend_audit_clauses: `SELECT f.audit_id, fc.clause_number, count(*) AS n FROM findings f JOIN finding_clauses fc ON fc.finding_id = f.id
    WHERE ${ISSUE('f')} GROUP BY 1, 2`,
};

/** The step rows of case `r` (new or old), each delta multiplied by `sign`. */
const caseEvents = (r: 'new' | 'old', sign: 1 | -1) => {
  const overdueOn = `CASE WHEN ${r}.due_date >= ${r}.detected_on THEN ${r}.due_date ELSE ${r}.detected_on END`;
  const overdueStrict = `CASE WHEN ${r}.due_date >= ${r}.detected_on THEN 1 ELSE 0 END`;
  return `INSERT INTO trend_case_events (day, strict, open, overdue)
    SELECT day, strict, ${sign} * sum(open), ${sign} * sum(overdue) FROM (
      SELECT ${r}.detected_on AS day, 0 AS strict, 1 AS open, 0 AS overdue
      UNION ALL SELECT max(${r}.detected_on, ${r}.closed_on), 0, -1, 0 WHERE ${r}.closed_on IS NOT NULL
      UNION ALL SELECT ${overdueOn}, ${overdueStrict}, 0, 1 WHERE ${r}.due_date IS NOT NULL
      UNION ALL SELECT CASE WHEN ${r}.closed_on > ${overdueOn} THEN ${r}.closed_on ELSE ${overdueOn} END,
                       CASE WHEN ${r}.closed_on > ${overdueOn} THEN 0 ELSE ${overdueStrict} END, 0, -1
                WHERE ${r}.due_date IS NOT NULL AND ${r}.closed_on IS NOT NULL)
    GROUP BY day, strict
    ON CONFLICT (day, strict) DO UPDATE SET open = open + excluded.open, overdue = overdue + excluded.overdue;`;
};
const closureOf = (r: 'new' | 'old') =>
  `SELECT CAST(substr(${r}.closed_on, 1, 4) AS INTEGER) AS year, julianday(${r}.closed_on) - julianday(${r}.detected_on) AS days
   WHERE ${r}.closed_on IS NOT NULL AND julianday(${r}.closed_on) - julianday(${r}.detected_on) IS NOT NULL`;
const closureIn = (r: 'new' | 'old') =>
  `INSERT INTO trend_case_closure (year, days, n) SELECT year, days, 1 FROM (${closureOf(r)}) WHERE true
   ON CONFLICT (year, days) DO UPDATE SET n = n + 1;`;
const closureOut = (r: 'new' | 'old') =>
  `UPDATE trend_case_closure SET n = n - 1 WHERE (year, days) IN (${closureOf(r)});
   DELETE FROM trend_case_closure WHERE (year, days) IN (${closureOf(r)}) AND n <= 0;`;

/** The cases' step rows from scratch, without the rows whose deltas cancel out. */
export const TREND_CASE_EVENTS_FROM_CASES = `SELECT day, strict, sum(open) AS open, sum(overdue) AS overdue FROM (
  SELECT detected_on AS day, 0 AS strict, 1 AS open, 0 AS overdue FROM cases
  UNION ALL SELECT max(detected_on, closed_on), 0, -1, 0 FROM cases WHERE closed_on IS NOT NULL
  UNION ALL SELECT CASE WHEN due_date >= detected_on THEN due_date ELSE detected_on END, CASE WHEN due_date >= detected_on THEN 1 ELSE 0 END, 0, 1
    FROM cases WHERE due_date IS NOT NULL
  UNION ALL SELECT CASE WHEN closed_on > o THEN closed_on ELSE o END, CASE WHEN closed_on > o THEN 0 ELSE s END, 0, -1
    FROM (SELECT closed_on, CASE WHEN due_date >= detected_on THEN due_date ELSE detected_on END AS o, CASE WHEN due_date >= detected_on THEN 1 ELSE 0 END AS s
          FROM cases WHERE due_date IS NOT NULL AND closed_on IS NOT NULL))
  GROUP BY day, strict HAVING sum(open) <> 0 OR sum(overdue) <> 0`;
export const TREND_CASE_CLOSURE_FROM_CASES = `SELECT CAST(substr(closed_on, 1, 4) AS INTEGER) AS year, julianday(closed_on) - julianday(detected_on) AS days, count(*) AS n
  FROM cases WHERE closed_on IS NOT NULL AND julianday(closed_on) - julianday(detected_on) IS NOT NULL GROUP BY 1, 2`;

export const sql = `
CREATE TABLE trend_audit_types (
  audit_id TEXT NOT NULL,
  type TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (audit_id, type)
) WITHOUT ROWID, STRICT;
CREATE TABLE trend_audit_units (
  audit_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (audit_id, unit_id)
) WITHOUT ROWID, STRICT;
CREATE TABLE trend_audit_clauses (
  audit_id TEXT NOT NULL,
  clause_number TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (audit_id, clause_number)
) WITHOUT ROWID, STRICT;
INSERT INTO trend_audit_types (audit_id, type, n) ${TREND_COUNTS_FROM_FINDINGS.trend_audit_types};
INSERT INTO trend_audit_units (audit_id, unit_id, n) ${TREND_COUNTS_FROM_FINDINGS.trend_audit_units};
INSERT INTO trend_audit_clauses (audit_id, clause_number, n) ${TREND_COUNTS_FROM_FINDINGS.trend_audit_clauses};

CREATE TABLE trend_case_events (
  day TEXT NOT NULL,
  strict INTEGER NOT NULL,
  open INTEGER NOT NULL,
  overdue INTEGER NOT NULL,
  PRIMARY KEY (day, strict)
) WITHOUT ROWID, STRICT;
INSERT INTO trend_case_events (day, strict, open, overdue) ${TREND_CASE_EVENTS_FROM_CASES};
CREATE TABLE trend_case_closure (
  year INTEGER NOT NULL,
  days REAL NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (year, days)
) WITHOUT ROWID, STRICT;
INSERT INTO trend_case_closure (year, days, n) ${TREND_CASE_CLOSURE_FROM_CASES};
CREATE TRIGGER trend_cases_ai AFTER INSERT ON cases BEGIN ${caseEvents('new', 1)} ${closureIn('new')} END;
CREATE TRIGGER trend_cases_ad AFTER DELETE ON cases BEGIN ${caseEvents('old', -1)} ${closureOut('old')} END;
CREATE TRIGGER trend_cases_au AFTER UPDATE OF detected_on, due_date, closed_on ON cases BEGIN
  ${caseEvents('old', -1)} ${caseEvents('new', 1)} ${closureOut('old')} ${closureIn('new')}
END;

-- The first day the register holds a case (where the trends start by default), read as one lookup.
CREATE INDEX cases_detected_on ON cases(detected_on);
-- The audits conducted in a span, found without reading every audit.
CREATE INDEX audits_trend ON audits(end_date, status);

CREATE TRIGGER trend_findings_ai AFTER INSERT ON findings BEGIN ${countIn('new')} END;
-- Before the row goes: its clauses are still there to be counted out (a cascade removes them after).
CREATE TRIGGER trend_findings_bd BEFORE DELETE ON findings BEGIN ${countOut('old')} END;
CREATE TRIGGER trend_findings_bu BEFORE UPDATE OF id, audit_id, type, unit_id ON findings BEGIN ${countOut('old')} END;
CREATE TRIGGER trend_findings_au AFTER UPDATE OF id, audit_id, type, unit_id ON findings BEGIN ${countIn('new')} END;
CREATE TRIGGER trend_finding_clauses_ai AFTER INSERT ON finding_clauses BEGIN ${pair('new', 1)} END;
CREATE TRIGGER trend_finding_clauses_bd BEFORE DELETE ON finding_clauses BEGIN ${pair('old', -1)} END;
CREATE TRIGGER trend_finding_clauses_bu BEFORE UPDATE ON finding_clauses BEGIN ${pair('old', -1)} END;
CREATE TRIGGER trend_finding_clauses_au AFTER UPDATE ON finding_clauses BEGIN ${pair('new', 1)} END;
`;
