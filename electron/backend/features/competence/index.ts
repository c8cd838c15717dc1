/**
 * What other features and the CLI may use from competence (auditors' training, audits performed,
 * rules per role). Its calls are wired in `handlers.ts`.
 */
export { auditsPerformed, listProfiles } from './records';
export { auditWarnings, checkTeam, listRules } from './rules';
export { registerPdf } from './register-pdf';
