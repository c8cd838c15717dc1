import { useMemo, useState } from 'react';
import { ActionIcon, Box, Button, Group, Paper, Stack, Text, Title, Tooltip, UnstyledButton } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Audit } from '../../../../shared/domain/audits';
import { STATUS_COLOR } from './AuditBadges';

const iso = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The weeks (Monday first) that show month `m` of year `y`, as calendar days. */
export function monthGrid(y: number, m: number): Date[][] {
  const offset = (new Date(y, m, 1).getDay() + 6) % 7;
  const count = Math.ceil((offset + new Date(y, m + 1, 0).getDate()) / 7);
  return Array.from({ length: count }, (_, w) => Array.from({ length: 7 }, (_, i) => new Date(y, m, 1 - offset + w * 7 + i)));
}

/** A month of audits: each audit shows on every day from its start to its end. */
export function AuditCalendar({ audits, onOpen, year }: { audits: Audit[]; onOpen(a: Audit): void; year: number | null }) {
  const { t, i18n } = useTranslation('audits');
  const today = new Date();
  const [month, setMonth] = useState(() => ({ y: year ?? today.getFullYear(), m: year === null || year === today.getFullYear() ? today.getMonth() : 0 }));
  // A new year filter turns the calendar to that year (adjusting state while rendering, as React advises).
  const [seenYear, setSeenYear] = useState(year);
  if (year !== seenYear) {
    setSeenYear(year);
    if (year !== null && year !== month.y) setMonth({ y: year, m: 0 });
  }

  const weeks = useMemo(() => monthGrid(month.y, month.m), [month]);
  const locale = i18n.language === 'sv' ? 'sv-SE' : 'en-GB';
  const title = new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(new Date(month.y, month.m, 1));
  const weekday = new Intl.DateTimeFormat(locale, { weekday: 'short' });
  const shift = (by: number) => setMonth(({ y, m }) => ({ y: y + Math.floor((m + by) / 12), m: (((m + by) % 12) + 12) % 12 }));
  const todayIso = iso(today);
  const inMonth = audits.filter((a) => a.startDate && a.endDate && a.startDate <= iso(weeks.at(-1)?.[6] ?? today) && a.endDate >= iso(weeks[0]?.[0] ?? today));

  return (
    <Paper p="md">
      <Group justify="space-between" mb="sm">
        <Title order={3} tt="capitalize" aria-live="polite">
          {title}
        </Title>
        <Group gap="xs">
          <ActionIcon variant="default" size="lg" aria-label={t('calendar.previous')} onClick={() => shift(-1)}>
            <IconChevronLeft size={18} />
          </ActionIcon>
          <Button variant="default" onClick={() => setMonth({ y: today.getFullYear(), m: today.getMonth() })}>
            {t('calendar.today')}
          </Button>
          <ActionIcon variant="default" size="lg" aria-label={t('calendar.next')} onClick={() => shift(1)}>
            <IconChevronRight size={18} />
          </ActionIcon>
        </Group>
      </Group>
      <Box component="table" aria-label={title} style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' }}>
        <thead>
          <tr>
            {weeks[0]?.map((d) => (
              <Box component="th" key={d.getDay()} p={6} style={{ textAlign: 'left' }}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {weekday.format(d)}
                </Text>
              </Box>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={iso(week[0] as Date)}>
              {week.map((d) => {
                const day = iso(d);
                const here = inMonth.filter((a) => (a.startDate as string) <= day && (a.endDate as string) >= day);
                const outside = d.getMonth() !== month.m;
                return (
                  <Box
                    component="td"
                    key={day}
                    valign="top"
                    h={96}
                    p={4}
                    bg={outside ? 'var(--mantine-color-gray-0)' : undefined}
                    style={{ border: '1px solid var(--mantine-color-gray-3)' }}
                  >
                    <Text
                      size="xs"
                      fw={day === todayIso ? 700 : 500}
                      c={outside ? 'dimmed' : day === todayIso ? 'granska.8' : undefined}
                      mb={2}
                      aria-current={day === todayIso ? 'date' : undefined}
                    >
                      {d.getDate()}
                    </Text>
                    <Stack gap={2}>
                      {here.map((a) => (
                        <Tooltip key={a.id} label={`${a.number} ${a.title} · ${t(`status.${a.status}`)}`} openDelay={300}>
                          <UnstyledButton
                            onClick={() => onOpen(a)}
                            aria-label={`${a.number} ${a.title}, ${t(`status.${a.status}`)}`}
                            px={6}
                            py={1}
                            style={{
                              borderRadius: 4,
                              background: `var(--mantine-color-${STATUS_COLOR[a.status]}-1)`,
                              borderLeft: `3px solid var(--mantine-color-${STATUS_COLOR[a.status]}-6)`,
                            }}
                          >
                            <Text size="xs" truncate>
                              <b>{a.number}</b> {a.title}
                            </Text>
                          </UnstyledButton>
                        </Tooltip>
                      ))}
                    </Stack>
                  </Box>
                );
              })}
            </tr>
          ))}
        </tbody>
      </Box>
      {inMonth.length === 0 && (
        <Text c="dimmed" size="sm" mt="sm">
          {t('calendar.empty')}
        </Text>
      )}
    </Paper>
  );
}
