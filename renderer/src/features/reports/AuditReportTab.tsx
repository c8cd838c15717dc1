import { Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Audit } from '../../../../shared/domain/audits';

/** The audit report; the reports feature fills this tab. */
export function AuditReportTab({ audit }: { audit: Audit; onChanged(): void }) {
  const { t } = useTranslation('audits');
  return (
    <Paper p="md">
      <Text c="dimmed">{t('tabs.reportEmpty', { number: audit.number })}</Text>
    </Paper>
  );
}
