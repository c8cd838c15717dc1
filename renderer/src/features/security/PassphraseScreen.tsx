import { useState } from 'react';
import { Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useBusyCall } from '../../components/useBusyCall';
import { useAppStore } from '../../stores/appStore';
import { LanguageSwitch } from '../app/LanguageSwitch';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Shown instead of the app while an encrypted database (or encrypted package) waits for its
 * passphrase. A wrong passphrase leaves the file untouched and the screen where it was; the typed
 * text is cleared so it is not left on screen.
 */
export function PassphraseScreen({ path }: { path: string }) {
  const { t } = useTranslation('security');
  const setInfo = useAppStore((s) => s.setInfo);
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useBusyCall(t);

  const unlock = () => run(async () => setInfo(await api()['app.unlock']({ passphrase })), () => setPassphrase(''));

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Paper p="xl" w={480} withBorder>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (passphrase) void unlock();
          }}
        >
          <Stack gap="md">
            <Stack gap={4} align="center">
              <IconLock size={32} color="var(--mantine-color-granska-8)" aria-hidden />
              <Title order={2}>{t('unlock.title')}</Title>
            </Stack>
            <Text size="sm" style={{ wordBreak: 'break-all' }}>
              {t('unlock.help', { path })}
            </Text>
            <PasswordInput
              label={t('unlock.passphrase')}
              value={passphrase}
              onChange={(e) => setPassphrase(e.currentTarget.value)}
              autoFocus
              autoComplete="current-password"
            />
            <ErrorAlert error={error} />
            <Button type="submit" loading={busy} disabled={!passphrase}>
              {t('unlock.open')}
            </Button>
            <LanguageSwitch />
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
