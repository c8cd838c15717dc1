import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditStatus } from '../../../../shared/domain/audits';
import type { CoverageState } from '../../../../shared/domain/coverage';

export const STATUS_COLOR: Record<AuditStatus, string> = {
  draft: 'gray',
  planned: 'blue',
  in_progress: 'orange',
  reported: 'violet',
  closed: 'green',
};

export function AuditStatusBadge({ status }: { status: AuditStatus }) {
  const { t } = useTranslation('audits');
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`status.${status}`)}
    </Badge>
  );
}

export const COVERAGE_COLOR: Record<CoverageState, string> = { done: 'green', planned: 'blue', none: 'red' };
