import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function ArchivedBadge({ archived }: { archived: boolean }) {
  const { t } = useTranslation();
  return archived ? (
    <Badge color="gray" variant="light">
      {t('state.archived')}
    </Badge>
  ) : null;
}

const RISK_COLOR = { high: 'red', medium: 'orange', low: 'teal' } as const;

export function RiskBadge({ level }: { level: keyof typeof RISK_COLOR }) {
  const { t } = useTranslation('org');
  return (
    <Badge color={RISK_COLOR[level]} variant="light">
      {t(`risk.${level}`)}
    </Badge>
  );
}
