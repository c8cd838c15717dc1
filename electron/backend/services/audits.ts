import { AppError } from '../../../shared/errors';
import type { Audit, Contact, OtherCriterionKind, ScheduleEntry, TeamMember } from '../../../shared/domain/audits';
import { compareClauseNumbers } from '../../../shared/domain/standards';
import type { ServiceContext } from './context';

// ---- reading -----------------------------------------------------------------------------------

interface AuditRow {
  id: string; number: string; year: number; seq: number; programme_id: string | null; title: string;
  type: Audit['type']; status: Audit['status']; standard_id: string; scope: string; objectives: string;
  audit_client: string; methods: string; sampling: string; other_criteria_json: string;
  start_date: string | null; end_date: string | null; auditee_contacts_json: string; distribution_json: string;
  impartiality_justification: string; external_body: string; summary: string; conclusion: string;
  fulfilment: Audit['fulfilment']; diverging_opinions: string; areas_not_covered: string; locked: number;
  created_at: string; updated_at: string; revision: number;
}

interface ScheduleRow {
  id: string; day: string; start_time: string; end_time: string; activity: ScheduleEntry['activity'];
  description: string; place: string; participants: string;
}

/** Team order people expect: the lead first, then auditors, observers, trainees. */
const ROLE_ORDER = "CASE role WHEN 'lead' THEN 0 WHEN 'auditor' THEN 1 WHEN 'observer' THEN 2 ELSE 3 END";

function toAudit(ctx: ServiceContext, r: AuditRow): Audit {
  const ids = (sql: string) => (ctx.db.prepare(sql).pluck().all(r.id) as string[]);
  const schedule = (
    ctx.db.prepare('SELECT * FROM audit_schedule WHERE audit_id = ? ORDER BY day, start_time, position').all(r.id) as ScheduleRow[]
  ).map(
    (s): ScheduleEntry => ({
      id: s.id, day: s.day, startTime: s.start_time, endTime: s.end_time, activity: s.activity,
      description: s.description, place: s.place, participants: s.participants,
    }),
  );
  return {
    id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision,
    number: r.number, year: r.year, title: r.title, type: r.type, status: r.status, programmeId: r.programme_id,
    standardId: r.standard_id,
    unitIds: ids('SELECT unit_id FROM audit_units WHERE audit_id = ? ORDER BY unit_id'),
    processIds: ids('SELECT process_id FROM audit_processes WHERE audit_id = ? ORDER BY process_id'),
    clauseNumbers: ids('SELECT clause_number FROM audit_clauses WHERE audit_id = ?').sort(compareClauseNumbers),
    otherCriteria: JSON.parse(r.other_criteria_json) as { kind: OtherCriterionKind; text: string }[],
    scope: r.scope, objectives: r.objectives, auditClient: r.audit_client, methods: r.methods, sampling: r.sampling,
    startDate: r.start_date, endDate: r.end_date,
    team: ctx.db
      .prepare(`SELECT person_id AS personId, role FROM audit_team WHERE audit_id = ? ORDER BY ${ROLE_ORDER}, person_id`)
      .all(r.id) as TeamMember[],
    schedule,
    auditeeContacts: JSON.parse(r.auditee_contacts_json) as Contact[],
    distribution: JSON.parse(r.distribution_json) as Contact[],
    impartialityJustification: r.impartiality_justification, externalBody: r.external_body,
    summary: r.summary, conclusion: r.conclusion, fulfilment: r.fulfilment, divergingOpinions: r.diverging_opinions,
    areasNotCovered: r.areas_not_covered, locked: r.locked === 1,
  };
}

/** One audit with everything linked to it (units, processes, clauses, team, schedule); not_found if none. */
export function getAudit(ctx: ServiceContext, id: string): Audit {
  const row = ctx.db.prepare('SELECT * FROM audits WHERE id = ?').get(id) as AuditRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toAudit(ctx, row);
}

/**
 * Every write to an audit's plan, checklist or findings calls this first: once a report is issued
 * the audit is locked, and a change needs a new report revision. not_found if there is no audit.
 */
export function assertAuditUnlocked(ctx: ServiceContext, auditId: string): void {
  const row = ctx.db.prepare('SELECT locked, number FROM audits WHERE id = ?').get(auditId) as
    | { locked: number; number: string }
    | undefined;
  if (!row) throw new AppError('not_found', { id: auditId });
  if (row.locked === 1) throw new AppError('locked', { id: auditId, number: row.number });
}
