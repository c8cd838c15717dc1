import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Audit } from '../../../../shared/domain/audits';

/** Findings raised during the audit; the audit-conduct feature fills this tab. */
export function AuditFindingsTab({ audit }: { audit: Audit; onChanged(): void }) {
  const { t } = useTranslation('audits');
  return (
    <Paper p="md">
      <Text c="dimmed">{t('tabs.findingsEmpty', { number: audit.number })}</Text>
    </Paper>
  );
}
