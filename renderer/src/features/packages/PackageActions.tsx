import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Checkbox, Group, List, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPackageExport, IconPackageImport, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary, PackageStatus } from '../../../../shared/contract/packages';
import type { Audit } from '../../../../shared/domain/audits';
import { api } from '../../api/client';
import { errorMessage, payloadOf } from '../../components/errors';
import { deliver, readAsBase64 } from '../../components/files';

/**
 * On the audit page: the coordinator sends the audit to auditors as a package and imports their
 * return packages; in a working copy made from a package, the auditor sends their work back.
 */
export function PackageActions({ audit, onImported }: { audit: Audit; onImported(): void }) {
  const { t } = useTranslation('packages');
  const [status, setStatus] = useState<PackageStatus | null>(null);
  const [summary, setSummary] = useState<ImportSummary | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const { t: ts } = useTranslation('security');
  /** Send: which package is being written, and whether it is encrypted for its recipient. */
  const [sending, setSending] = useState<'export' | 'return' | null>(null);
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);
  /** Import of an encrypted package: the file waits here for its passphrase. */
  const [locked, setLocked] = useState<{ fileName: string; contentBase64: string } | null>(null);
  const [importPassphrase, setImportPassphrase] = useState('');
  const [importError, setImportError] = useState<string | null>(null);

  const closeSend = () => {
    setSending(null);
    setEncrypt(false);
    setPassphrase('');
    setAgain('');
    setSendError(null);
  };

  const send = async () => {
    if (encrypt && passphrase !== again) {
      setSendError(ts('encryption.mismatch'));
      return;
    }
    const secret = encrypt ? { passphrase } : {};
    const kind = sending;
    closeSend();
    await deliver(t, () => (kind === 'return' ? api()['packages.return'](secret) : api()['packages.export']({ auditIds: [audit.id], ...secret })));
  };

  const importContent = async (content: { fileName: string; contentBase64: string }, secret?: string) => {
    setBusy(true);
    try {
      const result = await api()['packages.import']({ ...content, ...(secret ? { passphrase: secret } : {}) });
      setLocked(null);
      setImportPassphrase('');
      setImportError(null);
      setSummary(result);
      onImported();
    } catch (err) {
      const payload = payloadOf(err);
      if (payload.code === 'wrong_passphrase') {
        // Encrypted: ask for the passphrase (again, when the one given was wrong); nothing was changed.
        setLocked(content);
        setImportPassphrase('');
        setImportError(secret ? errorMessage(t, err) : null);
      } else {
        setLocked(null);
        notifications.show({ color: 'red', message: errorMessage(t, err), autoClose: false });
      }
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const list = api()['packages.status'];
    void list({}).then(setStatus, () => setStatus(null));
  }, []);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    try {
      await importContent({ fileName: file.name, contentBase64: await readAsBase64(file) });
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  const sendModal = (
    <Modal opened={sending !== null} onClose={closeSend} title={t(sending === 'return' ? 'return.button' : 'export.button')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <Stack gap="sm">
          <Checkbox label={ts('packages.encrypt')} checked={encrypt} onChange={(e) => setEncrypt(e.currentTarget.checked)} />
          <Text size="xs" c="dimmed">{ts('packages.encryptHelp')}</Text>
          {encrypt && (
            <>
              <PasswordInput label={ts('packages.passphrase')} value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} autoComplete="new-password" />
              <PasswordInput label={ts('packages.passphraseAgain')} value={again} onChange={(e) => setAgain(e.currentTarget.value)} autoComplete="new-password" />
            </>
          )}
          {sendError && <Alert color="red" role="alert">{sendError}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" disabled={encrypt && passphrase.length < 8}>{ts('packages.send')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );

  const importModal = (
    <Modal opened={locked !== null} onClose={() => setLocked(null)} title={ts('packages.importTitle')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (locked && importPassphrase) void importContent(locked, importPassphrase);
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{ts('packages.importHelp')}</Text>
          <PasswordInput label={ts('packages.passphrase')} value={importPassphrase} onChange={(e) => setImportPassphrase(e.currentTarget.value)} autoComplete="current-password" />
          {importError && <Alert color="red" role="alert">{importError}</Alert>}
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={!importPassphrase}>{ts('packages.open')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );

  if (!status) return null;
  if (status.workingCopy) {
    return (
      <>
        <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={() => setSending('return')}>
          {t('return.button')}
        </Button>
        {sendModal}
      </>
    );
  }
  const added = summary ? Object.values(summary.added).reduce((a, b) => a + b, 0) : 0;
  const changed = summary ? Object.values(summary.changed).reduce((a, b) => a + b, 0) : 0;
  return (
    <Group gap="xs">
      {!audit.locked && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPackageExport size={14} />}
          onClick={() => setSending('export')}
        >
          {t('export.button')}
        </Button>
      )}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPackageImport size={14} />}
        loading={busy}
        onClick={() => input.current?.click()}
      >
        {t('import.button')}
      </Button>
      <input
        ref={input}
        type="file"
        accept=".granska"
        hidden
        aria-label={t('import.file')}
        onChange={(e) => void importFile(e.currentTarget.files?.[0])}
      />
      {sendModal}
      {importModal}
      <Modal opened={!!summary} onClose={() => setSummary(null)} title={t('import.title')} centered>
        {summary && (
          <Stack gap="xs">
            <Text size="sm">{summary.applied === 0 ? t('import.nothingNew') : t('import.counts', { added, changed })}</Text>
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
                : t('import.merged')}
            </Text>
            <Group justify="flex-end">
              <Button onClick={() => setSummary(null)}>{t('import.close')}</Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Group>
  );
}
