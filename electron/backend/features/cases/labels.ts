import type { Lang } from '../../../../shared/domain/common';
import sv from '../../../../shared/i18n/locales/sv/cases.json';
import en from '../../../../shared/i18n/locales/en/cases.json';

/** The cases catalogue the app shows, so exports and the register PDF use the very same words. */
export type Labels = typeof sv;
export const labelsFor = (lang: Lang): Labels => (lang === 'sv' ? sv : en);
