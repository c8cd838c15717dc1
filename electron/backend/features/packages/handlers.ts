import type { Handlers } from '../../router';
import { PACKAGE_MIME } from './format';
import { sealPackage } from './envelope';
import { exportAuditPackage, importPackage, listConflicts, makeReturnPackage, packageStatus, resolveConflict } from './service';

type PackagesCall = 'packages.status' | 'packages.export' | 'packages.import' | 'packages.return' | 'packages.conflicts' | 'packages.resolve';

export const packagesHandlers: Handlers<PackagesCall> = {
  'packages.status': (_i, b) => packageStatus(b.ctx()),
  'packages.export': (i, b) => {
    const { fileName, data } = exportAuditPackage(b.ctx(), i.auditIds);
    return b.deliverFile(fileName, PACKAGE_MIME, i.passphrase ? sealPackage(data, i.passphrase) : data);
  },
  'packages.import': (i, b) => importPackage(b.ctx(), Buffer.from(i.contentBase64, 'base64'), i.passphrase ?? null),
  'packages.return': (i, b) => {
    const { fileName, data } = makeReturnPackage(b.ctx(), i.auditIds ? { audits: i.auditIds } : {});
    return b.deliverFile(fileName, PACKAGE_MIME, i.passphrase ? sealPackage(data, i.passphrase) : data);
  },
  'packages.conflicts': (i, b) => listConflicts(b.ctx(), i.auditId ? { auditIds: [i.auditId] } : {}),
  'packages.resolve': (i, b) => resolveConflict(b.ctx(), i),
};
