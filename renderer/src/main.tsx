import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { api } from './api/client';
import { initI18n, pickLanguage, preloadWords } from './i18n';
import { useAppStore } from './stores/appStore';
import { App } from './app/App';
import { theme } from './app/theme';
import { BootError } from './app/BootError';

async function boot() {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  const query = new URL(window.location.href).searchParams.get('lang');
  // the words most likely needed, fetched while the backend says which language was saved
  preloadWords(pickLanguage({ saved: null, query, system: navigator.languages }));
  try {
    const info = await api()['app.info']({});
    useAppStore.getState().setInfo(info);
    await initI18n(pickLanguage({ saved: info.language, query, system: navigator.languages }));
  } catch {
    await initI18n(pickLanguage({ saved: null, query, system: navigator.languages }));
    root.render(
      <MantineProvider theme={theme}>
        <BootError />
      </MantineProvider>,
    );
    return;
  }
  root.render(
    <StrictMode>
      <MantineProvider theme={theme}>
        <Notifications position="bottom-right" />
        <App />
      </MantineProvider>
    </StrictMode>,
  );
}

void boot();
