/**
 * What other features may use from conduct (checklist answers, findings, attachments). Its calls
 * are wired in `handlers.ts`.
 */
export { addAttachmentFile, assertCanAttach, attachmentChunks, cleanFileName, dropBlobIfUnused, storeGeneratedAttachment } from './attachments';
export { answerChecklistItem, listChecklist } from './checklist-answers';
export { detectAcceptedType } from './file-types';
export { receiveUpload, removeLeftoverUploads, removeUpload, UPLOAD_FOLDER } from './upload';
export { createFinding, listFindings } from './findings';
