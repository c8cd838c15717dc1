import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useBusyCall } from '../../components/useBusyCall';
import { useAppStore } from '../../stores/appStore';
import { ErrorAlert } from '../../components/ErrorAlert';

type Mode = 'encrypt' | 'decrypt' | null;

/**
 * Settings › Security: encrypt the open database with a passphrase (SQLCipher 4), or remove the
 * encryption with the current one. Nothing typed here is stored, logged or put in the trail.
 */
export function EncryptionPanel() {
  const { t } = useTranslation('security');
  const { info, setInfo } = useAppStore();
  const [mode, setMode] = useState<Mode>(null);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [current, setCurrent] = useState('');
  const { busy, error, setError, run } = useBusyCall(t);
  if (!info?.databasePath) return null;

  const close = () => {
    setMode(null);
    setPassphrase('');
    setAgain('');
    setCurrent('');
    setError(null);
  };

  const submit = async () => {
    if (mode === 'encrypt' && passphrase !== again) {
      setError(t('encryption.mismatch'));
      return;
    }
    await run(async () => {
      const next =
        mode === 'encrypt'
          ? await api()['app.encryptDatabase']({ passphrase })
          : await api()['app.decryptDatabase']({ current });
      setInfo(next);
      notifications.show({ color: 'green', message: t(mode === 'encrypt' ? 'encryption.encrypted' : 'encryption.decrypted') });
      close();
    });
  };

  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('encryption.title')}</Title>
        <Text size="sm" c="dimmed" data-testid="encryption-state">
          {t(info.encrypted ? 'encryption.on' : 'encryption.off')}
        </Text>
        <Group>
          {info.encrypted ? (
            <Button variant="default" onClick={() => setMode('decrypt')}>
              {t('encryption.decrypt')}
            </Button>
          ) : (
            <Button onClick={() => setMode('encrypt')}>{t('encryption.encrypt')}</Button>
          )}
        </Group>
      </Stack>
      <Modal opened={mode !== null} onClose={close} title={t(mode === 'decrypt' ? 'encryption.decrypt' : 'encryption.encrypt')}>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <Stack gap="sm">
            {mode === 'encrypt' ? (
              <>
                <Alert color="yellow">{t('encryption.warning')}</Alert>
                <PasswordInput label={t('encryption.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoComplete="new-password" />
                <PasswordInput label={t('encryption.passphraseAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} autoComplete="new-password" />
              </>
            ) : (
              <PasswordInput label={t('encryption.current')} value={current} onChange={(e) => setCurrent(e.currentTarget.value)} autoComplete="current-password" />
            )}
            <ErrorAlert error={error} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t(mode === 'decrypt' ? 'encryption.decrypt' : 'encryption.encrypt')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Paper>
  );
}
