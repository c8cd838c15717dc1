import type { Lang } from '../../../../shared/domain/common';
import sv from '../../../../shared/i18n/locales/sv/managementReview.json';
import en from '../../../../shared/i18n/locales/en/managementReview.json';

/** The management review's words, from the same catalogue the app's page uses. */
export type ReviewTexts = typeof sv;
export const reviewTexts = (lang: Lang): ReviewTexts => (lang === 'sv' ? sv : en);
