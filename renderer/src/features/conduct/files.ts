import { formatBytes } from '../../../../shared/domain/findings';

/** What the file picker offers; the backend decides by content anyway, this only helps people. */
export const ACCEPT =
  'image/jpeg,image/png,image/gif,image/webp,image/heic,.heic,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv,text/plain,text/csv';

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

function bytesOfBase64(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Browser mode has no system viewer: the file is offered as a download under its own name, and
 * the browser's own safeguards apply. Nothing is opened or run from here.
 */
export function downloadFile(fileName: string, mime: string, base64: string): void {
  const url = URL.createObjectURL(new Blob([bytesOfBase64(base64)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function humanSize(bytes: number, lang: string): string {
  const { value, unit } = formatBytes(bytes);
  return `${new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}
