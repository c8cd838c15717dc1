import type Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { captureTriggers } from './006-journal';
import { hashContent, programmeYearContent } from '../../features/approvals/content';

/**
 * Recorded approvals (issue 15.2): one table for the programme, year plans, audit plans and
 * reports. A row is a decision, never edited; the newest decision on a subject is its state.
 * `content_hash` fingerprints what was approved, so a later change shows the approval as stale.
 * Approvals travel in packages and through the team server, like the subjects they approve.
 */
const COLUMNS = ['id', 'subject_kind', 'subject_id', 'revision', 'content_hash', 'approver_person_id', 'decided_at', 'decision', 'comment', 'created_at'];

export const sql = `
CREATE TABLE approvals (
  id TEXT PRIMARY KEY,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('programme','programme_year','audit_plan','report')),
  subject_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  approver_person_id TEXT NOT NULL REFERENCES people(id),
  decided_at TEXT NOT NULL,
  decision TEXT NOT NULL CHECK (decision IN ('approved','returned')),
  comment TEXT NOT NULL DEFAULT '' CHECK (decision = 'approved' OR comment <> ''),
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX approvals_subject ON approvals(subject_kind, subject_id, decided_at);
${captureTriggers('approvals', ['id'], COLUMNS)}
`;

/**
 * The year approvals recorded before this migration (who and when on programme_years) become the
 * first rows of the new table, and the old columns are emptied so there is one truth. Such an
 * approval was current by construction: editing a year used to withdraw it.
 */
export function run(db: Database.Database): void {
  const years = db
    .prepare('SELECT id, revision, objectives, lead_person_id, approved_by_person_id, approved_at FROM programme_years WHERE approved_by_person_id IS NOT NULL AND approved_at IS NOT NULL')
    .all() as { id: string; revision: number; objectives: string; lead_person_id: string | null; approved_by_person_id: string; approved_at: string }[];
  const insert = db.prepare(
    `INSERT INTO approvals (id, subject_kind, subject_id, revision, content_hash, approver_person_id, decided_at, decision, comment, created_at)
     VALUES (?, 'programme_year', ?, ?, ?, ?, ?, 'approved', '', ?)`,
  );
  for (const y of years) insert.run(uuidv7(), y.id, y.revision, hashContent(programmeYearContent(y)), y.approved_by_person_id, y.approved_at, y.approved_at);
  db.prepare('UPDATE programme_years SET approved_by_person_id = NULL, approved_at = NULL WHERE approved_by_person_id IS NOT NULL OR approved_at IS NOT NULL').run();
}
