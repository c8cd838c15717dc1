/**
 * Nonconformity cases and their corrective actions (ISO 9001:2015 10.2): one case per
 * nonconformity, from an audit finding or reported directly, with the actions taken and each
 * verification of their effectiveness.
 */
export const sql = `
CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('internal_audit','external_audit','complaint','incident','survey','self_detected')),
  source_reference TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL DEFAULT 'minor' CHECK (severity IN ('major','minor')),
  -- One case per nonconformity: a finding has at most one case.
  finding_id TEXT UNIQUE REFERENCES findings(id),
  unit_id TEXT NOT NULL REFERENCES units(id),
  process_id TEXT REFERENCES processes(id),
  owner_person_id TEXT REFERENCES people(id),
  detected_on TEXT NOT NULL,
  due_date TEXT,
  correction TEXT NOT NULL DEFAULT '',
  whys_json TEXT NOT NULL DEFAULT '[]',
  root_cause TEXT NOT NULL DEFAULT '',
  cause_categories_json TEXT NOT NULL DEFAULT '[]',
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','action_planned','implemented','reopened','closed')),
  closed_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (year, seq)
) STRICT;
CREATE INDEX cases_status ON cases(status);
CREATE INDEX cases_unit ON cases(unit_id);
CREATE INDEX cases_owner ON cases(owner_person_id);

CREATE TABLE case_clauses (
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  clause_number TEXT NOT NULL,
  PRIMARY KEY (case_id, clause_number)
) STRICT;
CREATE INDEX case_clauses_clause ON case_clauses(clause_number);

CREATE TABLE case_actions (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  owner_person_id TEXT NOT NULL REFERENCES people(id),
  due_date TEXT NOT NULL,
  done_on TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX case_actions_case ON case_actions(case_id, position);
CREATE INDEX case_actions_owner ON case_actions(owner_person_id);

-- Every verification is kept: a "not effective" verdict is part of the case's history.
CREATE TABLE case_verifications (
  id TEXT PRIMARY KEY,
  case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  verified_on TEXT NOT NULL,
  verifier_person_id TEXT NOT NULL REFERENCES people(id),
  effective INTEGER NOT NULL CHECK (effective IN (0,1)),
  evidence TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX case_verifications_case ON case_verifications(case_id, verified_on);
`;
