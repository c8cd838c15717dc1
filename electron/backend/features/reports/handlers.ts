import type { Handlers } from '../../router';
import { createIdentity, identityCertificate, identityForSigning, importIdentity, listIdentities, removeIdentity } from './identities';
import {
  issueWithStoredIdentity,
  previewReport,
  reportOverview,
  revisionBytes,
  revisionContent,
  saveConclusions,
  startCorrection,
} from './issue';
import { getLogo, removeLogo, setLogo } from './logo';
import { programmePdf } from './programme-pdf';
import { addTrusted, listTrusted, removeTrusted } from './trust';
import { verifyReportFile } from './verify';

type ReportsCall =
  | 'reports.status' | 'reports.saveConclusions' | 'reports.preview' | 'reports.issue' | 'reports.startCorrection' | 'reports.save'
  | 'reports.content' | 'reports.programmePdf' | 'reports.logo' | 'reports.setLogo' | 'reports.removeLogo'
  | 'identities.list' | 'identities.create' | 'identities.import' | 'identities.remove' | 'identities.certificate'
  | 'trust.list' | 'trust.add' | 'trust.remove'
  | 'verify.pdf';

export const reportsHandlers: Handlers<ReportsCall> = {
  'reports.status': (i, b) => reportOverview(b.ctx(), i.auditId),
  'reports.saveConclusions': (i, b) => saveConclusions(b.ctx(), i),
  'reports.preview': (i, b) => previewReport(b.ctx(), i),
  'reports.issue': async (i, b) => {
    const ctx = b.ctx();
    return issueWithStoredIdentity(ctx, i, await identityForSigning(ctx, i.identityId, i.passphrase));
  },
  'reports.startCorrection': (i, b) => startCorrection(b.ctx(), i),
  'reports.save': (i, b) => {
    const { revision, pdf } = revisionBytes(b.ctx(), i.id);
    return b.deliverFile(revision.fileName, 'application/pdf', pdf);
  },
  'reports.content': (i, b) => revisionContent(b.ctx(), i.id),
  'reports.programmePdf': async (i, b) => {
    const { fileName, pdf } = await programmePdf(b.ctx(), i);
    return b.deliverFile(fileName, 'application/pdf', pdf);
  },
  'reports.logo': (_i, b) => getLogo(b.ctx()),
  'reports.setLogo': (i, b) => setLogo(b.ctx(), i),
  'reports.removeLogo': (_i, b) => removeLogo(b.ctx()),

  'identities.list': (_i, b) => listIdentities(b.ctx()),
  'identities.create': (i, b) => createIdentity(b.ctx(), i),
  'identities.import': (i, b) => importIdentity(b.ctx(), i),
  'identities.remove': (i, b) => removeIdentity(b.ctx(), i.id),
  'identities.certificate': (i, b) => {
    const { fileName, data } = identityCertificate(b.ctx(), i.id);
    return b.deliverFile(fileName, 'application/x-pem-file', data);
  },

  'trust.list': (_i, b) => listTrusted(b.ctx()),
  'trust.add': (i, b) => addTrusted(b.ctx(), i),
  'trust.remove': (i, b) => removeTrusted(b.ctx(), i.id),

  // without an open database the signature is still checked; only the match with issued reports is skipped
  'verify.pdf': (i, b) => verifyReportFile(b.databasePath ? b.ctx() : null, Buffer.from(i.contentBase64, 'base64'), i.fileName),
};
