import type { Handlers } from '../../router';
import * as audits from './service';
import { programmeCoverage } from './coverage';
import * as programme from './programme';
import * as questions from './questions';
import { createRecurrence, previewRecurrence } from './recurring';
import { listStandards, loadStandard } from './standards';

type AuditCall =
  | 'standards.list' | 'standards.get'
  | 'programme.list' | 'programme.get' | 'programme.create' | 'programme.update' | 'programme.updateYear' | 'programme.recurringPreview' | 'programme.recurringCreate'
  | 'coverage.get'
  | 'audits.list' | 'audits.summary' | 'audits.get' | 'audits.create' | 'audits.update' | 'audits.transitions' | 'audits.transition' | 'audits.delete'
  | 'questions.list' | 'questions.create' | 'questions.update' | 'questions.archive' | 'questions.move'
  | 'checklist.generate' | 'checklist.add' | 'checklist.remove' | 'checklist.reorder';

export const auditHandlers: Handlers<AuditCall> = {
  'standards.list': () => listStandards(),
  'standards.get': (i) => loadStandard(i.id),
  'programme.list': (_i, b) => programme.listProgrammes(b.ctx()),
  'programme.get': (i, b) => programme.getProgramme(b.ctx(), i.id),
  'programme.create': (f, b) => programme.createProgramme(b.ctx(), f),
  'programme.update': (i, b) => programme.updateProgramme(b.ctx(), i),
  'programme.updateYear': (i, b) => programme.updateProgrammeYear(b.ctx(), i),
  'programme.recurringPreview': (i, b) => previewRecurrence(b.ctx(), i),
  'programme.recurringCreate': (i, b) => createRecurrence(b.ctx(), i),
  'coverage.get': (i, b) => programmeCoverage(b.ctx(), i),
  'audits.list': (q, b) => audits.listAudits(b.ctx(), q),
  'audits.summary': (q, b) => audits.summariseAudits(b.ctx(), q),
  'audits.get': (i, b) => audits.getAudit(b.ctx(), i.id),
  'audits.create': (f, b) => audits.createAudit(b.ctx(), f),
  'audits.update': (i, b) => audits.updateAudit(b.ctx(), i),
  'audits.transitions': (i, b) => audits.auditTransitions(b.ctx(), i.id),
  'audits.transition': (i, b) => audits.transitionAudit(b.ctx(), i),
  'audits.delete': (i, b) => audits.deleteAudit(b.ctx(), i),
  'questions.list': (q, b) => questions.listQuestions(b.ctx(), q),
  'questions.create': (f, b) => questions.createQuestion(b.ctx(), f),
  'questions.update': (i, b) => questions.updateQuestion(b.ctx(), i),
  'questions.archive': (i, b) => questions.archiveQuestion(b.ctx(), i),
  'questions.move': (i, b) => questions.moveQuestion(b.ctx(), i),
  'checklist.generate': (i, b) => questions.generateChecklist(b.ctx(), i),
  'checklist.add': (i, b) => questions.addChecklistItem(b.ctx(), i),
  'checklist.remove': (i, b) => questions.removeChecklistItem(b.ctx(), i),
  'checklist.reorder': (i, b) => questions.reorderChecklist(b.ctx(), i),
};
