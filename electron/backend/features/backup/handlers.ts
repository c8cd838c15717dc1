import type { backupCalls } from '../../../../shared/contract/backup';
import type { Handlers } from '../../router';

export const backupHandlers: Handlers<keyof typeof backupCalls> = {
  'backup.status': (_i, b) => b.backups.status(),
  'backup.create': (_i, b) => b.backups.deliverBackup(),
  'backup.runNow': (_i, b) => b.backups.backUpIfDue(true),
  'backup.chooseFolder': (_i, b) => b.backups.chooseFolder(),
  'backup.setFolder': (i, b) => b.backups.setFolder(i.folder),
  'backup.restoreUpload': (i, b) => b.backups.restoreUploaded(Buffer.from(i.contentBase64, 'base64')),
};
