import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { DeliveredFile } from '../../../shared/contract/files';
import { downloadName } from '../../../shared/domain/file-names';
import { errorMessage } from './errors';

/** The renderer never touches the file system: chosen files travel to the backend as base64. */
export function readAsBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsDataURL(file);
  });
}

export function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Browser mode has no system viewer or save dialog: the file is offered as a download under a
 * cleaned name ending in its type's extension (the backend sends one already; checked again here
 * because a browser saves whatever `download` says). Nothing is opened or run from here.
 */
export function downloadFile(fileName: string, mime: string, base64: string): void {
  downloadBlob(fileName, mime, new Blob([bytesOfBase64(base64)], { type: mime }));
}

/** The same, for bytes already in a Blob (a streamed attachment). */
export function downloadBlob(fileName: string, mime: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = downloadName(fileName, mime);
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/**
 * Hands a file the backend produced to the person: the desktop app has already saved it through
 * the system's dialog (and says where), browser mode downloads the returned bytes. The bytes are
 * the backend's, unchanged, so every copy of an issued report is identical. A cancelled dialog is
 * not an error.
 */
export async function deliver(
  t: TFunction,
  produce: () => Promise<DeliveredFile>,
  describeError: (t: TFunction, err: unknown) => string = errorMessage,
): Promise<void> {
  try {
    const file = await produce();
    if (file.cancelled) return;
    if (file.base64) downloadFile(file.fileName, file.mime, file.base64);
    notifications.show({
      color: 'green',
      autoClose: 4000,
      message: file.savedTo ? t('common:files.savedTo', { path: file.savedTo }) : t('common:files.downloaded', { name: file.fileName }),
    });
  } catch (err) {
    notifications.show({ color: 'red', message: describeError(t, err) });
  }
}
