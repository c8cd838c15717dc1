/**
 * Indexes for the findings register at a million rows. Every filter the register offers is the
 * first column of an index that also carries (audit_id, seq), the register's order inside an audit,
 * so counting per audit and finding a page never reads the wide finding rows. The finding number
 * joins the full-text index, so a search for "IR-2027-003-05" is an index lookup rather than a
 * substring test over every number.
 */
export const sql = `
DROP INDEX IF EXISTS findings_type;
CREATE INDEX findings_type_order ON findings(type, audit_id, seq);
CREATE INDEX findings_unit_order ON findings(unit_id, audit_id, seq);
CREATE INDEX findings_process_order ON findings(process_id, audit_id, seq);
CREATE INDEX cases_finding_status ON cases(finding_id, status);

DROP TRIGGER IF EXISTS findings_ai;
DROP TRIGGER IF EXISTS findings_ad;
DROP TRIGGER IF EXISTS findings_au;
DROP TABLE IF EXISTS findings_fts;
CREATE VIRTUAL TABLE findings_fts USING fts5(
  number, requirement, evidence, statement, auditee_response,
  content='findings', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0'
);
INSERT INTO findings_fts(findings_fts) VALUES ('rebuild');
CREATE TRIGGER findings_ai AFTER INSERT ON findings BEGIN
  INSERT INTO findings_fts(rowid, number, requirement, evidence, statement, auditee_response)
  VALUES (new.rowid, new.number, new.requirement, new.evidence, new.statement, new.auditee_response);
END;
CREATE TRIGGER findings_ad AFTER DELETE ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, number, requirement, evidence, statement, auditee_response)
  VALUES ('delete', old.rowid, old.number, old.requirement, old.evidence, old.statement, old.auditee_response);
END;
-- Only when searchable text changes: updating a finding's unit or type leaves the index alone.
CREATE TRIGGER findings_au AFTER UPDATE OF number, requirement, evidence, statement, auditee_response ON findings BEGIN
  INSERT INTO findings_fts(findings_fts, rowid, number, requirement, evidence, statement, auditee_response)
  VALUES ('delete', old.rowid, old.number, old.requirement, old.evidence, old.statement, old.auditee_response);
  INSERT INTO findings_fts(rowid, number, requirement, evidence, statement, auditee_response)
  VALUES (new.rowid, new.number, new.requirement, new.evidence, new.statement, new.auditee_response);
END;
`;
