import type { Handlers } from '../../router';
import { readTemplate, saveTemplate } from './template';
import { DOCX_MIME, previewDocx, revisionDocx } from './word-copy';

type TemplateCall = 'reportTemplate.get' | 'reportTemplate.save' | 'reports.docx' | 'reports.previewDocx';

/** The report template and the Word copies of reports. */
export const reportTemplateHandlers: Handlers<TemplateCall> = {
  'reportTemplate.get': (_i, b) => readTemplate(b.ctx()),
  'reportTemplate.save': (i, b) => saveTemplate(b.ctx(), i),
  'reports.docx': async (i, b) => {
    const { fileName, docx } = await revisionDocx(b.ctx(), i.id);
    return b.deliverFile(fileName, DOCX_MIME, docx);
  },
  'reports.previewDocx': async (i, b) => {
    const { fileName, docx } = await previewDocx(b.ctx(), i);
    return b.deliverFile(fileName, DOCX_MIME, docx);
  },
};
