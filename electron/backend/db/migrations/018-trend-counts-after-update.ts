import { countIn, countOut, pair } from './014-trend-counts';

/**
 * The kept trend counts took an updated row out in a BEFORE UPDATE trigger and put it back in an
 * AFTER UPDATE one. An update that is then skipped (UPDATE OR IGNORE meeting a clause the finding
 * already has) runs the first and not the second, and the count was lost. Both halves now run
 * after the row changed; SQLite runs no AFTER trigger for a skipped row.
 */
export const sql = `
DROP TRIGGER trend_findings_bu;
DROP TRIGGER trend_findings_au;
CREATE TRIGGER trend_findings_au AFTER UPDATE OF id, audit_id, type, unit_id ON findings BEGIN ${countOut('old')} ${countIn('new')} END;
DROP TRIGGER trend_finding_clauses_bu;
DROP TRIGGER trend_finding_clauses_au;
CREATE TRIGGER trend_finding_clauses_au AFTER UPDATE ON finding_clauses BEGIN ${pair('old', -1)} ${pair('new', 1)} END;
`;
