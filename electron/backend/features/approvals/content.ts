import { createHash } from 'node:crypto';
import type { Db } from '../../db/open';
import type { ApprovalSubject } from '../../../../shared/domain/approvals';

/**
 * What an approval approves, as a fingerprint: the subject's content in a fixed shape, hashed.
 * A decision stores the hash of the subject as it was; when today's hash differs the approval is
 * stale. A fingerprint rather than the revision counter because a status change or an unchanged
 * save bumps the revision without changing what was approved, and revisions are local to a
 * database while the content travels.
 *
 * Read with plain SQL rather than through the audits feature: audits asks approvals whether a plan
 * may leave draft, so approvals must not depend on audits.
 */
export function hashContent(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

const col = (db: Db, sql: string, ...p: unknown[]) => db.prepare(sql).pluck().all(...p) as unknown[];

/** The year plan: its objectives and lead (the audits of the year are planned and approved one by one). */
export function programmeYearContent(row: { objectives: string; lead_person_id: string | null }): unknown {
  return { objectives: row.objectives, leadPersonId: row.lead_person_id };
}

function planContent(db: Db, auditId: string): unknown {
  const plan = db
    .prepare(
      `SELECT title, type, standard_id, scope, objectives, audit_client, methods, sampling, other_criteria_json, start_date, end_date,
              auditee_contacts_json, distribution_json, impartiality_justification, external_body FROM audits WHERE id = ?`,
    )
    .get(auditId);
  if (!plan) return null;
  return {
    plan,
    units: col(db, 'SELECT unit_id FROM audit_units WHERE audit_id = ? ORDER BY unit_id', auditId),
    processes: col(db, 'SELECT process_id FROM audit_processes WHERE audit_id = ? ORDER BY process_id', auditId),
    clauses: col(db, 'SELECT clause_number FROM audit_clauses WHERE audit_id = ? ORDER BY clause_number', auditId),
    team: db.prepare('SELECT person_id, role FROM audit_team WHERE audit_id = ? ORDER BY person_id').all(auditId),
    schedule: db
      .prepare('SELECT day, start_time, end_time, activity, description, place, participants FROM audit_schedule WHERE audit_id = ? ORDER BY day, start_time, position')
      .all(auditId),
  };
}

/** The report as it would be issued: the plan, the conclusions and every finding. */
function reportContent(db: Db, auditId: string): unknown {
  const plan = planContent(db, auditId);
  if (plan === null) return null;
  return {
    plan,
    report: db.prepare('SELECT summary, conclusion, fulfilment, diverging_opinions, areas_not_covered FROM audits WHERE id = ?').get(auditId),
    findings: db
      .prepare(
        `SELECT f.number, f.type, f.requirement_source, f.requirement, f.evidence, f.statement, f.unit_id, f.process_id, f.auditee_response,
                (SELECT group_concat(clause_number, ' ') FROM (SELECT clause_number FROM finding_clauses c WHERE c.finding_id = f.id ORDER BY clause_number)) AS clauses
         FROM findings f WHERE f.audit_id = ? ORDER BY f.seq`,
      )
      .all(auditId),
  };
}

/** The subject's content today, or null when there is no such subject. */
export function subjectContent(db: Db, kind: ApprovalSubject, id: string): unknown {
  switch (kind) {
    case 'programme':
      return (
        db
          .prepare('SELECT title, standard_id, cycle_start_year, cycle_years, objectives, lead_person_id, excluded_clauses_json FROM programmes WHERE id = ?')
          .get(id) ?? null
      );
    case 'programme_year': {
      const row = db.prepare('SELECT objectives, lead_person_id FROM programme_years WHERE id = ?').get(id) as
        | { objectives: string; lead_person_id: string | null }
        | undefined;
      return row ? programmeYearContent(row) : null;
    }
    case 'audit_plan':
      return planContent(db, id);
    case 'report':
      return reportContent(db, id);
  }
}

/** The subject's revision a decision records: its edit counter, or for a report the revision it approves. */
export function subjectRevision(db: Db, kind: ApprovalSubject, id: string): number {
  if (kind === 'report') {
    const r = db.prepare('SELECT a.locked, (SELECT coalesce(max(revision), 0) FROM report_revisions WHERE audit_id = a.id) AS n FROM audits a WHERE a.id = ?').get(id) as
      | { locked: number; n: number }
      | undefined;
    return r ? (r.locked === 1 ? Math.max(r.n, 1) : r.n + 1) : 0;
  }
  const table = kind === 'programme' ? 'programmes' : kind === 'programme_year' ? 'programme_years' : 'audits';
  return (db.prepare(`SELECT revision FROM ${table} WHERE id = ?`).pluck().get(id) as number | undefined) ?? 0;
}
