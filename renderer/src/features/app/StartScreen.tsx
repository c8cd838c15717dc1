import { useState } from 'react';
import { Button, Card, Center, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconDatabasePlus, IconFolderOpen, IconSparkles, IconChecklist } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { useAppStore } from '../../stores/appStore';
import { LanguageSwitch } from './LanguageSwitch';
import { ErrorAlert } from '../../components/ErrorAlert';

/** First start: an empty database. Offer the three ways in a person would look for. */
export function StartScreen() {
  const { t } = useTranslation('start');
  const { info, setInfo } = useAppStore();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (key: string, action: () => Promise<void>) => {
    setBusy(key);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(null);
    }
  };

  const choices = [
    {
      key: 'empty',
      icon: <IconDatabasePlus size={26} />,
      title: t('empty.title'),
      text: t('empty.text'),
      button: t('empty.button'),
      action: () => run('empty', async () => navigate('/organisation/units')),
      secondary: info?.canChooseFiles
        ? { label: t('empty.newFile'), action: () => run('new', async () => setInfo(await api()['app.chooseDatabase']({ mode: 'new' }))) }
        : undefined,
    },
    {
      key: 'open',
      icon: <IconFolderOpen size={26} />,
      title: t('open.title'),
      text: info?.canChooseFiles ? t('open.text') : t('open.browserMode'),
      button: t('open.button'),
      disabled: !info?.canChooseFiles,
      action: () => run('open', async () => setInfo(await api()['app.chooseDatabase']({ mode: 'open' }))),
    },
    {
      key: 'demo',
      icon: <IconSparkles size={26} />,
      title: t('demo.title'),
      text: t('demo.text'),
      button: t('demo.button'),
      action: () => run('demo', async () => setInfo(await api()['app.loadDemo']({}))),
    },
  ];

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="xl">
      <Stack maw={980} w="100%" gap="xl">
        <Group justify="space-between">
          <Group gap="sm">
            <ThemeIcon size={48} radius="md" variant="filled">
              <IconChecklist size={30} />
            </ThemeIcon>
            <div>
              <Title order={1}>{t('welcome')}</Title>
              <Text c="dimmed">{t('subtitle')}</Text>
            </div>
          </Group>
          <LanguageSwitch />
        </Group>
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="lg">
          {choices.map((c) => (
            <Card key={c.key} padding="lg" withBorder radius="md" shadow="xs">
              <Stack gap="sm" h="100%">
                <ThemeIcon size={44} radius="md" variant="light">
                  {c.icon}
                </ThemeIcon>
                <Title order={3}>{c.title}</Title>
                <Text size="sm" c="dimmed" style={{ flex: 1 }}>
                  {c.text}
                </Text>
                <Button onClick={() => void c.action()} loading={busy === c.key} disabled={c.disabled} variant={c.key === 'demo' ? 'light' : 'filled'}>
                  {c.button}
                </Button>
                {c.secondary && (
                  <Button variant="subtle" size="xs" onClick={() => void c.secondary?.action()} loading={busy === 'new'}>
                    {c.secondary.label}
                  </Button>
                )}
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
        {info?.databasePath && (
          <Text size="xs" c="dimmed">
            {t('database', { path: info.databasePath })}
          </Text>
        )}
      </Stack>
    </Center>
  );
}
