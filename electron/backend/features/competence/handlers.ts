import type { Handlers } from '../../router';
import { addRecord, listProfiles, readCertificateFile, removeRecord, updateRecord } from './records';
import { auditWarnings, checkTeam, listRules, setRule } from './rules';
import { registerPdf } from './register-pdf';

type CompetenceCall =
  | 'competence.profiles' | 'competence.addRecord' | 'competence.updateRecord' | 'competence.removeRecord' | 'competence.certificate'
  | 'competence.rules' | 'competence.setRule' | 'competence.check' | 'competence.auditWarnings' | 'competence.registerPdf';

export const competenceHandlers: Handlers<CompetenceCall> = {
  'competence.profiles': (q, b) => listProfiles(b.ctx(), q),
  'competence.addRecord': (f, b) => addRecord(b.ctx(), f),
  'competence.updateRecord': (f, b) => updateRecord(b.ctx(), f),
  'competence.removeRecord': (i, b) => removeRecord(b.ctx(), i.id),
  'competence.certificate': (i, b) => {
    const file = readCertificateFile(b.ctx(), i.id);
    return b.deliverFile(file.fileName, file.mime, file.data);
  },
  'competence.rules': (_i, b) => listRules(b.ctx()),
  'competence.setRule': (f, b) => setRule(b.ctx(), f),
  'competence.check': (i, b) => checkTeam(b.ctx(), i),
  'competence.auditWarnings': (i, b) => auditWarnings(b.ctx(), i.id),
  'competence.registerPdf': async (i, b) => {
    const { fileName, pdf } = await registerPdf(b.ctx(), i.lang);
    return b.deliverFile(fileName, 'application/pdf', pdf);
  },
};
