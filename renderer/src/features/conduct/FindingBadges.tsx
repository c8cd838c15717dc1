import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChecklistResult } from '../../../../shared/domain/audits';
import type { FindingStatus, FindingType } from '../../../../shared/domain/findings';

export const RESULT_COLOR: Record<ChecklistResult, string> = {
  conforming: 'teal',
  nonconforming: 'red',
  observation: 'yellow',
  not_applicable: 'gray',
  not_assessed: 'gray',
};

export const TYPE_COLOR: Record<FindingType, string> = {
  major_nc: 'red',
  minor_nc: 'orange',
  observation: 'yellow',
  ofi: 'blue',
  strength: 'teal',
};

export function ResultBadge({ result, size = 'sm' }: { result: ChecklistResult; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation('conduct');
  return (
    <Badge color={RESULT_COLOR[result]} variant={result === 'not_assessed' ? 'outline' : 'light'} size={size} style={{ flexShrink: 0 }}>
      {t(`result.${result}`)}
    </Badge>
  );
}

export function FindingTypeBadge({ type, size = 'sm' }: { type: FindingType; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation('conduct');
  return (
    <Badge color={TYPE_COLOR[type]} variant={type === 'major_nc' ? 'filled' : 'light'} size={size} style={{ flexShrink: 0 }}>
      {t(`type.${type}`)}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation('conduct');
  if (status === 'n/a') {
    return (
      <Text c="dimmed" size="sm" aria-label={t('finding.status')}>
        {t('status.n/a')}
      </Text>
    );
  }
  return (
    <Badge color={status === 'open' ? 'orange' : 'green'} variant="dot" size="sm">
      {t(`status.${status}`)}
    </Badge>
  );
}
