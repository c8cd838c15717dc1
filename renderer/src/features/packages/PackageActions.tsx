import { useEffect, useRef, useState } from 'react';
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPackageExport, IconPackageImport, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary, PackageStatus } from '../../../../shared/contract/packages';
import type { Audit } from '../../../../shared/domain/audits';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
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

  useEffect(() => {
    const list = api()['packages.status'];
    void list({}).then(setStatus, () => setStatus(null));
  }, []);

  const importFile = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    try {
      const result = await api()['packages.import']({ fileName: file.name, contentBase64: await readAsBase64(file) });
      setSummary(result);
      onImported();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err), autoClose: false });
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  };

  if (!status) return null;
  if (status.workingCopy) {
    return (
      <Button
        size="xs"
        variant="light"
        leftSection={<IconSend size={14} />}
        onClick={() => void deliver(t, () => api()['packages.return']({}))}
      >
        {t('return.button')}
      </Button>
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
          onClick={() => void deliver(t, () => api()['packages.export']({ auditIds: [audit.id] }))}
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
