import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { daysBetween, type CaseSeverity, type CaseStatus, type DueState } from '../../../../shared/domain/cases';

export const CASE_STATUS_COLOR: Record<CaseStatus, string> = {
  open: 'blue',
  action_planned: 'cyan',
  implemented: 'violet',
  reopened: 'orange',
  closed: 'green',
};

/** `labelled`: the one badge that tells where a case stands, named "Status: …" for assistive technology. */
export function CaseStatusBadge({ status, size = 'md', labelled = false }: { status: CaseStatus; size?: 'sm' | 'md' | 'lg'; labelled?: boolean }) {
  const { t } = useTranslation('cases');
  return (
    <Badge
      color={CASE_STATUS_COLOR[status]}
      variant="light"
      size={size}
      aria-label={labelled ? `${t('columns.status')}: ${t(`status.${status}`)}` : undefined}
    >
      {t(`status.${status}`)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: CaseSeverity }) {
  const { t } = useTranslation('cases');
  return (
    <Badge color={severity === 'major' ? 'red' : 'gray'} variant={severity === 'major' ? 'filled' : 'outline'}>
      {t(`severity.${severity}`)}
    </Badge>
  );
}

/** "Försenad · 12 dagar sen" in red, "Inom 14 dagar · om 3 dagar" in amber; nothing for the rest. */
export function DueBadge({ state, due, today }: { state: DueState; due: string | null; today: string }) {
  const { t } = useTranslation('cases');
  if ((state !== 'overdue' && state !== 'due_soon') || !due) return null;
  const days = daysBetween(today, due);
  const when = days < 0 ? t('register.daysOverdue', { count: -days }) : days === 0 ? t('register.today') : t('register.daysLeft', { count: days });
  return (
    <Tooltip label={when} withArrow>
      <Badge
        color={state === 'overdue' ? 'red' : 'yellow'}
        variant={state === 'overdue' ? 'filled' : 'light'}
        leftSection={state === 'overdue' ? <IconAlertTriangle size={12} /> : <IconClockHour4 size={12} />}
      >
        {t(`dueState.${state}`)}
      </Badge>
    </Tooltip>
  );
}

/** The due date with, when it matters, how late or how soon. */
export function DueCell({ state, due, today }: { state: DueState; due: string | null; today: string }) {
  if (!due) return <Text size="sm" c="dimmed">—</Text>;
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" fw={state === 'overdue' ? 600 : 400} c={state === 'overdue' ? 'red.8' : undefined}>
        {due}
      </Text>
      <DueBadge state={state} due={due} today={today} />
    </Group>
  );
}
