import { useState, type CSSProperties } from 'react';
import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClockHour4 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { daysBetween, type CaseSeverity, type CaseStatus, type DueState } from '../../../../shared/domain/cases';
import classes from './cases.module.css';

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

/** How late or how soon a due date is, in words ("12 days overdue", "today", "in 3 days"). */
function dueIn(t: Translate, today: string, due: string): string {
  const days = daysBetween(today, due);
  return days < 0 ? t('register.daysOverdue', { count: -days }) : days === 0 ? t('register.today') : t('register.daysLeft', { count: days });
}

/** "Försenad · 12 dagar sen" in red, "Inom 14 dagar · om 3 dagar" in amber; nothing for the rest. */
export function DueBadge({ state, due, today }: { state: DueState; due: string | null; today: string }) {
  const { t } = useTranslation('cases');
  if ((state !== 'overdue' && state !== 'due_soon') || !due) return null;
  const when = dueIn(t, today, due);
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

/*
 * The register's row versions of the badges above: plain elements drawn as Mantine's Badge is, with
 * the words from the caller (one `t` for the table, not a hook a cell). A jump draws a screenful of
 * rows at once; a Badge, a Tooltip and a useTranslation in each cell made a jump at a million cases
 * take up to 130–170 ms, about 40–70 ms with these.
 */

type Translate = (key: string, options?: Record<string, unknown>) => string;

const tagStyle = (color: string, filled: boolean) =>
  ({
    '--tag-bg': `var(--mantine-color-${color}-${filled ? 'filled' : 'light'})`,
    '--tag-color': filled ? 'var(--mantine-color-white)' : `var(--mantine-color-${color}-light-color)`,
  }) as CSSProperties;

export function CaseStatusTag({ status, t }: { status: CaseStatus; t: Translate }) {
  return (
    <span className={`${classes.tag} ${classes.tagSmall}`} style={tagStyle(CASE_STATUS_COLOR[status], false)}>
      {t(`status.${status}`)}
    </span>
  );
}

/** DueCell for a register row: the tooltip with how late or soon (on hover, as DueBadge's) is made only when the pointer first comes to the badge. */
export function DueTags({ state, due, today, t }: { state: DueState; due: string | null; today: string; t: Translate }) {
  if (!due) return <span className={`${classes.line} ${classes.dimmed}`}>—</span>;
  const marked = state === 'overdue' || state === 'due_soon';
  return (
    <>
      <span className={`${classes.line} ${state === 'overdue' ? classes.late : ''}`}>{due}</span>
      {marked && <DueTag overdue={state === 'overdue'} label={t(`dueState.${state}`)} when={() => dueIn(t, today, due)} />}
    </>
  );
}

function DueTag({ overdue, label, when }: { overdue: boolean; label: string; when(): string }) {
  const [hovered, setHovered] = useState(false);
  // once made, the tooltip stays (closed): the badge is not drawn anew under the pointer
  const [made, setMade] = useState(false);
  const Icon = overdue ? IconAlertTriangle : IconClockHour4;
  const tag = (
    <span
      className={classes.tag}
      style={tagStyle(overdue ? 'red' : 'yellow', overdue)}
      onMouseEnter={() => (setHovered(true), setMade(true))}
      onMouseLeave={() => setHovered(false)}
    >
      <Icon size={12} />
      {label}
    </span>
  );
  return made ? (
    <Tooltip label={when()} withArrow opened={hovered}>
      {tag}
    </Tooltip>
  ) : (
    tag
  );
}
