import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGS, type Lang } from '../../../shared/domain/common';

/**
 * Catalogues live per feature (`shared/i18n/locales/<lang>/<feature>.json`, where the backend and
 * CLI read their words too) so features can grow side by side; each file becomes an i18next
 * namespace of the same name.
 */
const files = import.meta.glob<Record<string, unknown>>('../../../shared/i18n/locales/*/*.json', { import: 'default' });

type Catalogue = Record<string, Record<string, unknown>>;

function parsePath(path: string): { lang: Lang; ns: string } | null {
  const m = /\/locales\/(\w+)\/([\w-]+)\.json$/.exec(path);
  return m && (LANGS as readonly string[]).includes(m[1] as string) ? { lang: m[1] as Lang, ns: m[2] as string } : null;
}

export const NAMESPACES = [...new Set(Object.keys(files).flatMap((path) => parsePath(path)?.ns ?? []))];

/** One language's words are fetched when it is first used: the other language never weighs on the first paint. */
const loaded = new Map<Lang, Promise<Catalogue>>();

function catalogue(lang: Lang): Promise<Catalogue> {
  let pending = loaded.get(lang);
  if (!pending) {
    const entries = Object.entries(files).flatMap(([path, load]) => {
      const parsed = parsePath(path);
      return parsed?.lang === lang ? [load().then((words) => [parsed.ns, words] as const)] : [];
    });
    pending = Promise.all(entries).then((pairs) => Object.fromEntries(pairs));
    loaded.set(lang, pending);
  }
  return pending;
}

/** Swedish when the system speaks Swedish, else English; a saved choice or `?lang=` wins. */
export function pickLanguage(opts: { saved: Lang | null; query: string | null; system: readonly string[] }): Lang {
  if (opts.query && (LANGS as readonly string[]).includes(opts.query)) return opts.query as Lang;
  if (opts.saved) return opts.saved;
  return opts.system.some((l) => l.toLowerCase().startsWith('sv')) ? 'sv' : 'en';
}

export async function initI18n(lang: Lang): Promise<I18n> {
  await catalogue(lang);
  const resources: Partial<Record<Lang, Catalogue>> = {};
  for (const [l, pending] of loaded) resources[l] = await pending;
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
  const words = await catalogue(lang);
  for (const [ns, bundle] of Object.entries(words)) {
    if (!i18next.hasResourceBundle(lang, ns)) i18next.addResourceBundle(lang, ns, bundle, true, true);
  }
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export { i18next };
