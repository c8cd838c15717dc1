/**
 * A register row's actions and clauses, kept in `case_register` beside the columns it filters and
 * sorts on. A register page showed them through two subqueries per row, each a seek into another
 * table (case_actions' index and rows, case_clauses' index): at a million cases those seeks were a
 * third of the page's time, and they grew with the tables. Now a row is its register entry and its
 * case, nothing else.
 *
 * `actions` is each action's owner, followed by '*' while it is not done, in plan order (position),
 * separated by the unit separator (char 31), as the page read them before; `clauses` the case's
 * clause numbers the same way. NULL when there are none. The triggers of migration 013 are
 * replaced by ones writing the two new columns, and the case's clauses and its actions' owners and
 * positions now refresh the row too.
 */
/**
 * A case's actions and clauses as the register row keeps them, for the case `c`: concatenated from
 * an ordered subquery, not with an ORDER BY inside group_concat, which an SQLite older than 3.44
 * (the sqlite3 tool an administrator may open the file with) cannot read in the triggers.
 */
const ACTIONS = `(SELECT group_concat(x, char(31)) FROM (SELECT a.owner_person_id || iif(a.done_on IS NULL, '*', '') AS x FROM case_actions a WHERE a.case_id = c.id ORDER BY a.position, a.rowid))`;
const CLAUSES = `(SELECT group_concat(x, char(31)) FROM (SELECT cc.clause_number AS x FROM case_clauses cc WHERE cc.case_id = c.id ORDER BY cc.clause_number))`;

export const SOURCE = `
SELECT rid, number, status, status_rank, unit_id, process_id, source, owner_person_id, audit_id, detected_on,
  CASE WHEN status = 'closed' THEN 2 WHEN d IS NULL THEN 1 ELSE 0 END AS due_rank,
  CASE WHEN status = 'closed' OR d IS NULL THEN '' ELSE d END AS due_key, actions, clauses
FROM (
  SELECT c.rowid AS rid, c.number, c.status,
    CASE c.status WHEN 'open' THEN 0 WHEN 'reopened' THEN 1 WHEN 'action_planned' THEN 2 WHEN 'implemented' THEN 3 ELSE 4 END AS status_rank,
    c.unit_id, c.process_id, c.source, c.owner_person_id, (SELECT f.audit_id FROM findings f WHERE f.id = c.finding_id) AS audit_id, c.detected_on,
    coalesce((SELECT min(a.due_date) FROM case_actions a WHERE a.case_id = c.id AND a.done_on IS NULL), c.due_date) AS d,
    ${ACTIONS} AS actions, ${CLAUSES} AS clauses
  FROM cases c`;
export const COLUMNS = 'rid, number, status, status_rank, unit_id, process_id, source, owner_person_id, audit_id, detected_on, due_rank, due_key, actions, clauses';

/** Rewrites the register row of the case with rowid `rid` (an SQL expression). */
const refresh = (rid: string) => `INSERT OR REPLACE INTO case_register (${COLUMNS}) ${SOURCE} WHERE c.rowid = ${rid});`;
const ofCase = (id: string) => refresh(`(SELECT rowid FROM cases WHERE id = ${id})`);

export const sql = `
ALTER TABLE case_register ADD COLUMN actions TEXT;
ALTER TABLE case_register ADD COLUMN clauses TEXT;
-- Only the two new columns, which no index holds: the register's indexes are not touched.
UPDATE case_register SET (actions, clauses) = (SELECT ${ACTIONS}, ${CLAUSES} FROM cases c WHERE c.rowid = case_register.rid);

DROP TRIGGER case_register_ai;
DROP TRIGGER case_register_au;
DROP TRIGGER case_register_action_ai;
DROP TRIGGER case_register_action_au;
DROP TRIGGER case_register_action_ad;
CREATE TRIGGER case_register_ai AFTER INSERT ON cases BEGIN ${refresh('new.rowid')} END;
CREATE TRIGGER case_register_au AFTER UPDATE ON cases BEGIN
  DELETE FROM case_register WHERE rid = old.rowid;
  ${refresh('new.rowid')}
END;
CREATE TRIGGER case_register_action_ai AFTER INSERT ON case_actions BEGIN ${ofCase('new.case_id')} END;
CREATE TRIGGER case_register_action_au AFTER UPDATE OF case_id, position, owner_person_id, due_date, done_on ON case_actions BEGIN
  ${ofCase('old.case_id')}
  ${ofCase('new.case_id')}
END;
CREATE TRIGGER case_register_action_ad AFTER DELETE ON case_actions BEGIN ${ofCase('old.case_id')} END;
CREATE TRIGGER case_register_clause_ai AFTER INSERT ON case_clauses BEGIN ${ofCase('new.case_id')} END;
CREATE TRIGGER case_register_clause_au AFTER UPDATE ON case_clauses BEGIN
  ${ofCase('old.case_id')}
  ${ofCase('new.case_id')}
END;
CREATE TRIGGER case_register_clause_ad AFTER DELETE ON case_clauses BEGIN ${ofCase('old.case_id')} END;
`;
