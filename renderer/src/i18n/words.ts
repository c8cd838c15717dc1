import { LANGS, type Lang } from '../../../shared/domain/schema-free';

/**
 * Which language's words to load, and loading them: no i18next here, so the start-up script can
 * fetch the words while the app's own script is still on its way.
 */
export type Catalogue = Record<string, Record<string, unknown>>;

const WORDS: Record<Lang, () => Promise<{ default: Record<string, Record<string, unknown>> }>> = {
  sv: () => import('./words-sv'),
  en: () => import('./words-en'),
};

/** One language's words are fetched when it is first used: the other language never weighs on the first paint. */
const loaded = new Map<Lang, Promise<Catalogue>>();

export function catalogue(lang: Lang): Promise<Catalogue> {
  let pending = loaded.get(lang);
  if (!pending) {
    // `.../<lang>/<namespace>.json` → namespace
    pending = WORDS[lang]().then((m) => Object.fromEntries(Object.entries(m.default).map(([path, words]) => [/([\w-]+)\.json$/.exec(path)?.[1] ?? path, words])));
    loaded.set(lang, pending);
  }
  return pending;
}

/** Every language whose words have been asked for, as they arrive. */
export async function loadedCatalogues(): Promise<Partial<Record<Lang, Catalogue>>> {
  const out: Partial<Record<Lang, Catalogue>> = {};
  for (const [l, pending] of loaded) out[l] = await pending;
  return out;
}

/** Starts fetching a language's words early (while the app asks the backend which one is saved). */
export function preloadWords(lang: Lang): void {
  catalogue(lang).catch(() => undefined); // the one who needs them reports a failure
}

/** Swedish when the system speaks Swedish, else English; a saved choice or `?lang=` wins. */
export function pickLanguage(opts: { saved: Lang | null; query: string | null; system: readonly string[] }): Lang {
  if (opts.query && (LANGS as readonly string[]).includes(opts.query)) return opts.query as Lang;
  if (opts.saved) return opts.saved;
  return opts.system.some((l) => l.toLowerCase().startsWith('sv')) ? 'sv' : 'en';
}
