import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { ExportFormat } from '../../../../shared/contract/cases';
import type { CaseListQuery } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { downloadFile } from '../conduct/files';
import { caseErrorMessage } from './caseErrors';

/**
 * The desktop app saves through the system's dialog and says where; browser mode gets the bytes
 * back and offers them as a download. A cancelled dialog is not an error.
 */
export async function exportRegister(t: TFunction, format: ExportFormat, query: CaseListQuery, lang: string): Promise<void> {
  try {
    const file = await api()['cases.export']({ format, query, lang: lang === 'en' ? 'en' : 'sv' });
    if (file.cancelled) return;
    if (file.base64) downloadFile(file.fileName, file.mime, file.base64);
    notifications.show({
      color: 'green',
      message: file.savedTo ? t('cases:register.savedTo', { path: file.savedTo }) : t('cases:register.exported', { file: file.fileName }),
      autoClose: 3000,
    });
  } catch (err) {
    notifications.show({ color: 'red', message: caseErrorMessage(t, err) });
  }
}
