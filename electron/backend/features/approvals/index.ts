/**
 * What other features may use from approvals: the state of a subject's approval (for the audit
 * status rule, issuing a report and the PDFs) and the coordinator's requirements. Its calls are
 * wired in `handlers.ts`.
 */
export {
  APPROVAL_REQUIREMENTS_SETTING,
  approvalMissing,
  approvalRequirements,
  approvalStatus,
  decideApproval,
  isApproved,
  setApprovalRequirements,
  yearPlanOfAudit,
} from './service';
export { approvalSummary, printedApprovals, type PrintedApprovals } from './print';
