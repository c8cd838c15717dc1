import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGS, type Lang } from '../../../shared/domain/common';

/**
 * Catalogues live per feature (`shared/i18n/locales/<lang>/<feature>.json`, where the backend and
 * CLI read their words too) so features can grow side by side; each file becomes an i18next
 * namespace of the same name.
 */
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../../shared/i18n/locales/*/*.json', { eager: true });

export function catalogues(): Record<Lang, Record<string, Record<string, unknown>>> {
  const out: Record<Lang, Record<string, Record<string, unknown>>> = { sv: {}, en: {} };
  for (const [path, mod] of Object.entries(files)) {
    const m = /\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
    if (!m) continue;
    const lang = m[1] as Lang;
    if (LANGS.includes(lang)) out[lang][m[2] as string] = mod.default;
  }
  return out;
}

export const NAMESPACES = Object.keys(catalogues().en);

/** Swedish when the system speaks Swedish, else English; a saved choice or `?lang=` wins. */
export function pickLanguage(opts: { saved: Lang | null; query: string | null; system: readonly string[] }): Lang {
  if (opts.query && (LANGS as readonly string[]).includes(opts.query)) return opts.query as Lang;
  if (opts.saved) return opts.saved;
  return opts.system.some((l) => l.toLowerCase().startsWith('sv')) ? 'sv' : 'en';
}

export async function initI18n(lang: Lang): Promise<I18n> {
  const resources = catalogues();
  await i18next.use(initReactI18next).init({
    resources,
    lng: lang,
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: 'common',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = lang;
  return i18next;
}

export async function changeLanguage(lang: Lang): Promise<void> {
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18next };
