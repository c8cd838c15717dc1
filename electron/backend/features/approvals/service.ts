import { AppError } from '../../../../shared/errors';
import type { ParsedInputOf } from '../../../../shared/contract';
import {
  approvalState,
  APPROVER_ROLE,
  NO_REQUIRED_APPROVALS,
  type Approval,
  type ApprovalRequirements,
  type ApprovalStatus,
  type ApprovalSubject,
} from '../../../../shared/domain/approvals';
import { fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';
import { getSetting, setSetting } from '../../core/settings';
import { hashContent, subjectContent, subjectRevision } from './content';

/** The settings key holding which approvals the coordinator requires. */
export const APPROVAL_REQUIREMENTS_SETTING = 'approvals.required';

interface ApprovalRow {
  id: string; subject_kind: ApprovalSubject; subject_id: string; revision: number; content_hash: string;
  approver_person_id: string; approver_name: string | null; decided_at: string; decision: Approval['decision']; comment: string;
}

export function approvalRequirements(ctx: ServiceContext): ApprovalRequirements {
  const raw = getSetting(ctx, APPROVAL_REQUIREMENTS_SETTING);
  if (!raw) return { ...NO_REQUIRED_APPROVALS };
  try {
    const parsed = JSON.parse(raw) as Partial<ApprovalRequirements>;
    return Object.fromEntries(Object.keys(NO_REQUIRED_APPROVALS).map((k) => [k, parsed[k as ApprovalSubject] === true])) as ApprovalRequirements;
  } catch {
    return { ...NO_REQUIRED_APPROVALS };
  }
}

export function setApprovalRequirements(ctx: ServiceContext, req: ParsedInputOf<'approvals.setRequirements'>): ApprovalRequirements {
  setSetting(ctx, APPROVAL_REQUIREMENTS_SETTING, JSON.stringify(req));
  return approvalRequirements(ctx);
}

function currentHash(ctx: ServiceContext, kind: ApprovalSubject, id: string): string {
  const content = subjectContent(ctx.db, kind, id);
  if (content === null) throw new AppError('not_found', { id });
  return hashContent(content);
}

/** A subject's history, newest first, each decision marked stale when the subject changed since. */
export function approvalStatus(ctx: ServiceContext, { subjectKind, subjectId }: { subjectKind: ApprovalSubject; subjectId: string }): ApprovalStatus {
  const hash = currentHash(ctx, subjectKind, subjectId);
  const rows = ctx.db
    .prepare(
      `SELECT a.*, p.name AS approver_name FROM approvals a LEFT JOIN people p ON p.id = a.approver_person_id
       WHERE a.subject_kind = ? AND a.subject_id = ? ORDER BY a.decided_at DESC, a.id DESC`,
    )
    .all(subjectKind, subjectId) as ApprovalRow[];
  const history = rows.map(
    (r): Approval => ({
      id: r.id, subjectKind: r.subject_kind, subjectId: r.subject_id, revision: r.revision, approverPersonId: r.approver_person_id,
      approverName: r.approver_name ?? '', decidedAt: r.decided_at, decision: r.decision, comment: r.comment, stale: r.content_hash !== hash,
    }),
  );
  return { subjectKind, subjectId, state: approvalState(history), required: approvalRequirements(ctx)[subjectKind], history };
}

export function approvalStatuses(ctx: ServiceContext, { subjectKind, subjectIds }: ParsedInputOf<'approvals.statuses'>): ApprovalStatus[] {
  return subjectIds.map((subjectId) => approvalStatus(ctx, { subjectKind, subjectId }));
}

/** Whether the subject has an approval that stands today (the newest decision, on unchanged content). */
export function isApproved(ctx: ServiceContext, subjectKind: ApprovalSubject, subjectId: string): boolean {
  return approvalStatus(ctx, { subjectKind, subjectId }).state === 'approved';
}

/**
 * Whether the coordinator's settings hold the next step of this subject back: its approval is
 * required and does not stand. Used by the audit status rule and by issuing a report.
 */
export function approvalMissing(ctx: ServiceContext, subjectKind: ApprovalSubject, subjectId: string): boolean {
  return approvalRequirements(ctx)[subjectKind] && !isApproved(ctx, subjectKind, subjectId);
}

/** The year plan of the programme year an audit falls in, if the audit belongs to a programme. */
export function yearPlanOfAudit(ctx: ServiceContext, auditId: string): string | null {
  return (
    (ctx.db
      .prepare(
        `SELECT y.id FROM audits a JOIN programme_years y ON y.programme_id = a.programme_id
         AND y.year = CAST(coalesce(substr(a.start_date, 1, 4), a.year) AS INTEGER) WHERE a.id = ?`,
      )
      .pluck()
      .get(auditId) as string | undefined) ?? null
  );
}

function programmeOfYear(ctx: ServiceContext, yearId: string): string | null {
  return (ctx.db.prepare('SELECT programme_id FROM programme_years WHERE id = ?').pluck().get(yearId) as string | undefined) ?? null;
}

/**
 * Records a decision on the subject as it is now. Only a person with the audit-lead role may
 * decide; a year plan cannot be approved before its programme when the programme's approval is
 * required. The decision goes into the audit trail in the same transaction.
 */
export function decideApproval(ctx: ServiceContext, f: ParsedInputOf<'approvals.decide'>): ApprovalStatus {
  return mutate(ctx, (trail) => {
    const person = ctx.db.prepare('SELECT name, roles_json, archived FROM people WHERE id = ?').get(f.approverPersonId) as
      | { name: string; roles_json: string; archived: number }
      | undefined;
    if (!person || person.archived === 1) throw fieldError('approverPersonId', 'not_found');
    if (!(JSON.parse(person.roles_json) as string[]).includes(APPROVER_ROLE)) {
      throw new AppError('forbidden', { reason: 'not_approver', name: person.name });
    }
    const hash = currentHash(ctx, f.subjectKind, f.subjectId);
    if (f.decision === 'approved' && f.subjectKind === 'programme_year') {
      const programmeId = programmeOfYear(ctx, f.subjectId);
      if (programmeId && approvalMissing(ctx, 'programme', programmeId)) {
        throw new AppError('invalid_transition', { reason: 'programme_not_approved' });
      }
    }
    const before = approvalStatus(ctx, f);
    const id = ctx.newId();
    const now = timestamp(ctx);
    const revision = subjectRevision(ctx.db, f.subjectKind, f.subjectId);
    ctx.db
      .prepare(
        `INSERT INTO approvals (id, subject_kind, subject_id, revision, content_hash, approver_person_id, decided_at, decision, comment, created_at)
         VALUES (?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(id, f.subjectKind, f.subjectId, revision, hash, f.approverPersonId, now, f.decision, f.comment, now);
    trail({
      entity: f.subjectKind,
      entityId: f.subjectId,
      action: f.decision === 'approved' ? 'approve' : 'return',
      before: { state: before.state },
      after: { approvalId: id, decision: f.decision, approver: person.name, approverPersonId: f.approverPersonId, revision, comment: f.comment },
    });
    return approvalStatus(ctx, f);
  });
}
