import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Lang } from '../../../shared/domain/schema-free';
import { catalogue, loadedCatalogues } from './words';

/**
 * Catalogues live per feature (`shared/i18n/locales/<lang>/<feature>.json`, where the backend and
 * CLI read their words too) so features can grow side by side; each file becomes an i18next
 * namespace of the same name. A language's files travel as one script (words-<lang>.ts): one
 * request at start-up rather than one per feature.
 */
export { pickLanguage, preloadWords } from './words';

export async function initI18n(lang: Lang): Promise<I18n> {
  const words = await catalogue(lang);
  const resources = await loadedCatalogues();
  await i18next.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: false,
    ns: Object.keys(words),
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lang;
  return i18next;
}

export async function changeLanguage(lang: Lang): Promise<void> {
  const words = await catalogue(lang);
  for (const [ns, bundle] of Object.entries(words)) {
    if (!i18next.hasResourceBundle(lang, ns)) i18next.addResourceBundle(lang, ns, bundle, true, true);
  }
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18next };
