import { useEffect, useState } from 'react';
import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { BackupStatus } from '../../../../shared/contract/backup';
import { api } from '../../api/client';
import { formatMoment } from '../../components/dates';
import { deliver } from '../../components/files';
import { useAppStore } from '../../stores/appStore';
import { backupErrorMessage, describeBackupPayload } from './backupErrors';
import { RestoreUpload } from './RestoreUpload';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Settings section: where automatic backups go and when the last one was made (or why it failed),
 * a backup on request (saved through the desktop's dialog, downloaded in browser mode), and the
 * folder: chosen in the system's dialog on the desktop, typed as a path in browser mode.
 */
export function BackupSettings() {
  const { t } = useTranslation('backup');
  const info = useAppStore((s) => s.info);
  const desktop = info?.canChooseFiles ?? false;
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [folder, setFolder] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void api()['backup.status']({}).then((s) => {
      setStatus(s);
      setFolder(s.folder);
    });
  }, []);

  const act = async (work: () => Promise<BackupStatus>, done?: (s: BackupStatus) => string) => {
    setBusy(true);
    try {
      const s = await work();
      setStatus(s);
      setFolder(s.folder);
      const message = done?.(s);
      if (message) notifications.show({ color: s.lastError ? 'red' : 'green', autoClose: 4000, message });
    } catch (err) {
      notifications.show({ color: 'red', message: backupErrorMessage(t, err) });
    } finally {
      setBusy(false);
    }
  };

  if (!status) return null;
  const last = status.backups[0];
  const lastError = status.lastError
    ? (describeBackupPayload(t, status.lastError) ?? t(`common:errors.${status.lastError.code}`))
    : null;

  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('title')}</Title>
        <Text size="sm" c="dimmed">
          {t('intro')} {status.automatic ? t('automaticOn', { keep: status.keep }) : t('automaticOff')}
        </Text>
        <ErrorAlert error={lastError && t('lastError', { message: lastError })} />
        <Text size="sm">{last ? t('lastBackup', { time: formatMoment(last.at) }) : t('noBackupYet')}</Text>
        {status.backups.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('kept', { count: status.backups.length, keep: status.keep })}
          </Text>
        )}
        <div>
          <Text size="sm" fw={500}>
            {t('folder')}
          </Text>
          {desktop ? (
            <Text size="sm" style={{ wordBreak: 'break-all' }} data-testid="backup-folder">
              {status.folder}
            </Text>
          ) : (
            <Group align="flex-end" gap="xs">
              <TextInput aria-label={t('folderInput')} value={folder} onChange={(e) => setFolder(e.currentTarget.value)} style={{ flex: 1 }} />
              <Button
                variant="default"
                disabled={busy || folder.trim() === status.folder}
                onClick={() => void act(() => api()['backup.setFolder']({ folder }), (s) => t('done.folder', { path: s.folder }))}
              >
                {t('actions.useFolder')}
              </Button>
            </Group>
          )}
          {status.folder === status.defaultFolder && (
            <Text size="xs" c="dimmed">
              {t('folderIsDefault')}
            </Text>
          )}
        </div>
        <Group gap="xs">
          <Button
            loading={busy}
            onClick={() => {
              setBusy(true);
              void deliver(t, () => api()['backup.create']({}), backupErrorMessage).finally(() => setBusy(false));
            }}
          >
            {desktop ? t('actions.create') : t('actions.download')}
          </Button>
          <Button
            variant="default"
            disabled={busy}
            onClick={() => void act(() => api()['backup.runNow']({}), (s) => (s.lastError ? '' : t('done.runNow')))}
          >
            {t('actions.runNow')}
          </Button>
          {desktop && (
            <Button variant="default" disabled={busy} onClick={() => void act(() => api()['backup.chooseFolder']({}))}>
              {t('actions.chooseFolder')}
            </Button>
          )}
          {status.folder !== status.defaultFolder && (
            <Button variant="subtle" disabled={busy} onClick={() => void act(() => api()['backup.setFolder']({ folder: null }), (s) => t('done.folder', { path: s.folder }))}>
              {t('actions.useDefault')}
            </Button>
          )}
        </Group>
        {!desktop && (
          <Group gap="xs">
            <RestoreUpload disabled={busy} />
          </Group>
        )}
        <Text size="xs" c="dimmed">
          {desktop ? t('restoreHint') : t('restoreHintBrowser')}
        </Text>
      </Stack>
    </Paper>
  );
}
