import { z } from 'zod';
import { id } from './common';

/**
 * What can be approved (ISO 19011 5.1, 5.4; ISO 9001 9.2.2): the programme of a cycle, one year's
 * plan of it, one audit plan, and an audit's report before it is issued.
 */
export const APPROVAL_SUBJECTS = ['programme', 'programme_year', 'audit_plan', 'report'] as const;
export type ApprovalSubject = (typeof APPROVAL_SUBJECTS)[number];

export const APPROVAL_DECISIONS = ['approved', 'returned'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** One recorded decision. Decisions are never edited: a new one is recorded on top. */
export interface Approval {
  id: string;
  subjectKind: ApprovalSubject;
  subjectId: string;
  /** The subject's revision when decided (for a report: the report revision it approves). */
  revision: number;
  approverPersonId: string;
  approverName: string;
  decidedAt: string;
  decision: ApprovalDecision;
  comment: string;
  /** The subject has changed since this decision: what was approved no longer stands. */
  stale: boolean;
}

/**
 * Where a subject stands: `approved` only when the newest decision approved the subject exactly as
 * it is now; `stale` when it did but the subject changed since; `returned` when it was sent back.
 */
export type ApprovalState = 'none' | 'approved' | 'stale' | 'returned';

export interface ApprovalStatus {
  subjectKind: ApprovalSubject;
  subjectId: string;
  state: ApprovalState;
  /** Whether the coordinator's settings make this approval a condition for the next step. */
  required: boolean;
  /** Newest first. */
  history: Approval[];
}

/** The coordinator's choice of which approvals are conditions (Settings). */
export type ApprovalRequirements = Record<ApprovalSubject, boolean>;

export const NO_REQUIRED_APPROVALS: ApprovalRequirements = { programme: false, programme_year: false, audit_plan: false, report: false };

export const approvalSubjectInput = z.object({ subjectKind: z.enum(APPROVAL_SUBJECTS), subjectId: id });

export const approvalDecisionInput = approvalSubjectInput
  .extend({
    decision: z.enum(APPROVAL_DECISIONS),
    approverPersonId: id,
    comment: z.string().trim().max(4000, { message: 'too_long' }).default(''),
  })
  // A returned subject must say why, or its author cannot act on it.
  .refine((v) => v.decision === 'approved' || v.comment !== '', { message: 'comment_required', path: ['comment'] });

export const approvalRequirementsInput = z.object({
  programme: z.boolean(),
  programme_year: z.boolean(),
  audit_plan: z.boolean(),
  report: z.boolean(),
});

/** Only someone who leads audits (the coordinator's role) may approve or return. */
export const APPROVER_ROLE = 'audit_lead' as const;

/** The state a history (newest first) amounts to. */
export function approvalState(history: Pick<Approval, 'decision' | 'stale'>[]): ApprovalState {
  const last = history[0];
  if (!last) return 'none';
  if (last.decision === 'returned') return 'returned';
  return last.stale ? 'stale' : 'approved';
}
