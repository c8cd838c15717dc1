import { Badge, Text, type BadgeProps } from '@mantine/core';
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

type BadgeSize = 'xs' | 'sm' | 'md';

/** A badge that keeps its full width in a crowded row (a question's line, a table cell). */
const FixedBadge = (props: BadgeProps) => <Badge style={{ flexShrink: 0 }} {...props} />;

export function ResultBadge({ result, size = 'sm' }: { result: ChecklistResult; size?: BadgeSize }) {
  const { t } = useTranslation('conduct');
  const variant = result === 'not_assessed' ? 'outline' : 'light';
  return <FixedBadge color={RESULT_COLOR[result]} variant={variant} size={size}>{t(`result.${result}`)}</FixedBadge>;
}

export function FindingTypeBadge({ type, size = 'sm' }: { type: FindingType; size?: BadgeSize }) {
  const { t } = useTranslation('conduct');
  return <TypeBadge type={type} size={size} t={t} />;
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  const { t } = useTranslation('conduct');
  return <StatusBadge status={status} t={t} />;
}

/** The words come from the caller: a table of many rows asks for its `t` once, not once a row. */
type Translate = (key: string) => string;

export function TypeBadge({ type, size = 'sm', t }: { type: FindingType; size?: BadgeSize; t: Translate }) {
  return <FixedBadge color={TYPE_COLOR[type]} variant={type === 'major_nc' ? 'filled' : 'light'} size={size}>{t(`conduct:type.${type}`)}</FixedBadge>;
}

export function StatusBadge({ status, t }: { status: FindingStatus; t: Translate }) {
  if (status === 'n/a') {
    return (
      <Text c="dimmed" size="sm" aria-label={t('conduct:finding.status')}>
        {t('conduct:status.n/a')}
      </Text>
    );
  }
  return (
    <Badge color={status === 'open' ? 'orange' : 'green'} variant="dot" size="sm">
      {t(`conduct:status.${status}`)}
    </Badge>
  );
}
