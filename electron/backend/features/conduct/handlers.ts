import type { Handlers } from '../../router';
import * as attachments from './attachments';
import * as checklist from './checklist-answers';
import * as findings from './findings';
import { findingRegister } from './findings-register';

type ConductCall =
  | 'checklist.list' | 'checklist.update'
  | 'findings.list' | 'findings.register' | 'findings.get' | 'findings.prefill' | 'findings.create' | 'findings.update' | 'findings.delete'
  | 'attachments.list' | 'attachments.add' | 'attachments.content' | 'attachments.remove' | 'attachments.open'
  | 'attachments.limit' | 'attachments.setLimit';

export const conductHandlers: Handlers<ConductCall> = {
  'checklist.list': (q, b) => checklist.listChecklist(b.ctx(), q),
  'checklist.update': (i, b) => checklist.answerChecklistItem(b.ctx(), i),
  'findings.list': (q, b) => findings.listFindings(b.ctx(), q),
  'findings.register': (q, b) => findingRegister(b.ctx(), q),
  'findings.get': (i, b) => findings.getFinding(b.ctx(), i.id),
  'findings.prefill': (i, b) => findings.prefillFinding(b.ctx(), i),
  'findings.create': (i, b) => findings.createFinding(b.ctx(), i),
  'findings.update': (i, b) => findings.updateFinding(b.ctx(), i),
  'findings.delete': (i, b) => findings.deleteFinding(b.ctx(), i),
  'attachments.list': (q, b) => attachments.listAttachments(b.ctx(), q),
  'attachments.add': (i, b) => attachments.addAttachment(b.ctx(), i),
  'attachments.content': (i, b) => attachments.attachmentContent(b.ctx(), i.id),
  'attachments.remove': (i, b) => attachments.removeAttachment(b.ctx(), i),
  'attachments.open': async (i, b) => {
    const { attachment, data } = attachments.attachmentBytes(b.ctx(), i.id);
    await b.openAttachment(attachments.attachmentViewerName(attachment), data);
    return { opened: true };
  },
  'attachments.limit': (_i, b) => attachments.attachmentLimit(b.ctx()),
  'attachments.setLimit': (i, b) => attachments.setAttachmentLimit(b.ctx(), i),
};
