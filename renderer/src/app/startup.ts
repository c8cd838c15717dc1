import type { AppInfo } from '../../../shared/contract/app';
import type { Lang } from '../../../shared/domain/schema-free';
import { api } from '../api/client';
import { pickLanguage, preloadWords } from '../i18n/words';
import { useOrgStore } from '../features/org/orgStore';
import { prefetchReadiness } from '../features/app/useReadiness';

export interface Startup {
  info: AppInfo;
  lang: Lang;
  /** The organisation's units, processes and people, when the database is open and holds some. */
  org: Promise<void> | null;
  /** The overview's figures, when the app opens on the overview. */
  overview: Promise<unknown> | null;
}

let started: Promise<Startup> | null = null;

/** The app opens on the overview (HashRouter: `#/`, or no route at all). */
const onOverview = () => ['', '#', '#/'].includes(window.location.hash);

/**
 * Everything the first screen needs, asked for as soon as the page runs any script: which database
 * and language (app.info), that language's words, the organisation and, when the app opens on the
 * overview, its figures, all in flight together while the app's own script is fetched and compiled.
 * Once per page; main.tsx takes the same answers.
 */
export function startup(): Promise<Startup> {
  started ??= begin();
  return started;
}

async function begin(): Promise<Startup> {
  const query = new URL(window.location.href).searchParams.get('lang');
  // the words most likely needed, fetched while the backend says which language was saved
  preloadWords(pickLanguage({ saved: null, query, system: navigator.languages }));
  const info = await api()['app.info']({});
  const lang = pickLanguage({ saved: info.language, query, system: navigator.languages });
  preloadWords(lang);
  if (info.lockedPath || info.databaseEmpty) return { info, lang, org: null, overview: null };
  const org = useOrgStore.getState().load();
  org.catch(() => undefined); // the shell loads it again and shows its state
  return { info, lang, org, overview: onOverview() ? prefetchReadiness() : null };
}
