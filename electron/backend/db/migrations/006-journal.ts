/**
 * The change journal (see electron/backend/sync/DESIGN.md): this database's identity, the log of
 * changes a package or the team server carries, the last clock per field, the conflicts a person
 * must decide, and the capture table the triggers below fill on every write.
 *
 * Triggers rather than calls in each service: a write path nobody remembered to journal (demo
 * data, a future service, a raw UPDATE in a migration) is still captured, and `mutate()` stamps
 * whatever was captured with clocks at the end of its transaction.
 */

/** Frozen here because a shipped migration never changes; a later column needs a later migration. */
const SYNCED: Record<string, { key: string[]; columns: string[] }> = {
  units: { key: ['id'], columns: ['id', 'name', 'code', 'kind', 'parent_id', 'description', 'archived', 'created_at', 'updated_at', 'revision'] },
  processes: { key: ['id'], columns: ['id', 'name', 'description', 'owner_unit_id', 'risk_level', 'archived', 'created_at', 'updated_at', 'revision'] },
  people: { key: ['id'], columns: ['id', 'name', 'email', 'title', 'roles_json', 'home_unit_id', 'archived', 'created_at', 'updated_at', 'revision'] },
  programmes: { key: ['id'], columns: ['id', 'title', 'standard_id', 'cycle_start_year', 'cycle_years', 'objectives', 'lead_person_id', 'excluded_clauses_json', 'created_at', 'updated_at', 'revision'] },
  programme_years: { key: ['id'], columns: ['id', 'programme_id', 'year', 'objectives', 'lead_person_id', 'approved_by_person_id', 'approved_at', 'created_at', 'updated_at', 'revision'] },
  audits: { key: ['id'], columns: ['id', 'number', 'year', 'seq', 'programme_id', 'title', 'type', 'status', 'standard_id', 'scope', 'objectives', 'audit_client', 'methods', 'sampling', 'other_criteria_json', 'start_date', 'end_date', 'auditee_contacts_json', 'distribution_json', 'impartiality_justification', 'external_body', 'summary', 'conclusion', 'fulfilment', 'diverging_opinions', 'areas_not_covered', 'locked', 'created_at', 'updated_at', 'revision'] },
  audit_units: { key: ['audit_id', 'unit_id'], columns: ['audit_id', 'unit_id'] },
  audit_processes: { key: ['audit_id', 'process_id'], columns: ['audit_id', 'process_id'] },
  audit_clauses: { key: ['audit_id', 'clause_number'], columns: ['audit_id', 'clause_number'] },
  audit_team: { key: ['audit_id', 'person_id'], columns: ['audit_id', 'person_id', 'role'] },
  audit_schedule: { key: ['id'], columns: ['id', 'audit_id', 'position', 'day', 'start_time', 'end_time', 'activity', 'description', 'place', 'participants'] },
  questions: { key: ['id'], columns: ['id', 'standard_id', 'clause_number', 'text_sv', 'text_en', 'position', 'archived', 'created_at', 'updated_at', 'revision'] },
  checklist_items: { key: ['id'], columns: ['id', 'audit_id', 'position', 'clause_number', 'question_id', 'text', 'result', 'evidence', 'sampled', 'interviewed', 'created_at', 'updated_at', 'revision'] },
  findings: { key: ['id'], columns: ['id', 'audit_id', 'seq', 'number', 'type', 'requirement_source', 'requirement', 'evidence', 'statement', 'unit_id', 'process_id', 'checklist_item_id', 'auditee_response', 'created_at', 'updated_at', 'revision'] },
  finding_clauses: { key: ['finding_id', 'clause_number'], columns: ['finding_id', 'clause_number'] },
  attachments: { key: ['id'], columns: ['id', 'sha256', 'owner_type', 'owner_id', 'file_name', 'created_at'] },
  cases: { key: ['id'], columns: ['id', 'number', 'year', 'seq', 'title', 'description', 'source', 'source_reference', 'severity', 'finding_id', 'unit_id', 'process_id', 'owner_person_id', 'detected_on', 'due_date', 'correction', 'whys_json', 'root_cause', 'cause_categories_json', 'status', 'closed_on', 'created_at', 'updated_at', 'revision'] },
  case_clauses: { key: ['case_id', 'clause_number'], columns: ['case_id', 'clause_number'] },
  case_actions: { key: ['id'], columns: ['id', 'case_id', 'position', 'description', 'owner_person_id', 'due_date', 'done_on', 'created_at', 'updated_at', 'revision'] },
  case_verifications: { key: ['id'], columns: ['id', 'case_id', 'verified_on', 'verifier_person_id', 'effective', 'evidence', 'created_at'] },
};

/** The three capture triggers of one table: each write leaves its row before and after as JSON. */
export function captureTriggers(table: string, key: string[], columns: string[]): string {
  const json = (side: 'old' | 'new') => `json_object(${columns.map((c) => `'${c}', ${side}.${c}`).join(', ')})`;
  const rowId = (side: 'old' | 'new') => key.map((k) => `${side}.${k}`).join(` || '|' || `);
  return `
CREATE TRIGGER sync_${table}_ai AFTER INSERT ON ${table} BEGIN
  INSERT INTO sync_capture (tbl, row_id, old_json, new_json) VALUES ('${table}', ${rowId('new')}, NULL, ${json('new')});
END;
CREATE TRIGGER sync_${table}_au AFTER UPDATE ON ${table} BEGIN
  INSERT INTO sync_capture (tbl, row_id, old_json, new_json) VALUES ('${table}', ${rowId('new')}, ${json('old')}, ${json('new')});
END;
CREATE TRIGGER sync_${table}_ad AFTER DELETE ON ${table} BEGIN
  INSERT INTO sync_capture (tbl, row_id, old_json, new_json) VALUES ('${table}', ${rowId('old')}, ${json('old')}, NULL);
END;`;
}

export const sql = `
-- One row: who this database is. Filled by openDatabase() (a UUIDv7 needs the clock and randomness
-- of the host, not SQL). source_database_id is set on a working copy made from a package.
CREATE TABLE sync_meta (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  database_id TEXT NOT NULL,
  node_id TEXT NOT NULL CHECK (length(node_id) = 16),
  last_hlc TEXT NOT NULL DEFAULT '',
  source_database_id TEXT,
  package_json TEXT
) STRICT;

CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  change_id TEXT NOT NULL UNIQUE,
  hlc TEXT NOT NULL,
  node TEXT NOT NULL,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert','delete')),
  fields_json TEXT NOT NULL,
  audit_id TEXT,
  origin TEXT NOT NULL CHECK (origin IN ('local','package','server'))
) STRICT;
CREATE INDEX change_log_audit ON change_log(audit_id, seq);
CREATE INDEX change_log_row ON change_log(tbl, row_id, seq);

-- The newest clock that wrote each field; a remote value wins only with a newer clock.
-- The field '' holds a row's deletion.
CREATE TABLE field_clocks (
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  hlc TEXT NOT NULL,
  PRIMARY KEY (tbl, row_id, field)
) WITHOUT ROWID, STRICT;

-- Fields both sides changed since the common position whose meaning a person must decide.
CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  field TEXT NOT NULL,
  audit_id TEXT,
  local_json TEXT,
  remote_json TEXT,
  local_hlc TEXT NOT NULL,
  remote_hlc TEXT NOT NULL,
  change_id TEXT NOT NULL,
  origin TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  resolved_by TEXT,
  resolution_json TEXT
) STRICT;
CREATE INDEX sync_conflicts_open ON sync_conflicts(resolved_at, audit_id);

-- Written by the triggers, emptied by mutate() at the end of each transaction.
CREATE TABLE sync_capture (
  id INTEGER PRIMARY KEY,
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  old_json TEXT,
  new_json TEXT
) STRICT;
${Object.entries(SYNCED)
  .map(([table, s]) => captureTriggers(table, s.key, s.columns))
  .join('\n')}
`;
