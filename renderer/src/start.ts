import { startup } from './app/startup';

/**
 * The page's first script, kept small: it sends the first screen's calls (app/startup.ts) and only
 * then fetches the app itself (main.tsx), so the backend answers while that script is fetched,
 * compiled and run instead of after.
 */
startup().catch(() => undefined); // main.tsx shows the failure
void import('./main');
