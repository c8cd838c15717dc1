/**
 * The audit programme and audit plans (ISO 19011 5 and 6.3), the organisation's question bank,
 * and each audit's checklist.
 */
export const sql = `
CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  standard_id TEXT NOT NULL DEFAULT 'iso-9001-2015',
  cycle_start_year INTEGER NOT NULL,
  cycle_years INTEGER NOT NULL DEFAULT 3 CHECK (cycle_years BETWEEN 1 AND 6),
  objectives TEXT NOT NULL DEFAULT '',
  lead_person_id TEXT REFERENCES people(id),
  excluded_clauses_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;

CREATE TABLE programme_years (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  objectives TEXT NOT NULL DEFAULT '',
  lead_person_id TEXT REFERENCES people(id),
  approved_by_person_id TEXT REFERENCES people(id),
  approved_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (programme_id, year)
) STRICT;

CREATE TABLE audits (
  id TEXT PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  year INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  programme_id TEXT REFERENCES programmes(id),
  title TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('internal','external_initial','external_surveillance','external_recertification','supplier')),
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','planned','in_progress','reported','closed')),
  standard_id TEXT NOT NULL DEFAULT 'iso-9001-2015',
  scope TEXT NOT NULL DEFAULT '',
  objectives TEXT NOT NULL DEFAULT '',
  audit_client TEXT NOT NULL DEFAULT '',
  methods TEXT NOT NULL DEFAULT '',
  sampling TEXT NOT NULL DEFAULT '',
  other_criteria_json TEXT NOT NULL DEFAULT '[]',
  start_date TEXT,
  end_date TEXT,
  auditee_contacts_json TEXT NOT NULL DEFAULT '[]',
  distribution_json TEXT NOT NULL DEFAULT '[]',
  impartiality_justification TEXT NOT NULL DEFAULT '',
  external_body TEXT NOT NULL DEFAULT '',
  summary TEXT NOT NULL DEFAULT '',
  conclusion TEXT NOT NULL DEFAULT '',
  fulfilment TEXT CHECK (fulfilment IS NULL OR fulfilment IN ('full','largely','partly','not')),
  diverging_opinions TEXT NOT NULL DEFAULT '',
  areas_not_covered TEXT NOT NULL DEFAULT '',
  locked INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1,
  UNIQUE (year, seq)
) STRICT;
CREATE INDEX audits_status ON audits(status);

CREATE TABLE audit_units (
  audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  unit_id TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (audit_id, unit_id)
) STRICT;

CREATE TABLE audit_processes (
  audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  process_id TEXT NOT NULL REFERENCES processes(id),
  PRIMARY KEY (audit_id, process_id)
) STRICT;

CREATE TABLE audit_clauses (
  audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  clause_number TEXT NOT NULL,
  PRIMARY KEY (audit_id, clause_number)
) STRICT;

CREATE TABLE audit_team (
  audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id),
  role TEXT NOT NULL CHECK (role IN ('lead','auditor','observer','trainee')),
  PRIMARY KEY (audit_id, person_id)
) STRICT;

CREATE TABLE audit_schedule (
  id TEXT PRIMARY KEY,
  audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  day TEXT NOT NULL,
  start_time TEXT NOT NULL DEFAULT '',
  end_time TEXT NOT NULL DEFAULT '',
  activity TEXT NOT NULL CHECK (activity IN ('opening_meeting','interview','site_visit','document_review','closing_meeting','other')),
  description TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  participants TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE TABLE questions (
  id TEXT PRIMARY KEY,
  standard_id TEXT NOT NULL DEFAULT 'iso-9001-2015',
  clause_number TEXT NOT NULL,
  text_sv TEXT NOT NULL,
  text_en TEXT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0,1)),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX questions_clause ON questions(standard_id, clause_number);

CREATE TABLE checklist_items (
  id TEXT PRIMARY KEY,
  audit_id TEXT NOT NULL REFERENCES audits(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  clause_number TEXT,
  question_id TEXT REFERENCES questions(id),
  text TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT 'not_assessed' CHECK (result IN ('conforming','nonconforming','observation','not_applicable','not_assessed')),
  evidence TEXT NOT NULL DEFAULT '',
  sampled TEXT NOT NULL DEFAULT '',
  interviewed TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX checklist_items_audit ON checklist_items(audit_id, position);
`;
