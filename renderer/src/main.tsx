import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { initI18n, pickLanguage } from './i18n';
import { startup } from './app/startup';
import { useAppStore } from './stores/appStore';
import { App } from './app/App';
import { lightOnly, theme } from './app/theme';
import { BootError } from './app/BootError';

/** How long the first draw waits for the overview's figures before showing the shell without them. */
const OVERVIEW_WAIT_MS = 1000;

function settledWithin(pending: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    pending.then(done, done);
  });
}

async function boot() {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  try {
    // asked for by start.ts before this script arrived
    const { info, lang, org, overview } = await startup();
    useAppStore.getState().setInfo(info);
    // The first draw has the organisation's names in it and, opening on the overview, its figures
    // when they come soon: one draw instead of a shell with a loader and then the page again.
    await Promise.all([initI18n(lang), org?.catch(() => undefined), overview && settledWithin(overview, OVERVIEW_WAIT_MS)]);
  } catch {
    const query = new URL(window.location.href).searchParams.get('lang');
    await initI18n(pickLanguage({ saved: null, query, system: navigator.languages }));
    root.render(
      <MantineProvider theme={theme} colorSchemeManager={lightOnly}>
        <BootError />
      </MantineProvider>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <MantineProvider theme={theme} colorSchemeManager={lightOnly}>
        <Notifications position="bottom-right" />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
}

void boot();
