import '@mantine/charts/styles.css';
import { useEffect, useState } from 'react';
import { BarChart, LineChart } from '@mantine/charts';
import { Box, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FINDING_TYPES_FOR_TRENDS, type Trends } from '../../../../shared/domain/managementReview';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { PanelHeader } from '../../components/PanelHeader';
import { ErrorAlert } from '../../components/ErrorAlert';

const TYPE_COLOR: Record<(typeof FINDING_TYPES_FOR_TRENDS)[number], string> = {
  major_nc: 'red.7',
  minor_nc: 'orange.6',
  observation: 'yellow.6',
  ofi: 'cyan.6',
  strength: 'green.6',
};

/**
 * The trends of the last five years as charts: findings per type, the clauses and units with most
 * nonconformities and observations, days to close corrective actions, and open and overdue cases at
 * each quarter end. Loaded on its own (the chart library is large), after the overview has drawn.
 */
export default function TrendCharts() {
  const { t } = useTranslation('managementReview');
  const [trends, setTrends] = useState<Trends | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void api()['managementReview.trends']({ topClauses: 8 }).then(setTrends, (err: unknown) => setError(errorMessage(t, err, 'managementReview')));
  }, [t]);
  if (error) return <ErrorAlert error={error} />;
  if (!trends) return <Text c="dimmed">{t('trends.loading')}</Text>;
  const M = (k: string, o?: Record<string, unknown>) => t(`trends.${k}`, o ?? {});
  const typeLabel = (k: string) => M(`type.${k}`);
  const byType = trends.findingsByType.map((r) => ({ year: String(r.year), ...Object.fromEntries(FINDING_TYPES_FOR_TRENDS.map((k) => [typeLabel(k), r[k]])) }));
  const clauses = trends.topClauses.map((c) => ({ clause: c.clause, [M('total')]: c.total }));
  const units = trends.byUnit.map((u) => ({ unit: u.unit || M('noUnit'), [M('total')]: u.total }));
  const closure = trends.closure.map((c) => ({ year: String(c.year), [M('median')]: c.medianDays ?? 0, [M('mean')]: c.meanDays ?? 0 }));
  const overdue = trends.overdue.map((o) => ({
    at: M('quarter', { q: Math.ceil(Number(o.at.slice(5, 7)) / 3), yy: o.at.slice(2, 4) }),
    [M('open')]: o.open,
    [M('overdueCount')]: o.overdue,
  }));
  const summary = (rows: string[]) => rows.join('; ');
  return (
    <Paper p="md" shadow="xs" component="section" aria-label={M('title')}>
      <PanelHeader title={`${M('title')} ${M('years', { from: trends.fromYear, to: trends.toYear })}`} help={M('intro')} mb="sm" />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Chart title={M('findingsByType')} alt={M('findingsByTypeAlt', { summary: summary(trends.findingsByType.map((r) => `${r.year}: ${FINDING_TYPES_FOR_TRENDS.map((k) => `${typeLabel(k)} ${r[k]}`).join(', ')}`)) })}>
          <BarChart h={220} data={byType} dataKey="year" type="stacked" withLegend legendProps={{ verticalAlign: 'bottom' }} series={FINDING_TYPES_FOR_TRENDS.map((k) => ({ name: typeLabel(k), color: TYPE_COLOR[k] }))} />
        </Chart>
        <Chart title={M('topClauses')} alt={M('topClausesAlt', { summary: summary(trends.topClauses.map((c) => `${c.clause}: ${c.total}`)) })}>
          <BarChart h={220} data={clauses} dataKey="clause" series={[{ name: M('total'), color: 'teal.7' }]} withBarValueLabel />
        </Chart>
        <Chart title={M('byUnit')} alt={M('byUnitAlt', { summary: summary(units.map((u) => `${u.unit}: ${u[M('total')]}`)) })}>
          <BarChart h={Math.max(160, units.length * 28)} data={units} dataKey="unit" orientation="vertical" yAxisProps={{ width: 170 }} series={[{ name: M('total'), color: 'teal.7' }]} />
        </Chart>
        <Chart title={M('closure')} alt={M('closureAlt', { summary: summary(trends.closure.map((c) => `${c.year}: ${M('closed')} ${c.closed}, ${M('median')} ${c.medianDays ?? '–'}, ${M('mean')} ${c.meanDays ?? '–'}`)) })}>
          <BarChart h={220} data={closure} dataKey="year" withLegend legendProps={{ verticalAlign: 'bottom' }} series={[{ name: M('median'), color: 'teal.7' }, { name: M('mean'), color: 'cyan.5' }]} />
        </Chart>
        <Chart title={M('overdue')} alt={M('overdueAlt', { summary: summary(trends.overdue.map((o) => `${o.at}: ${M('open')} ${o.open}, ${M('overdueCount')} ${o.overdue}`)) })}>
          <LineChart h={220} data={overdue} dataKey="at" withLegend legendProps={{ verticalAlign: 'bottom' }} curveType="linear" series={[{ name: M('open'), color: 'teal.7' }, { name: M('overdueCount'), color: 'red.7' }]} />
        </Chart>
      </SimpleGrid>
    </Paper>
  );
}

/** A chart with its heading; screen readers get the numbers as the figure's name. */
function Chart({ title, alt, children }: { title: string; alt: string; children: React.ReactNode }) {
  return (
    <Box>
      <Title order={5} mb={6}>
        {title}
      </Title>
      <div role="img" aria-label={alt}>
        {children}
      </div>
    </Box>
  );
}
