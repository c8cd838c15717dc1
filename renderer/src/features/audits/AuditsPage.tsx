import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Group, Select, Tabs, Text, ThemeIcon, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCalendar, IconList, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import {
  AUDIT_STATUSES,
  AUDIT_TYPES,
  auditLead,
  auditYear,
  impartialityWarnings,
  type Audit,
  type AuditStatus,
  type AuditType,
} from '../../../../shared/domain/audits';
import { api } from '../../api/client';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useOrgStore } from '../org/orgStore';
import { useDataVersion } from '../../stores/dataStore';
import { ImportPackageButton } from '../packages/ImportPackageButton';
import { AuditStatusBadge } from './AuditBadges';
import { AuditCalendar } from './AuditCalendar';
import { Page } from '../../components/Page';
import { TabList } from '../../components/TabList';
import { SearchInput } from '../../components/SearchInput';

const FILTERS = ['year', 'unit', 'status', 'lead', 'type'] as const;

/** All audits as a list or a month calendar, filtered by year, unit, status, lead and type (kept in the address). */
export function AuditsPage() {
  const { t } = useTranslation('audits');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const { units, processes, people, unitName, personName } = useOrgStore();
  const [audits, setAudits] = useState<Audit[] | null>(null);
  const [search, setSearch] = useState('');
  const view = params.get('view') === 'calendar' ? 'calendar' : 'list';

  const dataVersion = useDataVersion();
  useEffect(() => {
    void api()['audits.list']({ search: '' }).then(setAudits);
  }, [dataVersion]);

  const filter = Object.fromEntries(FILTERS.map((f) => [f, params.get(f)])) as Record<(typeof FILTERS)[number], string | null>;
  const setFilter = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  const warningsOf = useCallback((a: Audit) => impartialityWarnings(a, { units, processes, people }).length, [units, processes, people]);

  const visible = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('sv');
    return (audits ?? []).filter(
      (a) =>
        (!filter.year || auditYear(a) === Number(filter.year)) &&
        (!filter.unit || a.unitIds.includes(filter.unit)) &&
        (!filter.status || a.status === filter.status) &&
        (!filter.lead || auditLead(a) === filter.lead) &&
        (!filter.type || a.type === filter.type) &&
        (!needle || `${a.number} ${a.title} ${a.scope}`.toLocaleLowerCase('sv').includes(needle)),
    );
  }, [audits, filter.year, filter.unit, filter.status, filter.lead, filter.type, search]);

  const years = useMemo(() => {
    const now = new Date().getFullYear();
    const all = new Set([now - 1, now, now + 1, ...(audits ?? []).map(auditYear)]);
    return [...all].sort((a, b) => b - a).map(String);
  }, [audits]);
  const leads = useMemo(() => [...new Set((audits ?? []).map(auditLead).filter((x): x is string => !!x))], [audits]);

  const columns: Column<Audit>[] = [
    { key: 'number', header: t('fields.number'), width: '120px', render: (a) => <Text size="sm" fw={600}>{a.number}</Text> },
    {
      key: 'title', header: t('fields.title'), width: '2.4fr',
      render: (a) => (
        <Group gap={6} wrap="nowrap" miw={0}>
          <Text size="sm" fw={500} truncate miw={0} title={a.title}>{a.title}</Text>
          {warningsOf(a) > 0 && (
            <Tooltip label={t(a.impartialityJustification ? 'impartiality.listJustified' : 'impartiality.listWarning')}>
              <ThemeIcon size="sm" variant="light" color={a.impartialityJustification ? 'gray' : 'yellow'} aria-label={t('impartiality.title')}>
                <IconAlertTriangle size={12} />
              </ThemeIcon>
            </Tooltip>
          )}
        </Group>
      ),
    },
    { key: 'type', header: t('filter.type'), width: '1.4fr', render: (a) => <Text size="sm" truncate>{t(`type.${a.type}`)}</Text> },
    { key: 'status', header: t('fields.status'), width: '120px', render: (a) => <AuditStatusBadge status={a.status} /> },
    { key: 'dates', header: t('fields.dates'), width: '170px', render: (a) => <Text size="sm">{a.startDate}{a.endDate && a.endDate !== a.startDate ? ` – ${a.endDate.slice(5)}` : ''}</Text> },
    { key: 'units', header: t('columns.units'), width: '1.7fr', render: (a) => <Text size="sm" truncate>{a.unitIds.map(unitName).join(', ')}</Text> },
    { key: 'lead', header: t('role.lead'), width: '1.6fr', render: (a) => <Text size="sm" truncate>{personName(auditLead(a))}</Text> },
  ];

  const select = (key: (typeof FILTERS)[number], label: string, data: { value: string; label: string }[], w = 170) => (
    <Select key={key} w={w} label={label} placeholder={t('filter.all')} clearable searchable data={data} value={filter[key]} onChange={(v) => setFilter(key, v)} />
  );

  const actions = (
    <>
      <ImportPackageButton size="sm" label={t('packages:adopt.button')} fileLabel={t('packages:adopt.file')} />
      <Button leftSection={<IconPlus size={16} />} onClick={() => navigate('/audits/new')}>
        {t('plan.new')}
      </Button>
    </>
  );
  return (
    <Page title={t('title')} help={t('intro')} actions={actions}>
      <Group align="flex-end" gap="sm">
        <SearchInput label={t('common:actions.search')} value={search} onChange={setSearch} w={180} />
        {select('year', t('filter.year'), years.map((y) => ({ value: y, label: y })), 100)}
        {select('unit', t('filter.unit'), units.filter((u) => !u.archived).map((u) => ({ value: u.id, label: u.name })), 190)}
        {select('status', t('filter.status'), AUDIT_STATUSES.map((s: AuditStatus) => ({ value: s, label: t(`status.${s}`) })), 140)}
        {select('lead', t('filter.lead'), leads.map((id) => ({ value: id, label: personName(id) })), 170)}
        {select('type', t('filter.type'), AUDIT_TYPES.map((x: AuditType) => ({ value: x, label: t(`type.${x}`) })), 190)}
      </Group>
      <Tabs value={view} onChange={(v) => setFilter('view', v === 'calendar' ? 'calendar' : null)} keepMounted={false}>
        <TabList
          tabs={[
            { value: 'list', icon: IconList, label: t('view.list') },
            { value: 'calendar', icon: IconCalendar, label: t('view.calendar') },
          ]}
        />
        <Tabs.Panel value="list">
          <VirtualTable
            label={t('title')}
            rows={visible}
            columns={columns}
            rowKey={(a) => a.id}
            onOpen={(a) => navigate(`/audits/${a.id}`)}
            empty={audits === null ? t('common:state.loading') : audits.length === 0 ? t('empty') : t('filter.none')}
          />
          <Text size="sm" c="dimmed" mt="xs">{t('count', { count: visible.length })}</Text>
        </Tabs.Panel>
        <Tabs.Panel value="calendar">
          <AuditCalendar audits={visible} onOpen={(a) => navigate(`/audits/${a.id}`)} year={filter.year ? Number(filter.year) : null} />
        </Tabs.Panel>
      </Tabs>
    </Page>
  );
}
