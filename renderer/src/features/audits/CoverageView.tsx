import { Fragment, useEffect, useState } from 'react';
import { Badge, Box, Grid, Group, Paper, SegmentedControl, Select, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CoverageReport } from '../../../../shared/contract/audits';
import type { CoverageMatrix, CoverageState } from '../../../../shared/domain/coverage';
import { cycleYearsOf, type Programme } from '../../../../shared/domain/programme';
import { clauseParent, type Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';
import { useStandardStore } from './standardStore';
import { GapList } from '../../components/GapList';
import { useOrgStore } from '../org/orgStore';
import classes from './CoverageView.module.css';

/**
 * Clauses × units or clauses × processes for a cycle (or one year of it): each cell planned, done
 * or not covered, with every gap listed beside the matrix.
 */
export function CoverageView({ programme }: { programme: Programme }) {
  const { t, i18n } = useTranslation('programme');
  const lang = i18n.language === 'sv' ? 'sv' : 'en';
  const { unitName, processName } = useOrgStore();
  const loadStandard = useStandardStore((s) => s.load);
  const [by, setBy] = useState<'units' | 'processes'>('units');
  const [year, setYear] = useState<string>('all');
  const [report, setReport] = useState<CoverageReport | null>(null);
  const [standard, setStandard] = useState<Standard | null>(null);

  useEffect(() => {
    void api()['coverage.get']({ programmeId: programme.id, year: year === 'all' ? null : Number(year) }).then(setReport);
    void loadStandard(programme.standardId).then(setStandard);
  }, [programme, year, loadStandard]);

  if (!report || !standard) return null;
  const title = (n: string) => standard.clauses.find((c) => c.number === n)?.title[lang] ?? '';
  const matrix = by === 'units' ? report.byUnit : report.byProcess;
  const columnName = by === 'units' ? unitName : processName;
  const gaps = report.gaps;
  const gapCount = gaps.clauses.length + gaps.processes.length + gaps.underAudited.length + gaps.units.length;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <SegmentedControl
            aria-label={t('coverage.by')}
            value={by}
            onChange={(v) => setBy(v as 'units' | 'processes')}
            data={[
              { value: 'units', label: t('coverage.byUnits') },
              { value: 'processes', label: t('coverage.byProcesses') },
            ]}
          />
          <Select
            w={180}
            label={t('coverage.period')}
            allowDeselect={false}
            value={year}
            onChange={(v) => setYear(v ?? 'all')}
            data={[{ value: 'all', label: t('coverage.wholeCycle') }, ...cycleYearsOf(programme).map((y) => ({ value: String(y), label: String(y) }))]}
          />
        </Group>
        <Legend />
      </Group>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Paper p="xs" className={classes.scroller}>
            <Matrix
              matrix={matrix}
              label={by === 'units' ? t('coverage.matrixUnits') : t('coverage.matrixProcesses')}
              clauseTitle={title}
              sectionTitle={(n) => `${n} ${title(n)}`}
              columnName={columnName}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Paper p="md" component="section" aria-label={t('gaps.title')}>
            <Group justify="space-between" mb="sm">
              <Title order={4}>{t('gaps.title')}</Title>
              <Badge color={gapCount ? 'red' : 'green'} variant="light">
                {t('gaps.count', { count: gapCount })}
              </Badge>
            </Group>
            {gapCount === 0 ? (
              <Group gap="xs">
                <ThemeIcon color="green" variant="light">
                  <IconCircleCheck size={16} />
                </ThemeIcon>
                <Text size="sm">{t('gaps.none')}</Text>
              </Group>
            ) : (
              <Stack gap="md">
                <GapList title={t('gaps.clauses', { n: gaps.clauses.length })} items={gaps.clauses.map((n) => `${n} ${title(n)}`)} />
                <GapList title={t('gaps.processes', { n: gaps.processes.length })} items={gaps.processes.map(processName)} />
                <GapList
                  title={t('gaps.underAudited', { n: gaps.underAudited.length })}
                  items={gaps.underAudited.map((g) =>
                    t('gaps.underAuditedItem', { process: processName(g.processId), planned: g.planned, required: g.required, risk: t(`org:risk.${g.riskLevel}`) }),
                  )}
                />
                <GapList title={t('gaps.units', { n: gaps.units.length })} items={gaps.units.map(unitName)} />
              </Stack>
            )}
          </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function Legend() {
  const { t } = useTranslation('programme');
  return (
    <Group gap="md" aria-label={t('coverage.legend')} role="list">
      {(['done', 'planned', 'none'] as CoverageState[]).map((s) => (
        <Group key={s} gap={6} role="listitem">
          <Cell state={s} />
          <Text size="sm">{t(`coverage.state.${s}`)}</Text>
        </Group>
      ))}
    </Group>
  );
}

function Cell({ state }: { state: CoverageState }) {
  return <span className={`${classes.cell} ${classes[state]}`}>{state === 'done' && <IconCheck size={12} stroke={3} />}</span>;
}

function Matrix({
  matrix,
  label,
  clauseTitle,
  sectionTitle,
  columnName,
}: {
  matrix: CoverageMatrix;
  label: string;
  clauseTitle(n: string): string;
  sectionTitle(n: string): string;
  columnName(id: string): string;
}) {
  const { t } = useTranslation('programme');
  const section = (n: string) => n.split('.')[0] as string;
  return (
    <table className={classes.matrix} aria-label={label}>
      <thead>
        <tr>
          <th className={classes.corner}>{t('coverage.clause')}</th>
          {matrix.columns.map((c) => (
            <th key={c} className={classes.column} title={columnName(c)} scope="col">
              <span>{columnName(c)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {matrix.rows.map((row, i) => {
          const first = i === 0 || section(matrix.rows[i - 1]?.clause ?? '') !== section(row.clause);
          const parent = clauseParent(row.clause);
          return (
            <Fragment key={row.clause}>
              {first && (
                <tr>
                  <th colSpan={matrix.columns.length + 1} className={classes.section} scope="rowgroup">
                    {sectionTitle(section(row.clause))}
                  </th>
                </tr>
              )}
              <tr>
                <th scope="row" className={`${classes.clause} ${row.state === 'none' ? classes.gap : ''}`} title={parent ? `${sectionTitle(parent)} › ${clauseTitle(row.clause)}` : undefined}>
                  <Box component="span" className={classes.number}>
                    {row.clause}
                  </Box>{' '}
                  {clauseTitle(row.clause)}
                </th>
                {row.cells.map((cell, k) => {
                  const column = matrix.columns[k] as string;
                  const text = `${row.clause} · ${columnName(column)}: ${t(`coverage.state.${cell.state}`)}${cell.audits.length ? ` (${cell.audits.join(', ')})` : ''}`;
                  return (
                    <td key={column} className={classes.td} title={text} aria-label={text}>
                      <Cell state={cell.state} />
                    </td>
                  );
                })}
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
