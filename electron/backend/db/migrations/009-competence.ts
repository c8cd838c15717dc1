/**
 * Auditor competence (ISO 9001 7.2, 9.2.2; ISO 19011 7): each person's courses and qualifications,
 * with an optional certificate in the shared blob store, and the coordinator's rule per team role.
 * Audits performed are not stored: they follow from the audit teams.
 */
export const sql = `
CREATE TABLE competence_records (
  id TEXT PRIMARY KEY,
  person_id TEXT NOT NULL REFERENCES people(id),
  course TEXT NOT NULL,
  completed_on TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  certificate_sha256 TEXT REFERENCES blobs(sha256),
  certificate_name TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX competence_records_person ON competence_records(person_id);

CREATE TABLE competence_rules (
  role TEXT PRIMARY KEY CHECK (role IN ('lead','auditor')),
  courses_json TEXT NOT NULL DEFAULT '[]',
  min_audits_performed INTEGER NOT NULL DEFAULT 0 CHECK (min_audits_performed >= 0),
  min_audits_as_lead INTEGER NOT NULL DEFAULT 0 CHECK (min_audits_as_lead >= 0),
  updated_at TEXT NOT NULL
) STRICT;
`;
