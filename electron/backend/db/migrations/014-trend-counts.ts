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
 */
const ISSUE = (f: string) => `${f}.type IN ('major_nc','minor_nc','observation')`;

const add = (table: string, key: string, select: string) =>
  `INSERT INTO ${table} (audit_id, ${key}, n) ${select} ON CONFLICT (audit_id, ${key}) DO UPDATE SET n = n + excluded.n;`;
const sub = (table: string, key: string, auditId: string, keyValue: string, when = 'true') =>
  `UPDATE ${table} SET n = n - 1 WHERE audit_id = ${auditId} AND ${key} = ${keyValue} AND ${when};
   DELETE FROM ${table} WHERE audit_id = ${auditId} AND ${key} = ${keyValue} AND n <= 0;`;

/** Counts finding `r` (new or old) and its clauses in, or out. */
const countIn = (r: 'new' | 'old') => `
  ${add('trend_audit_types', 'type', `SELECT ${r}.audit_id, ${r}.type, 1 WHERE true`)}
  ${add('trend_audit_units', 'unit_id', `SELECT ${r}.audit_id, coalesce(${r}.unit_id, ''), 1 WHERE ${ISSUE(r)}`)}
  ${add('trend_audit_clauses', 'clause_number', `SELECT ${r}.audit_id, fc.clause_number, 1 FROM finding_clauses fc WHERE fc.finding_id = ${r}.id AND ${ISSUE(r)}`)}`;
const countOut = (r: 'new' | 'old') => `
  ${sub('trend_audit_types', 'type', `${r}.audit_id`, `${r}.type`)}
  ${sub('trend_audit_units', 'unit_id', `${r}.audit_id`, `coalesce(${r}.unit_id, '')`, ISSUE(r))}
  UPDATE trend_audit_clauses SET n = n - 1
    WHERE audit_id = ${r}.audit_id AND ${ISSUE(r)} AND clause_number IN (SELECT fc.clause_number FROM finding_clauses fc WHERE fc.finding_id = ${r}.id);
  DELETE FROM trend_audit_clauses WHERE audit_id = ${r}.audit_id AND n <= 0;`;

/** Counts the pair (finding, clause) of finding_clauses row `r` in or out, if its finding is there. */
const pair = (r: 'new' | 'old', sign: 1 | -1) =>
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

export const sql = `
CREATE TABLE trend_audit_types (
  audit_id TEXT NOT NULL,
  type TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (audit_id, type)
) STRICT, WITHOUT ROWID;
CREATE TABLE trend_audit_units (
  audit_id TEXT NOT NULL,
  unit_id TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (audit_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE TABLE trend_audit_clauses (
  audit_id TEXT NOT NULL,
  clause_number TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (audit_id, clause_number)
) STRICT, WITHOUT ROWID;
INSERT INTO trend_audit_types (audit_id, type, n) ${TREND_COUNTS_FROM_FINDINGS.trend_audit_types};
INSERT INTO trend_audit_units (audit_id, unit_id, n) ${TREND_COUNTS_FROM_FINDINGS.trend_audit_units};
INSERT INTO trend_audit_clauses (audit_id, clause_number, n) ${TREND_COUNTS_FROM_FINDINGS.trend_audit_clauses};

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
