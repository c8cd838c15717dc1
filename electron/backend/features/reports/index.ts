/**
 * What other features and the CLI may use from reports (issue, sign, verify). Its calls are wired
 * in `handlers.ts`; signing lives beside it in `electron/backend/signing/`.
 */
export { issueReport, listRevisions, previewReport, revisionBytes } from './issue';
export { LOGO_SETTING } from './logo';
export { identityForSigning, importIdentity } from './identities';
export { addTrusted } from './trust';
export { programmePdf } from './programme-pdf';
export { reportTexts, formatDay, formatPeriod } from './texts';
export { verifyReportFile } from './verify';
export { REPORT_SIGNER_ROLES_SETTING } from './issue';
export { readTemplate, REPORT_TEMPLATE_SETTING } from './template';
export { DOCX_MIME, previewDocx, revisionDocx } from './word-copy';
