import { z } from 'zod';
import { call } from './define';
import { id, LANGS } from '../domain/common';
import {
  attachmentAddInput,
  attachmentOwner,
  checklistAnswerInput,
  findingCreateInput,
  findingFields,
  findingRegisterQuery,
  MAX_ATTACHMENT_LIMIT,
  MIN_ATTACHMENT_LIMIT,
  type Attachment,
  type AttachmentContent,
  type AttachmentLimit,
  type ChecklistEntry,
  type Finding,
  type FindingRegisterPage,
} from '../domain/findings';

const byId = z.object({ id });
const byAudit = z.object({ auditId: id });
const withRevision = z.object({ id, revision: z.number().int().min(1) });

/** Conducting an audit: answering the checklist, raising findings, attaching evidence. */
export const conductCalls = {
  /** The audit's questions in order, each with how many files are attached and the findings raised from it. */
  'checklist.list': call<ChecklistEntry[]>()(byAudit),
  /** Autosave of one answer: send only what changed, with the revision last seen. */
  'checklist.update': call<ChecklistEntry>()(checklistAnswerInput),

  'findings.list': call<Finding[]>()(byAudit),
  /** Across all audits: filters, full-text search, and one page of rows with the total. */
  'findings.register': call<FindingRegisterPage>()(findingRegisterQuery),
  'findings.get': call<Finding>()(byId),
  /** What a finding raised from this question would start with (clause, type, unit, process, requirement, evidence). */
  'findings.prefill': call<{ auditId: string; checklistItemId: string; fields: z.output<typeof findingFields> }>()(
    z.object({ checklistItemId: id, lang: z.enum(LANGS).default('sv') }),
  ),
  'findings.create': call<Finding>()(findingCreateInput),
  'findings.update': call<Finding>()(z.object({ id, revision: z.number().int().min(1), fields: findingFields })),
  'findings.delete': call<{ id: string }>()(withRevision),

  'attachments.list': call<Attachment[]>()(attachmentOwner),
  'attachments.add': call<Attachment>()(attachmentAddInput),
  /** The file itself, for a thumbnail, a preview or a download. */
  'attachments.content': call<AttachmentContent>()(byId),
  'attachments.remove': call<{ id: string }>()(byId),
  /** Desktop app only: hands a temporary copy to the system viewer, on an explicit action. */
  'attachments.open': call<{ opened: boolean }>()(byId),
  'attachments.limit': call<AttachmentLimit>()(z.object({}).default({})),
  'attachments.setLimit': call<AttachmentLimit>()(
    z.object({
      limitBytes: z
        .number({ message: 'number' })
        .int({ message: 'number' })
        .min(MIN_ATTACHMENT_LIMIT, { message: 'invalid' })
        .max(MAX_ATTACHMENT_LIMIT, { message: 'invalid' }),
    }),
  ),
};
