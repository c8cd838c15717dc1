import type Database from 'better-sqlite3';
import { captureTriggers } from './006-journal';

/**
 * Management review (ISO 9001:2015 9.3): the meeting record with its inputs (9.3.2 a–f, free text
 * beside what Granska prints from its own data), its outputs (9.3.3) whose actions become
 * corrective-action cases of source "management_review", and the signed PDF once issued.
 *
 * The review and its outputs travel (capture triggers as in 006); the signed file stays in the
 * database that issued it, as report revisions do.
 */
const REVIEW_COLUMNS = [
  'id', 'title', 'meeting_date', 'period_from', 'period_to', 'participants_json', 'other_participants',
  'input_a', 'input_b', 'input_c1', 'input_c2', 'input_c3', 'input_c4', 'input_c5', 'input_c6', 'input_c7',
  'input_d', 'input_e', 'input_f', 'conclusions', 'status', 'issued_at', 'issued_by', 'sha256',
  'created_at', 'updated_at', 'revision',
];
const OUTPUT_COLUMNS = [
  'id', 'review_id', 'position', 'kind', 'decision', 'action', 'unit_id', 'owner_person_id', 'due_date', 'case_id',
  'created_at', 'updated_at', 'revision',
];

export const sql = `
CREATE TABLE management_reviews (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  meeting_date TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  participants_json TEXT NOT NULL DEFAULT '[]',
  other_participants TEXT NOT NULL DEFAULT '',
  input_a TEXT NOT NULL DEFAULT '',
  input_b TEXT NOT NULL DEFAULT '',
  input_c1 TEXT NOT NULL DEFAULT '',
  input_c2 TEXT NOT NULL DEFAULT '',
  input_c3 TEXT NOT NULL DEFAULT '',
  input_c4 TEXT NOT NULL DEFAULT '',
  input_c5 TEXT NOT NULL DEFAULT '',
  input_c6 TEXT NOT NULL DEFAULT '',
  input_c7 TEXT NOT NULL DEFAULT '',
  input_d TEXT NOT NULL DEFAULT '',
  input_e TEXT NOT NULL DEFAULT '',
  input_f TEXT NOT NULL DEFAULT '',
  conclusions TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','issued')),
  issued_at TEXT,
  issued_by TEXT,
  sha256 TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX management_reviews_period ON management_reviews(period_to);

CREATE TABLE management_review_outputs (
  id TEXT PRIMARY KEY,
  review_id TEXT NOT NULL REFERENCES management_reviews(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('improvement','qms_change','resources')),
  decision TEXT NOT NULL,
  action TEXT NOT NULL DEFAULT '',
  unit_id TEXT REFERENCES units(id),
  owner_person_id TEXT REFERENCES people(id),
  due_date TEXT,
  case_id TEXT REFERENCES cases(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  revision INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX management_review_outputs_review ON management_review_outputs(review_id, position);

CREATE TABLE management_review_files (
  review_id TEXT PRIMARY KEY REFERENCES management_reviews(id),
  lang TEXT NOT NULL,
  file_name TEXT NOT NULL,
  pdf BLOB NOT NULL,
  size INTEGER NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  issued_at TEXT NOT NULL,
  signer_name TEXT NOT NULL,
  signer_fingerprint TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;

-- Trend queries count findings per type, audit and unit (and reach their clauses) straight off one
-- covering index, never reading the findings' rows; cases by closing day.
CREATE INDEX findings_trend ON findings(type, audit_id, unit_id, id);
CREATE INDEX IF NOT EXISTS cases_closed_on ON cases(closed_on);
${captureTriggers('management_reviews', ['id'], REVIEW_COLUMNS)}
${captureTriggers('management_review_outputs', ['id'], OUTPUT_COLUMNS)}
`;

/**
 * A case may now come from a management review. SQLite cannot alter a CHECK, so the table is
 * rebuilt from its own stored definition (SQLite's documented twelve-step procedure): whatever
 * columns, indexes and triggers earlier migrations gave it are carried over unchanged. Runs with
 * foreign keys off (see `foreignKeysOff`); open.ts checks them before the transaction commits.
 */
export function run(db: Database.Database): void {
  const tableSql = db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'cases'").pluck().get() as string;
  const widened = tableSql.replace(/'self_detected'\)/, "'self_detected','management_review')");
  if (widened === tableSql) throw new Error('cases source check not found');
  const dependants = db
    .prepare("SELECT sql FROM sqlite_master WHERE tbl_name = 'cases' AND type IN ('index','trigger') AND sql IS NOT NULL")
    .pluck()
    .all() as string[];
  db.exec(widened.replace(/^CREATE TABLE\s+("?)cases\1/, 'CREATE TABLE cases_rebuilt'));
  db.exec('INSERT INTO cases_rebuilt SELECT * FROM cases; DROP TABLE cases; ALTER TABLE cases_rebuilt RENAME TO cases;');
  for (const s of dependants) db.exec(s);
}

export const foreignKeysOff = true;
