import { useEffect, useState } from 'react';
import { Badge, Box, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Textarea, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconEdit, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { CoverageReport } from '../../../../shared/contract/audits';
import { AUDIT_STATUSES, auditYear, type Audit } from '../../../../shared/domain/audits';
import { AUDIT_INTERVAL } from '../../../../shared/domain/coverage';
import { programmeYearFields, type Programme, type ProgrammeYear } from '../../../../shared/domain/programme';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { RiskBadge } from '../../components/StatusBadge';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { COVERAGE_COLOR, STATUS_COLOR } from './AuditBadges';
import { useOrgStore } from '../org/orgStore';
import { ProgrammePdfButton } from '../reports/ProgrammePdfButton';
import { ApprovalPanel } from '../approvals/ApprovalPanel';
import { RecurringAudits } from './RecurringAudits';
import classes from './ProgrammeOverview.module.css';
import { PanelHeader } from '../../components/PanelHeader';
import { TableHead } from '../../components/TableHead';

export function ProgrammeOverview({ programme, audits, onChanged }: { programme: Programme; audits: Audit[]; onChanged(): void }) {
  const { t } = useTranslation('programme');
  const [coverage, setCoverage] = useState<CoverageReport | null>(null);
  const [editing, setEditing] = useState<ProgrammeYear | null>(null);

  useEffect(() => {
    void api()['coverage.get']({ programmeId: programme.id, year: null }).then(setCoverage);
  }, [programme]);

  return (
    <Stack gap="lg">
      {programme.objectives && (
        <Paper p="md">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {t('fields.objectives')}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{programme.objectives}</Text>
        </Paper>
      )}
      <ApprovalPanel subjectKind="programme" subjectId={programme.id} version={programme.revision} />
      <RecurringAudits programme={programme} onCreated={onChanged} />
      <SimpleGrid cols={{ base: 1, md: Math.min(programme.years.length, 3) }}>
        {programme.years.map((y) => (
          <YearCard
            key={y.id}
            year={y}
            audits={audits.filter((a) => auditYear(a) === y.year && a.standardId === programme.standardId)}
            onEdit={() => setEditing(y)}
          />
        ))}
      </SimpleGrid>
      <FrequencyTable coverage={coverage} />
      {editing && <YearForm year={editing} onClose={() => setEditing(null)} onSaved={onChanged} />}
    </Stack>
  );
}

function YearCard({ year, audits, onEdit }: { year: ProgrammeYear; audits: Audit[]; onEdit(): void }) {
  const { t } = useTranslation('programme');
  const personName = useOrgStore((s) => s.personName);
  const navigate = useNavigate();
  return (
    <Paper p="md" component="section" aria-label={t('year.title', { year: year.year })}>
      <Group justify="space-between" mb="xs">
        <Title order={3}>{year.year}</Title>
      </Group>
      <Stack gap={6}>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} c={year.objectives ? undefined : 'dimmed'}>
          {year.objectives || t('year.noObjectives')}
        </Text>
        <Text size="sm">
          <Text span c="dimmed">
            {t('year.lead')}:{' '}
          </Text>
          {personName(year.leadPersonId) || '—'}
        </Text>
        <Group gap={4} mt={4}>
          {AUDIT_STATUSES.map((s) => {
            const n = audits.filter((a) => a.status === s).length;
            return n ? (
              <Badge key={s} color={STATUS_COLOR[s]} variant="light">
                {t(`audits:status.${s}`)}: {n}
              </Badge>
            ) : null;
          })}
          {audits.length === 0 && (
            <Text size="sm" c="dimmed">
              {t('year.noAudits')}
            </Text>
          )}
        </Group>
        <Group gap="xs" mt="xs">
          <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={onEdit}>
            {t('year.edit', { year: year.year })}
          </Button>
          <Button size="xs" variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => navigate('/audits/new')}>
            {t('year.planAudit')}
          </Button>
          <ProgrammePdfButton programmeId={year.programmeId} year={year.year} />
        </Group>
        <ApprovalPanel
          subjectKind="programme_year"
          subjectId={year.id}
          label={`${t('approvals:subject.programme_year').toLocaleLowerCase()} ${year.year}`}
          version={year.revision}
          compact
        />
      </Stack>
    </Paper>
  );
}

function YearForm({ year, onClose, onSaved }: { year: ProgrammeYear; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('programme');
  const people = useOrgStore((s) => s.people);
  const form = useSchemaForm<{ objectives: string; leadPersonId: string | null }>(programmeYearFields, {
    objectives: year.objectives,
    leadPersonId: year.leadPersonId,
  });
  const { submit, error, busy } = useSaveForm(
    form,
    (fields) => api()['programme.updateYear']({ id: year.id, revision: year.revision, fields }),
    () => {
      onSaved();
      onClose();
    },
  );
  return (
    <FormModal title={t('year.edit', { year: year.year })} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <Textarea label={t('fields.objectives')} autosize minRows={3} data-autofocus {...form.getInputProps('objectives')} />
      <Select
        label={t('year.lead')}
        searchable
        clearable
        data={people.filter((p) => !p.archived || p.id === year.leadPersonId).map((p) => ({ value: p.id, label: p.name }))}
        {...form.getInputProps('leadPersonId')}
      />
    </FormModal>
  );
}

function FrequencyTable({ coverage }: { coverage: CoverageReport | null }) {
  const { t } = useTranslation('programme');
  const { processName, unitName, processes } = useOrgStore();
  if (!coverage) return null;
  return (
    <Paper p="md" component="section" aria-label={t('frequency.title')}>
      <PanelHeader title={t('frequency.title')} help={t('frequency.intro')} mb="sm" />
      <Box style={{ overflowX: 'auto' }}>
        <Table striped highlightOnHover verticalSpacing={6} aria-label={t('frequency.title')} className={classes.frequency}>
          <TableHead
            columns={[t('frequency.process'), t('frequency.owner'), t('frequency.risk'), t('frequency.recommended'), ...coverage.years, t('frequency.plannedOfRequired')]}
          />
          <Table.Tbody>
            {coverage.processes.map((p) => (
              <Table.Tr key={p.processId}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {processName(p.processId)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{unitName(processes.find((x) => x.id === p.processId)?.ownerUnitId)}</Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <RiskBadge level={p.riskLevel} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`frequency.interval.${AUDIT_INTERVAL[p.riskLevel]}`)}</Text>
                </Table.Td>
                {p.years.map((y) => (
                  <Table.Td key={y.year} style={{ whiteSpace: 'nowrap' }}>
                    {y.cell.audits.length ? (
                      <Group gap={4} wrap="nowrap">
                        {y.cell.audits.map((n) => (
                          <Badge key={n} size="sm" style={{ overflow: 'visible' }} variant={y.cell.state === 'done' ? 'filled' : 'light'} color={COVERAGE_COLOR[y.cell.state]}>
                            {n}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                ))}
                <FrequencyCell planned={p.planned} required={p.required} ok={p.ok} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Box>
    </Paper>
  );
}

/** "2 / 3" audits planned against the cycle's requirement, with a tick or the shortfall. */
function FrequencyCell({ planned, required, ok }: { planned: number; required: number; ok: boolean }) {
  const { t } = useTranslation('programme');
  return (
    <Table.Td>
      <Group gap={6} wrap="nowrap">
        <Text size="sm">
          {planned} / {required}
        </Text>
        {ok ? (
          <ThemeIcon size="sm" color="green" variant="light" aria-label={t('frequency.ok')}>
            <IconCheck size={12} />
          </ThemeIcon>
        ) : (
          <Tooltip label={t('frequency.gap', { missing: required - planned })}>
            <ThemeIcon size="sm" color="red" variant="light" aria-label={t('frequency.gap', { missing: required - planned })}>
              <IconAlertTriangle size={12} />
            </ThemeIcon>
          </Tooltip>
        )}
      </Group>
    </Table.Td>
  );
}
