import type { Lang } from '../../../../shared/domain/common';
import sv from '../../../../shared/i18n/locales/sv/pack.json';
import en from '../../../../shared/i18n/locales/en/pack.json';

/** The pack's words, from the same catalogue the app's pack dialog uses. */
export type PackTexts = typeof sv;
export const packTexts = (lang: Lang): PackTexts => (lang === 'sv' ? sv : en);

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_m, k: string) => String(params[k] ?? ''));
}
