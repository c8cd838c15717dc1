import { formatBytes } from '../../../../shared/domain/findings';

/** What the file picker offers; the backend decides by content anyway, this only helps people. */
export const ACCEPT =
  'image/jpeg,image/png,image/gif,image/webp,image/heic,.heic,application/pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.txt,.csv,text/plain,text/csv';

export function humanSize(bytes: number, lang: string): string {
  const { value, unit } = formatBytes(bytes);
  return `${new Intl.NumberFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 1 }).format(value)} ${unit}`;
}
