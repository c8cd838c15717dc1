import { z } from 'zod';
import { call } from './define';
import type { DeliveredFile } from './files';
import { id, LANGS } from '../domain/common';
import { reportTemplateInput, type ReportTemplate } from '../domain/report-templates';

/**
 * The organisation's report template (sections, order, cover text, footer) and the editable Word
 * copy of a report. The signed PDF stays the record; the Word copy is for distribution.
 */
export const reportTemplateCalls = {
  'reportTemplate.get': call<ReportTemplate>()(z.object({}).default({})),
  /** Refuses a template that hides a section ISO 19011 requires; nothing is saved then. */
  'reportTemplate.save': call<ReportTemplate>()(reportTemplateInput),
  /** The current issued revision as a Word document, laid out by the template it was issued with. */
  'reports.docx': call<DeliveredFile>()(z.object({ id })),
  /** The draft as a Word document; `template` previews an unsaved template. */
  'reports.previewDocx': call<DeliveredFile>()(
    z.object({ auditId: id, lang: z.enum(LANGS, { message: 'choose' }), template: reportTemplateInput.optional() }),
  ),
};
