import { z } from 'zod';
import { call } from './define';
import {
  approvalDecisionInput,
  approvalRequirementsInput,
  approvalSubjectInput,
  APPROVAL_SUBJECTS,
  type ApprovalRequirements,
  type ApprovalStatus,
} from '../domain/approvals';
import { id } from '../domain/common';

/** Recorded approvals of the programme, year plans, audit plans and reports. */
export const approvalsCalls = {
  /** A subject's approval history and whether it stands today. */
  'approvals.status': call<ApprovalStatus>()(approvalSubjectInput),
  /** Several subjects of one kind at once (the programme page's years). */
  'approvals.statuses': call<ApprovalStatus[]>()(z.object({ subjectKind: z.enum(APPROVAL_SUBJECTS), subjectIds: z.array(id).max(500) })),
  /** Approves or returns (with a comment) the subject as it is now; recorded in the audit trail. */
  'approvals.decide': call<ApprovalStatus>()(approvalDecisionInput),
  'approvals.requirements': call<ApprovalRequirements>()(z.object({}).default({})),
  'approvals.setRequirements': call<ApprovalRequirements>()(approvalRequirementsInput),
};
