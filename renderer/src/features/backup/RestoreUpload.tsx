import { useRef, useState } from 'react';
import { Alert, Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { readAsBase64 } from '../../components/files';
import { backupErrorMessage } from './backupErrors';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * Browser mode's Restore from a backup… (the desktop has File › Restore…): the chosen file is sent
 * to the backend, which checks it before anything changes and keeps the open database as `.bak`.
 * After a restore the page reloads, so every view shows the restored database; a refusal is shown
 * in words and nothing changed.
 */
export function RestoreUpload({ disabled, reload = () => window.location.reload() }: { disabled: boolean; reload?: () => void }) {
  const { t } = useTranslation('backup');
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const restore = async (chosen: File) => {
    setFile(null);
    setBusy(true);
    setError(null);
    try {
      const result = await api()['backup.restoreUpload']({ fileName: chosen.name, contentBase64: await readAsBase64(chosen) });
      setDone(result.keptAs ? t('done.restoreKept', { kept: result.keptAs }) : t('dialogs.restoreDone'));
      setTimeout(reload, 1500);
    } catch (err) {
      setError(backupErrorMessage(t, err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  return (
    <>
      <Button variant="default" loading={busy} disabled={disabled || done !== null} onClick={() => input.current?.click()}>
        {t('actions.restore')}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".sqlite,.db,.bak"
        hidden
        aria-label={t('restoreFile')}
        onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
      />
      <ConfirmDialog
        opened={file !== null}
        title={t('dialogs.restoreTitle')}
        text={t('restoreConfirmUpload', { file: file?.name ?? '' })}
        confirm={t('dialogs.restoreButton')}
        onConfirm={() => file && void restore(file)}
        onClose={() => {
          setFile(null);
          if (input.current) input.current.value = '';
        }}
      />
      <ErrorAlert error={error} title={t('dialogs.restoreFailed')} w="100%" />
      {done && (
        <Alert color="green" role="status" title={t('dialogs.restoreDone')} w="100%">
          {done}
        </Alert>
      )}
    </>
  );
}
