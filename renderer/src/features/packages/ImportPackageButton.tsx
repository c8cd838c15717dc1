import { useRef, useState } from 'react';
import { Alert, Button, Group, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPackageImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../../shared/contract/packages';
import { api } from '../../api/client';
import { errorMessage, payloadOf } from '../../components/errors';
import { readAsBase64 } from '../../components/files';
import { dataChanged } from '../../stores/dataStore';
import { ErrorAlert } from '../../components/ErrorAlert';

type PackageFile = { fileName: string; contentBase64: string };

/**
 * Imports a .granska file: an auditor's return package (merged) or, from another database, an
 * audit package (taken into this database to conduct here). An encrypted package waits for its
 * passphrase. Shows what arrived; every open view reloads through the shared data-changed signal.
 */
export function ImportPackageButton({
  label, fileLabel, onImported, size = 'xs',
}: { label: string; fileLabel: string; onImported?(summary: ImportSummary): void; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation('packages');
  const { t: ts } = useTranslation('security');
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  /** An encrypted package: the file waits here for its passphrase. */
  const [locked, setLocked] = useState<PackageFile | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseError, setPassphraseError] = useState<string | null>(null);

  const importContent = async (content: PackageFile, secret?: string) => {
    setBusy(true);
    try {
      const result = await api()['packages.import']({ ...content, ...(secret ? { passphrase: secret } : {}) });
      setLocked(null);
      setPassphrase('');
      setPassphraseError(null);
      setSummary(result);
      dataChanged();
      onImported?.(result);
    } catch (err) {
      if (payloadOf(err).code === 'wrong_passphrase') {
        // Encrypted: ask for the passphrase (again, when the one given was wrong); nothing was changed.
        setLocked(content);
        setPassphrase('');
        setPassphraseError(secret ? errorMessage(t, err) : null);
      } else {
        setLocked(null);
        notifications.show({ color: 'red', message: errorMessage(t, err), autoClose: false });
      }
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await importContent({ fileName: file.name, contentBase64: await readAsBase64(file) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const added = summary ? Object.values(summary.added).reduce((a, b) => a + b, 0) : 0;
  const changed = summary ? Object.values(summary.changed).reduce((a, b) => a + b, 0) : 0;
  const adopted = summary?.kind === 'audit';
  return (
    <>
      <Button
        size={size}
        variant={size === 'xs' ? 'light' : 'default'}
        leftSection={<IconPackageImport size={size === 'xs' ? 14 : 16} />}
        loading={busy}
        onClick={() => input.current?.click()}
        style={{ flexShrink: 0 }}
      >
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".granska"
        hidden
        aria-label={fileLabel}
        onChange={(e) => void importFile(e.currentTarget.files?.[0])}
      />
      <Modal opened={locked !== null} onClose={() => setLocked(null)} title={ts('packages.importTitle')} centered>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (locked && passphrase) void importContent(locked, passphrase);
          }}
        >
          <Stack gap="sm">
            <Text size="sm">{ts('packages.importHelp')}</Text>
            <PasswordInput label={ts('packages.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoComplete="current-password" />
            <ErrorAlert error={passphraseError} />
            <Group justify="flex-end">
              <Button type="submit" loading={busy} disabled={!passphrase}>{ts('packages.open')}</Button>
            </Group>
          </Stack>
        </form>
      </Modal>
      <Modal opened={!!summary} onClose={() => setSummary(null)} title={adopted ? t('adopt.title') : t('import.title')} centered>
        {summary && (
          <Stack gap="xs">
            <Text size="sm">
              {summary.applied === 0
                ? adopted ? t('adopt.nothingNew') : t('import.nothingNew')
                : t('import.counts', { added, changed })}
            </Text>
            {adopted && summary.applied > 0 && <Text size="sm">{t('adopt.next', { audits: summary.audits.join(', ') })}</Text>}
            {summary.trailEntries > 0 && <Text size="sm">{t('import.trail', { count: summary.trailEntries })}</Text>}
            {summary.renumbered.length > 0 && (
              <List size="sm">
                {summary.renumbered.map((r) => (
                  <List.Item key={r.from}>{t('import.renumbered', { from: r.from, to: r.to })}</List.Item>
                ))}
              </List>
            )}
            {summary.historyEdited && (
              <Alert color="red" role="alert">
                {ts('packages.historyEdited', { seq: summary.historyEdited.seq })}
              </Alert>
            )}
            <Text size="sm" fw={summary.openConflicts.length > 0 ? 600 : undefined}>
              {summary.openConflicts.length > 0
                ? t('import.conflicts', { count: summary.openConflicts.length })
                : adopted ? null : t('import.merged')}
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => setSummary(null)}>{t('import.close')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
