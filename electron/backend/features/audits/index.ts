/**
 * What other features may use from audits (planning: the programme, coverage, the question bank,
 * the clause catalogue, and the audit plans themselves). Its calls are wired in `handlers.ts`.
 */
export { assertAuditUnlocked, auditImpartiality, createAudit, getAudit, listAudits, transitionAudit } from './service';
export { createProgramme, getProgramme, updateProgrammeYear } from './programme';
export { programmeCoverage } from './coverage';
export { createRecurrence, previewRecurrence } from './recurring';
export { ensureQuestionBank, generateChecklist } from './questions';
export { listStandards, loadStandard } from './standards';
