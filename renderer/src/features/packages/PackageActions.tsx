import { useEffect, useState } from 'react';
import { Button, Group } from '@mantine/core';
import { IconPackageExport, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PackageStatus } from '../../../../shared/contract/packages';
import type { Audit } from '../../../../shared/domain/audits';
import { api } from '../../api/client';
import { deliver } from '../../components/files';
import { useDataVersion } from '../../stores/dataStore';
import { ImportPackageButton } from './ImportPackageButton';

/**
 * On the audit page: the coordinator sends the audit to auditors as a package and imports their
 * return packages; in a working copy made from a package, or for an audit imported into the
 * auditor's own database, the auditor sends their work back.
 */
export function PackageActions({ audit, onImported }: { audit: Audit; onImported(): void }) {
  const { t } = useTranslation('packages');
  const [status, setStatus] = useState<PackageStatus | null>(null);
  const dataVersion = useDataVersion();

  useEffect(() => {
    const list = api()['packages.status'];
    void list({}).then(setStatus, () => setStatus(null));
  }, [dataVersion]);

  if (!status) return null;
  const sendBack = (auditIds?: string[]) => (
    <Button
      size="xs"
      variant="light"
      leftSection={<IconSend size={14} />}
      onClick={() => void deliver(t, () => api()['packages.return'](auditIds ? { auditIds } : {}))}
    >
      {t('return.button')}
    </Button>
  );
  if (status.workingCopy) return sendBack();
  // An audit taken in from another database's package is conducted here and sent back, not sent on.
  const adopted = (status.adoptedAuditIds ?? []).includes(audit.id);
  return (
    <Group gap="xs">
      {adopted && sendBack([audit.id])}
      {!audit.locked && !adopted && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPackageExport size={14} />}
          onClick={() => void deliver(t, () => api()['packages.export']({ auditIds: [audit.id] }))}
        >
          {t('export.button')}
        </Button>
      )}
      <ImportPackageButton
        label={adopted ? t('adopt.again') : t('import.button')}
        fileLabel={adopted ? t('adopt.file') : t('import.file')}
        onImported={() => onImported()}
      />
    </Group>
  );
}
