import { useEffect, useState } from 'react';
import { Button, Checkbox, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { IconPackageExport, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PackageStatus } from '../../../../shared/contract/packages';
import type { Audit } from '../../../../shared/domain/audits';
import { api } from '../../api/client';
import { deliver } from '../../components/files';
import { useDataVersion } from '../../stores/dataStore';
import { ImportPackageButton } from './ImportPackageButton';
import { ErrorAlert } from '../../components/ErrorAlert';

/** What is being sent: the audit to auditors, or the auditor's work back (these audits, or all of a working copy's). */
type Sending = { kind: 'export' } | { kind: 'return'; auditIds?: string[] };

/**
 * On the audit page: the coordinator sends the audit to auditors as a package and imports their
 * return packages; in a working copy made from a package, or for an audit imported into the
 * auditor's own database, the auditor sends their work back. Either may be encrypted for its recipient.
 */
export function PackageActions({ audit, onImported }: { audit: Audit; onImported(): void }) {
  const { t } = useTranslation('packages');
  const { t: ts } = useTranslation('security');
  const [status, setStatus] = useState<PackageStatus | null>(null);
  const dataVersion = useDataVersion();
  const [sending, setSending] = useState<Sending | null>(null);
  const [encrypt, setEncrypt] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [sendError, setSendError] = useState<string | null>(null);

  useEffect(() => {
    const list = api()['packages.status'];
    void list({}).then(setStatus, () => setStatus(null));
  }, [dataVersion]);

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
    const what = sending;
    closeSend();
    if (!what) return;
    await deliver(t, () =>
      what.kind === 'return'
        ? api()['packages.return']({ ...(what.auditIds ? { auditIds: what.auditIds } : {}), ...secret })
        : api()['packages.export']({ auditIds: [audit.id], ...secret }),
    );
  };

  const sendModal = (
    <Modal opened={sending !== null} onClose={closeSend} title={t(sending?.kind === 'return' ? 'return.button' : 'export.button')} centered>
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
          <ErrorAlert error={sendError} />
          <Group justify="flex-end">
            <Button type="submit" disabled={encrypt && passphrase.length < 8}>{ts('packages.send')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );

  if (!status) return null;
  const sendBack = (auditIds?: string[]) => (
    <Button size="xs" variant="light" leftSection={<IconSend size={14} />} onClick={() => setSending({ kind: 'return', ...(auditIds ? { auditIds } : {}) })}>
      {t('return.button')}
    </Button>
  );
  if (status.workingCopy) {
    return (
      <>
        {sendBack()}
        {sendModal}
      </>
    );
  }
  // An audit taken in from another database's package is conducted here and sent back, not sent on.
  const adopted = (status.adoptedAuditIds ?? []).includes(audit.id);
  return (
    <Group gap="xs">
      {adopted && sendBack([audit.id])}
      {!audit.locked && !adopted && (
        <Button size="xs" variant="light" leftSection={<IconPackageExport size={14} />} onClick={() => setSending({ kind: 'export' })}>
          {t('export.button')}
        </Button>
      )}
      <ImportPackageButton
        label={adopted ? t('adopt.again') : t('import.button')}
        fileLabel={adopted ? t('adopt.file') : t('import.file')}
        onImported={() => onImported()}
      />
      {sendModal}
    </Group>
  );
}
