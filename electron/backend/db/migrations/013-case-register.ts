/**
 * The corrective-action register at a hundred thousand cases. `case_register` is a narrow, local
 * projection of each case (one row per case, keyed by the case's rowid) holding every column the
 * register filters and sorts on, including what is derived from the case's actions: the next due
 * date. Triggers on cases and case_actions keep it exact, so a package import or a raw UPDATE keeps
 * it right too; it is never synchronised (it is recomputed from what is).
 *
 * The "next due" order (overdue, due soon, later, undated, closed) is day-independent once written
 * as (due_rank, due_key): every dated open case sorts by its date, which puts overdue before due
 * soon before later whatever today is. So one index serves the default order on any day.
 *
 * `cases_fts` is a trigram index over the text the register's search box looks in (number, title,
 * description, source reference, finding and audit numbers): a case-insensitive substring search,
 * as before, answered from an index. It is contentless (the text spans three tables), with
 * contentless_delete so the triggers can replace a case's entry.
 */
export const SOURCE = `
SELECT rid, number, status, status_rank, unit_id, process_id, source, owner_person_id, audit_id, detected_on,
  CASE WHEN status = 'closed' THEN 2 WHEN d IS NULL THEN 1 ELSE 0 END AS due_rank,
  CASE WHEN status = 'closed' OR d IS NULL THEN '' ELSE d END AS due_key
FROM (
  SELECT c.rowid AS rid, c.number, c.status,
    CASE c.status WHEN 'open' THEN 0 WHEN 'reopened' THEN 1 WHEN 'action_planned' THEN 2 WHEN 'implemented' THEN 3 ELSE 4 END AS status_rank,
    c.unit_id, c.process_id, c.source, c.owner_person_id, (SELECT f.audit_id FROM findings f WHERE f.id = c.finding_id) AS audit_id, c.detected_on,
    coalesce((SELECT min(a.due_date) FROM case_actions a WHERE a.case_id = c.id AND a.done_on IS NULL), c.due_date) AS d
  FROM cases c`;
export const COLUMNS = 'rid, number, status, status_rank, unit_id, process_id, source, owner_person_id, audit_id, detected_on, due_rank, due_key';
export const TEXT = `SELECT c.rowid, c.number || ' ' || c.title || ' ' || c.description || ' ' || c.source_reference || ' ' ||
    coalesce(f.number, '') || ' ' || coalesce(a.number, '')
  FROM cases c LEFT JOIN findings f ON f.id = c.finding_id LEFT JOIN audits a ON a.id = f.audit_id`;

/** Rewrites the register row of the case with rowid `rid` (an SQL expression). */
const refresh = (rid: string) => `INSERT OR REPLACE INTO case_register (${COLUMNS}) ${SOURCE} WHERE c.rowid = ${rid});`;

export const sql = `
CREATE TABLE case_register (
  rid INTEGER PRIMARY KEY,
  number TEXT NOT NULL,
  status TEXT NOT NULL,
  status_rank INTEGER NOT NULL,
  unit_id TEXT NOT NULL,
  process_id TEXT,
  source TEXT NOT NULL,
  owner_person_id TEXT,
  audit_id TEXT,
  detected_on TEXT NOT NULL,
  due_rank INTEGER NOT NULL,
  due_key TEXT NOT NULL
) STRICT;
INSERT INTO case_register (${COLUMNS}) ${SOURCE});

-- One index per order the register offers (read forwards or backwards), each ending in the unique
-- number, so a keyset "after this row" is one seek; the filters' indexes carry the number too.
CREATE INDEX case_register_number ON case_register(number);
CREATE INDEX case_register_due ON case_register(due_rank, due_key, number);
CREATE INDEX case_register_status ON case_register(status_rank, number);
CREATE INDEX case_register_detected ON case_register(detected_on, number);
CREATE INDEX case_register_unit ON case_register(unit_id, number);
-- The summary's counts per unit, status and due state, read from this index alone.
CREATE INDEX case_register_unit_state ON case_register(unit_id, status_rank, due_rank, due_key);
CREATE INDEX case_register_owner ON case_register(owner_person_id, number);
CREATE INDEX case_register_process ON case_register(process_id, number);
CREATE INDEX case_register_source ON case_register(source, number);
CREATE INDEX case_register_audit ON case_register(audit_id, number);
CREATE INDEX case_actions_owner_case ON case_actions(owner_person_id, case_id);
-- An audit's schedule had no index of its own: reading audits read the whole schedule table.
CREATE INDEX audit_schedule_audit ON audit_schedule(audit_id, day, start_time, position);

CREATE TRIGGER case_register_ai AFTER INSERT ON cases BEGIN ${refresh('new.rowid')} END;
CREATE TRIGGER case_register_au AFTER UPDATE ON cases BEGIN
  DELETE FROM case_register WHERE rid = old.rowid;
  ${refresh('new.rowid')}
END;
CREATE TRIGGER case_register_ad AFTER DELETE ON cases BEGIN DELETE FROM case_register WHERE rid = old.rowid; END;
CREATE TRIGGER case_register_action_ai AFTER INSERT ON case_actions BEGIN ${refresh('(SELECT rowid FROM cases WHERE id = new.case_id)')} END;
CREATE TRIGGER case_register_action_au AFTER UPDATE OF case_id, due_date, done_on ON case_actions BEGIN
  ${refresh('(SELECT rowid FROM cases WHERE id = old.case_id)')}
  ${refresh('(SELECT rowid FROM cases WHERE id = new.case_id)')}
END;
CREATE TRIGGER case_register_action_ad AFTER DELETE ON case_actions BEGIN ${refresh('(SELECT rowid FROM cases WHERE id = old.case_id)')} END;

CREATE VIRTUAL TABLE cases_fts USING fts5(text, content='', contentless_delete=1, tokenize='trigram case_sensitive 0');
INSERT INTO cases_fts(rowid, text) ${TEXT};
CREATE TRIGGER cases_fts_ai AFTER INSERT ON cases BEGIN
  INSERT INTO cases_fts(rowid, text) ${TEXT} WHERE c.rowid = new.rowid;
END;
CREATE TRIGGER cases_fts_au AFTER UPDATE OF number, title, description, source_reference, finding_id ON cases BEGIN
  DELETE FROM cases_fts WHERE rowid = old.rowid;
  INSERT INTO cases_fts(rowid, text) ${TEXT} WHERE c.rowid = new.rowid;
END;
CREATE TRIGGER cases_fts_ad AFTER DELETE ON cases BEGIN DELETE FROM cases_fts WHERE rowid = old.rowid; END;
`;
