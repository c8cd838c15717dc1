/** Findings raised during an audit, attachments stored once by content, and full-text search. */
export const sql = `
CREATE TABLE findings (
  id TEXT PRIMARY KEY,
  audit_id TEXT NOT NULL REFERENCES audits(id),
  seq INTEGER NOT NULL,
  number TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('major_nc','minor_nc','observation','ofi','strength')),
  requirement_source TEXT NOT NULL DEFAULT 'iso' CHECK (requirement_source IN ('iso','law','policy','guideline','routine')),
  requirement TEXT NOT NULL DEFAULT '',
  evidence TEXT NOT NULL DEFAULT '',
  statement TEXT NOT NULL DEFAULT '',
  unit_id TEXT REFERENCES units(id),
  process_id TEXT REFERENCES processes(id),
  checklist_item_id TEXT REFERENCES checklist_items(id),
  auditee_response TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (audit_id, seq)
) STRICT;
CREATE INDEX findings_audit ON findings(audit_id, seq);
CREATE INDEX findings_type ON findings(type);
-- The findings register lists newest audits first; with this index an unfiltered page is read in
-- order instead of sorting every finding (milliseconds instead of a noticeable pause at 100 000).
CREATE INDEX audits_year_number ON audits(year, number);

CREATE TABLE finding_clauses (
  finding_id TEXT NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
  clause_number TEXT NOT NULL,
  PRIMARY KEY (finding_id, clause_number)
) STRICT;
CREATE INDEX finding_clauses_clause ON finding_clauses(clause_number);

-- Full-text search over what auditors write; kept in step by triggers so no code path can forget it.
CREATE VIRTUAL TABLE findings_fts USING fts5(
  requirement, evidence, statement, auditee_response,
  content='findings', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER findings_ai AFTER INSERT ON findings BEGIN
  INSERT INTO findings_fts(rowid, requirement, evidence, statement, auditee_response)
  VALUES (new.rowid, new.requirement, new.evidence, new.statement, new.auditee_response);
END;
CREATE TRIGGER findings_ad AFTER DELETE ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, requirement, evidence, statement, auditee_response)
  VALUES ('delete', old.rowid, old.requirement, old.evidence, old.statement, old.auditee_response);
END;
CREATE TRIGGER findings_au AFTER UPDATE ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, requirement, evidence, statement, auditee_response)
  VALUES ('delete', old.rowid, old.requirement, old.evidence, old.statement, old.auditee_response);
  INSERT INTO findings_fts(rowid, requirement, evidence, statement, auditee_response)
  VALUES (new.rowid, new.requirement, new.evidence, new.statement, new.auditee_response);
END;

CREATE TABLE blobs (
  sha256 TEXT PRIMARY KEY,
  data BLOB NOT NULL,
  size INTEGER NOT NULL,
  mime TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE attachments (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL REFERENCES blobs(sha256),
  owner_type TEXT NOT NULL CHECK (owner_type IN ('checklist_item','finding','case')),
  owner_id TEXT NOT NULL,
  file_name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX attachments_owner ON attachments(owner_type, owner_id);
`;
