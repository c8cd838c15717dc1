import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOrgStore } from '../org/orgStore';

export function OverviewPage() {
  const { t } = useTranslation('start');
  const { units, processes, people } = useOrgStore();
  const active = <T extends { archived: boolean }>(rows: T[]) => rows.filter((r) => !r.archived);
  const stats = [
    { label: t('overview.units'), value: active(units).length },
    { label: t('overview.processes'), value: active(processes).length },
    { label: t('overview.highRisk'), value: active(processes).filter((p) => p.riskLevel === 'high').length },
    { label: t('overview.auditors'), value: active(people).filter((p) => p.roles.includes('auditor')).length },
  ];
  return (
    <Stack>
      <Title order={2}>{t('overview.title')}</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {stats.map((s) => (
          <Paper key={s.label} p="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {s.label}
            </Text>
            <Text fz={32} fw={700}>
              {s.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {units.length === 0 && (
        <Paper p="lg">
          <Title order={4}>{t('overview.gettingStarted')}</Title>
          <Text c="dimmed">{t('overview.gettingStartedText')}</Text>
        </Paper>
      )}
    </Stack>
  );
}
