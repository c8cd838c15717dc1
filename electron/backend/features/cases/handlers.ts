import type { Handlers } from '../../router';
import * as cases from './service';
import * as actions from './actions';
import { casePage, caseSummary, listCases, myActions } from './register';
import { casePageAt } from './register-jump';
import { exportRegister } from './export';
import { commitImport, previewImport } from './import';

type CasesCall =
  | 'cases.list' | 'cases.page' | 'cases.summary' | 'cases.myActions' | 'cases.get' | 'cases.create' | 'cases.update' | 'cases.updateAnalysis'
  | 'cases.createFromFinding' | 'cases.forFinding' | 'cases.findingsWithoutCase'
  | 'cases.addAction' | 'cases.updateAction' | 'cases.setActionDone' | 'cases.removeAction' | 'cases.markImplemented' | 'cases.verify'
  | 'cases.export' | 'cases.importPreview' | 'cases.importCommit';

export const casesHandlers: Handlers<CasesCall> = {
  'cases.list': (q, b) => listCases(b.ctx(), q),
  'cases.page': (p, b) => (p.offset === null ? casePage(b.ctx(), p) : casePageAt(b.ctx(), { ...p, offset: p.offset })),
  'cases.summary': (_i, b) => caseSummary(b.ctx()),
  'cases.myActions': (i, b) => myActions(b.ctx(), i.personId),
  'cases.get': (i, b) => cases.getCaseDetail(b.ctx(), i.id),
  'cases.create': (f, b) => cases.createCase(b.ctx(), f),
  'cases.update': (i, b) => cases.updateCase(b.ctx(), i),
  'cases.updateAnalysis': (i, b) => cases.updateAnalysis(b.ctx(), i),
  'cases.createFromFinding': (i, b) => cases.createCaseFromFinding(b.ctx(), i),
  'cases.forFinding': (i, b) => cases.caseForFinding(b.ctx(), i.findingId),
  'cases.findingsWithoutCase': (_i, b) => cases.findingsWithoutCase(b.ctx()),
  'cases.addAction': (i, b) => actions.addAction(b.ctx(), i),
  'cases.updateAction': (i, b) => actions.updateAction(b.ctx(), i),
  'cases.setActionDone': (i, b) => actions.setActionDone(b.ctx(), i),
  'cases.removeAction': (i, b) => actions.removeAction(b.ctx(), i),
  'cases.markImplemented': (i, b) => actions.markImplemented(b.ctx(), i),
  'cases.verify': (i, b) => actions.verifyCase(b.ctx(), i),
  'cases.export': async (i, b) => {
    const file = await exportRegister(b.ctx(), i);
    return b.deliverFile(file.fileName, file.mime, file.data);
  },
  'cases.importPreview': (i, b) => previewImport(b.ctx(), i),
  'cases.importCommit': (i, b) => commitImport(b.ctx(), i),
};
