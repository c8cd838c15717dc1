import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGS, type Lang } from '../../../shared/domain/schema-free';

/**
 * Catalogues live per feature (`shared/i18n/locales/<lang>/<feature>.json`, where the backend and
 * CLI read their words too) so features can grow side by side; each file becomes an i18next
 * namespace of the same name. A language's files travel as one script (words-<lang>.ts): one
 * request at start-up rather than one per feature.
 */
type Catalogue = Record<string, Record<string, unknown>>;

const WORDS: Record<Lang, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  sv: () => import('./words-sv'),
  en: () => import('./words-en'),
};

/** One language's words are fetched when it is first used: the other language never weighs on the first paint. */
const loaded = new Map<Lang, Promise<Catalogue>>();

function catalogue(lang: Lang): Promise<Catalogue> {
  let pending = loaded.get(lang);
  if (!pending) {
    // `.../<lang>/<namespace>.json` → namespace
    pending = WORDS[lang]().then((m) => Object.fromEntries(Object.entries(m.default).map(([path, words]) => [/([\w-]+)\.json$/.exec(path)?.[1] ?? path, words])));
    loaded.set(lang, pending);
  }
  return pending;
}

/** Starts fetching a language's words early (while the app asks the backend which one is saved). */
export function preloadWords(lang: Lang): void {
  void catalogue(lang);
}

/** Swedish when the system speaks Swedish, else English; a saved choice or `?lang=` wins. */
export function pickLanguage(opts: { saved: Lang | null; query: string | null; system: readonly string[] }): Lang {
  if (opts.query && (LANGS as readonly string[]).includes(opts.query)) return opts.query as Lang;
  if (opts.saved) return opts.saved;
  return opts.system.some((l) => l.toLowerCase().startsWith('sv')) ? 'sv' : 'en';
}

export async function initI18n(lang: Lang): Promise<I18n> {
  const words = await catalogue(lang);
  const resources: Partial<Record<Lang, Catalogue>> = {};
  for (const [l, pending] of loaded) resources[l] = await pending;
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
