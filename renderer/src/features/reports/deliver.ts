import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { DeliveredFile } from '../../../../shared/contract/files';
import { errorMessage } from '../../components/errors';
import { downloadFile } from '../conduct/files';

/**
 * Hands a file the backend produced to the person: the desktop app has already saved it through
 * the system's dialog (and says where), browser mode downloads the returned bytes. The bytes are
 * the backend's, unchanged, so every copy of an issued report is identical.
 */
export async function deliver(t: TFunction, produce: () => Promise<DeliveredFile>): Promise<void> {
  try {
    const file = await produce();
    if (file.cancelled) return;
    if (file.base64) downloadFile(file.fileName, file.mime, file.base64);
    notifications.show({
      color: 'green',
      autoClose: 4000,
      message: file.savedTo ? t('reports:files.savedTo', { path: file.savedTo }) : t('reports:files.downloaded', { name: file.fileName }),
    });
  } catch (err) {
    notifications.show({ color: 'red', message: errorMessage(t, err) });
  }
}
