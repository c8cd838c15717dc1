import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { Anchor, Badge, Grid, Group, Paper, Progress, RingProgress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCalendarEvent, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { AUDIT_STATUSES, FINDING_TYPES } from '../../../../shared/domain/schema-free';
import { errorMessage } from '../../components/errors';
import { PackButton } from '../pack/PackButton';
import { useOrgStore } from '../org/orgStore';
import { useReadiness, type Readiness } from './useReadiness';
import { Page } from '../../components/Page';
import { PanelHeader } from '../../components/PanelHeader';
import { GapList } from '../../components/GapList';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The charts and their library load after the overview has drawn, so its first paint stays small. */
const TrendCharts = lazy(() => import('../managementReview/TrendCharts'));

/** Certification readiness at a glance, and the numbers management review asks for (9.3.2). */
export function OverviewPage() {
  const { t } = useTranslation('start');
  const { data, error } = useReadiness();
  if (error) return <ErrorAlert error={errorMessage(t, error)} />;
  if (!data) return <Loading h={240} />;
  return (
    <Page gap="lg" title={t('overview.title')} help={t('overview.subtitle', { year: data.year })} actions={<PackButton />}>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <CoverageCard data={data} />
        <FrequencyCard data={data} />
        <AuditsCard data={data} />
        <CasesCard data={data} />
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <GapsCard data={data} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <UpcomingCard data={data} />
        </Grid.Col>
      </Grid>
      <ManagementReviewCard data={data} />
      <AfterFirstPaint fallback={<Text c="dimmed">{t('managementReview:trends.loading')}</Text>}>
        <Suspense fallback={<Text c="dimmed">{t('managementReview:trends.loading')}</Text>}>
          <TrendCharts />
        </Suspense>
      </AfterFirstPaint>
    </Page>
  );
}

/** Its children only once the page around it has been drawn: their script does not hold up that frame. */
function AfterFirstPaint({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => {
    let timer = 0;
    // the frame's callback runs before it is painted; the timer after
    const frame = requestAnimationFrame(() => (timer = window.setTimeout(() => setDrawn(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return drawn ? children : fallback;
}

function Stat({ label, children, to }: { label: string; children: React.ReactNode; to?: string }) {
  return (
    <Paper p="md" shadow="xs">
      <Group justify="space-between" mb={6} wrap="nowrap" align="flex-start">
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>{label}</Text>
        {to && (
          <Anchor component={Link} to={to} size="xs" aria-label={label}>
            →
          </Anchor>
        )}
      </Group>
      {children}
    </Paper>
  );
}

function CoverageCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const rows = data.coverage?.byUnit.rows ?? [];
  const done = rows.filter((r) => r.state === 'done').length;
  const planned = rows.filter((r) => r.state === 'planned').length;
  const total = rows.length || 1;
  return (
    <Stat label={t('overview.clauseCoverage')} to="/programme">
      <Group gap="md" wrap="nowrap">
        <RingProgress
          size={84}
          thickness={10}
          roundCaps
          aria-label={t('overview.clauseCoverage')}
          sections={[
            { value: (done * 100) / total, color: 'teal' },
            { value: (planned * 100) / total, color: 'blue.4' },
          ]}
          label={<Text ta="center" fw={700} size="sm">{Math.round(((done + planned) * 100) / total)}%</Text>}
        />
        <Stack gap={2}>
          <Text size="sm"><b>{done}</b> {t('overview.done')}</Text>
          <Text size="sm"><b>{planned}</b> {t('overview.planned')}</Text>
          <Text size="sm" c={rows.length - done - planned ? 'red' : 'dimmed'}><b>{rows.length - done - planned}</b> {t('overview.notCovered')}</Text>
        </Stack>
      </Group>
    </Stat>
  );
}

function FrequencyCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const processes = data.coverage?.processes ?? [];
  const ok = processes.filter((p) => p.ok).length;
  return (
    <Stat label={t('overview.riskFrequency')} to="/programme">
      <Text fz={30} fw={700} lh={1.1}>{ok} / {processes.length}</Text>
      <Text size="sm" c="dimmed">{t('overview.processesOnTrack')}</Text>
      <Progress mt="sm" value={processes.length ? (ok * 100) / processes.length : 0} color={ok === processes.length ? 'teal' : 'orange'} aria-label={t('overview.riskFrequency')} />
    </Stat>
  );
}

function AuditsCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const { total, byStatus } = data.audits;
  return (
    <Stat label={t('overview.auditsThisYear', { year: data.year })} to="/audits">
      <Text fz={30} fw={700} lh={1.1}>{total}</Text>
      <Group gap={4} mt="xs">
        {AUDIT_STATUSES.map((s) => {
          const n = byStatus[s];
          return n ? <Badge key={s} variant="light" size="sm">{t(`audits:status.${s}`)}: {n}</Badge> : null;
        })}
      </Group>
    </Stat>
  );
}

function CasesCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const { notClosed, overdue, dueSoon } = data.cases;
  return (
    <Stat label={t('overview.openCases')} to="/cases">
      <Text fz={30} fw={700} lh={1.1}>{notClosed}</Text>
      <Group gap={6} mt="xs">
        <Badge color={overdue ? 'red' : 'gray'} variant={overdue ? 'filled' : 'light'} leftSection={overdue ? <IconAlertTriangle size={12} /> : undefined}>
          {t('overview.overdue', { count: overdue })}
        </Badge>
        <Badge color={dueSoon ? 'orange' : 'gray'} variant="light">{t('overview.dueSoon', { count: dueSoon })}</Badge>
      </Group>
    </Stat>
  );
}

function GapsCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const { processName, unitName } = useOrgStore();
  const gaps = data.coverage?.gaps;
  const none = gaps && !gaps.clauses.length && !gaps.processes.length && !gaps.underAudited.length && !gaps.units.length;
  return (
    <Paper p="md" shadow="xs" h="100%">
      <Group justify="space-between" mb="sm">
        <Title order={4}>{t('overview.gaps')}</Title>
        <Anchor component={Link} to="/programme" size="sm">{t('overview.openCoverage')}</Anchor>
      </Group>
      {!gaps && <Text c="dimmed">{t('overview.noProgramme')}</Text>}
      {none && (
        <Group gap="xs"><IconCircleCheck color="var(--mantine-color-teal-6)" /><Text>{t('overview.noGaps')}</Text></Group>
      )}
      {gaps && !none && (
        <Stack gap="xs">
          {gaps.clauses.length > 0 && (
            <div>
              <Text size="sm" fw={600}>{t('overview.gapClauses', { count: gaps.clauses.length })}</Text>
              <Group gap={4} mt={4}>{gaps.clauses.map((c) => <Badge key={c} color="red" variant="light">{c}</Badge>)}</Group>
            </div>
          )}
          <GapList inline title={t('overview.gapProcesses', { count: gaps.processes.length })} items={gaps.processes.map(processName)} />
          <GapList
            inline
            title={t('overview.gapUnderAudited', { count: gaps.underAudited.length })}
            items={gaps.underAudited.map((u) => `${processName(u.processId)} (${u.planned}/${u.required})`)}
          />
          <GapList inline title={t('overview.gapUnits', { count: gaps.units.length })} items={gaps.units.map(unitName)} />
        </Stack>
      )}
    </Paper>
  );
}

function UpcomingCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const { upcoming } = data.audits;
  return (
    <Paper p="md" shadow="xs" h="100%">
      <Title order={4} mb="sm">{t('overview.upcoming')}</Title>
      {upcoming.length === 0 && <Text c="dimmed">{t('overview.noUpcoming')}</Text>}
      <Stack gap={8}>
        {upcoming.map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconCalendarEvent size={16} color="var(--mantine-color-dimmed)" />
              <Anchor component={Link} to={`/audits/${a.id}`} size="sm" truncate>
                <b>{a.number}</b> {a.title}
              </Anchor>
            </Group>
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{a.startDate}</Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}

function ManagementReviewCard({ data }: { data: Readiness }) {
  const { t } = useTranslation('start');
  const { reported, planned } = data.audits.internal;
  const c = data.cases;
  const rows: [string, string][] = [
    [t('overview.review.audits'), t('overview.review.auditsValue', { reported, planned })],
    [t('overview.review.findings'), FINDING_TYPES.map((ft) => `${t(`conduct:type.${ft}`)}: ${data.findingsThisYear[ft]}`).join(' · ')],
    [t('overview.review.cases'), t('overview.review.casesValue', { open: c.notClosed, closed: c.byStatus.closed, overdue: c.overdue })],
    [t('overview.review.coverage'), t('overview.review.coverageValue', { gaps: (data.coverage?.gaps.clauses.length ?? 0) + (data.coverage?.gaps.processes.length ?? 0) })],
  ];
  return (
    <Paper p="md" shadow="xs">
      <PanelHeader title={t('overview.review.title', { year: data.year })} help={t('overview.review.intro')} mb="sm" />
      <Table striped withRowBorders={false} aria-label={t('overview.review.title', { year: data.year })}>
        <Table.Tbody>
          {rows.map(([k, v]) => (
            <Table.Tr key={k}>
              <Table.Th w="32%" fw={600}>{k}</Table.Th>
              <Table.Td>{v}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
