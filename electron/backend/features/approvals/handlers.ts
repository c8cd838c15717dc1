import type { Handlers } from '../../router';
import { approvalRequirements, approvalStatus, approvalStatuses, decideApproval, setApprovalRequirements } from './service';

type ApprovalsCall = 'approvals.status' | 'approvals.statuses' | 'approvals.decide' | 'approvals.requirements' | 'approvals.setRequirements';

export const approvalsHandlers: Handlers<ApprovalsCall> = {
  'approvals.status': (i, b) => approvalStatus(b.ctx(), i),
  'approvals.statuses': (i, b) => approvalStatuses(b.ctx(), i),
  'approvals.decide': (i, b) => decideApproval(b.ctx(), i),
  'approvals.requirements': (_i, b) => approvalRequirements(b.ctx()),
  'approvals.setRequirements': (i, b) => setApprovalRequirements(b.ctx(), i),
};
