import { lazy, Suspense, useEffect, useRef } from 'react';
import { AppShell, Group, NavLink, ScrollArea, Text, Title, Badge, Center, Loader } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { HashRouter, NavLink as RouterLink, Route, Routes, useLocation } from 'react-router-dom';
import { useAppStore } from '../stores/appStore';
import { useDataVersion } from '../stores/dataStore';
import { useOrgStore } from '../features/org/orgStore';
import { LanguageSwitch } from '../features/app/LanguageSwitch';
import { NAVIGATION } from './navigation';
import { UnsafePlaceBanner } from '../features/backup/UnsafePlaceBanner';

// Shown instead of the app (a database waiting for its passphrase, an empty one): loaded when needed.
const PassphraseScreen = lazy(() => import('../features/security/PassphraseScreen').then((m) => ({ default: m.PassphraseScreen })));
const StartScreen = lazy(() => import('../features/app/StartScreen').then((m) => ({ default: m.StartScreen })));

export function App() {
  return (
    <HashRouter>
      <Shell />
    </HashRouter>
  );
}

function Shell() {
  const { t } = useTranslation();
  const info = useAppStore((s) => s.info);
  const loadOrg = useOrgStore((s) => s.load);
  const orgLoaded = useOrgStore((s) => s.loaded);
  const location = useLocation();

  // Units, processes and people may arrive in a package or a sync, too.
  const dataVersion = useDataVersion();
  // Start-up (startup.ts) loaded them before the first draw: not again for the same database.
  const loadedAtStart = useRef(orgLoaded);
  useEffect(() => {
    const loaded = loadedAtStart.current;
    loadedAtStart.current = false;
    if (info && !info.databaseEmpty && !loaded) void loadOrg();
  }, [info, loadOrg, dataVersion]);

  if (!info) return null;
  if (info.lockedPath) {
    return (
      <Suspense fallback={null}>
        <PassphraseScreen path={info.lockedPath} />
      </Suspense>
    );
  }
  if (info.databaseEmpty && !location.pathname.startsWith('/organisation') && !location.pathname.startsWith('/settings')) {
    return (
      <Suspense fallback={null}>
        <StartScreen />
      </Suspense>
    );
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 264, breakpoint: 'sm' }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <IconChecklist size={26} color="var(--mantine-color-granska-8)" aria-hidden />
            <Title order={3} fw={700}>
              {t('appName')}
            </Title>
            {info.organisationName && (
              <Text c="dimmed" size="sm" ml="xs">
                {info.organisationName}
              </Text>
            )}
          </Group>
          <Group gap="sm">
            {info.transport === 'http' && (
              <Badge variant="light" color="gray" title={info.databasePath ?? ''}>
                127.0.0.1
              </Badge>
            )}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        <ScrollArea>
          {NAVIGATION.map((n) => (
            <NavLink
              key={n.link}
              component={RouterLink}
              to={n.link}
              label={t(n.label)}
              leftSection={n.icon}
              active={n.link === '/' ? location.pathname === '/' : location.pathname.startsWith(`/${n.link.split('/')[1] ?? ''}`)}
              variant="light"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          ))}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <UnsafePlaceBanner databasePath={info.databasePath} />
        {!orgLoaded && !info.databaseEmpty ? (
          <Center h={200}>
            <Loader aria-label={t('state.loading')} />
          </Center>
        ) : (
          <Suspense
            fallback={
              <Center h={200}>
                <Loader aria-label={t('state.loading')} />
              </Center>
            }
          >
            <Routes>
              {NAVIGATION.flatMap((n) => [
                <Route key={n.path} path={n.path} element={n.element} />,
                ...(n.children ?? []).map((c) => <Route key={c.path} path={c.path} element={c.element} />),
              ])}
            </Routes>
          </Suspense>
        )}
      </AppShell.Main>
    </AppShell>
  );
}
