import { useMemo, useState } from 'react';
import { Button, Group, MultiSelect, Paper, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_STANDARD_ID } from '../../../../shared/domain/standards';
import { FINDING_STATUSES, FINDING_TYPES, type FindingStatus, type FindingType } from '../../../../shared/domain/findings';
import { errorMessage } from '../../components/errors';
import { FilteredTable } from '../../components/FilteredTable';
import { PendingCell } from '../../components/PendingCell';
import type { Column } from '../../components/VirtualTable';
import { StatusBadge, TypeBadge } from './FindingBadges';
import classes from './conduct.module.css';
import { useStandard } from './useStandard';
import { useOrgStore } from '../org/orgStore';
import { FindingDrawer } from './FindingDrawer';
import { useFindingRegister, type RegisterFilters } from './useFindingRegister';
import { Page } from '../../components/Page';
import { SearchInput } from '../../components/SearchInput';

/** Every finding of every audit: filter, search, scroll through 100 000 without waiting. */
export function FindingsRegisterPage() {
  const { t, i18n } = useTranslation('findings');
  const lang = i18n.language === 'sv' ? 'sv' : 'en';
  const { units, processes, unitName } = useOrgStore();
  const standard = useStandard(DEFAULT_STANDARD_ID);
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 250);
  const [types, setTypes] = useState<string[]>([]);
  const [clause, setClause] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [processId, setProcessId] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  const filters: RegisterFilters = {
    search: debouncedSearch,
    types: types as FindingType[],
    clause: clause ?? '',
    unitId,
    processId,
    status: status as FindingStatus | null,
    year: year ? Number(year) : null,
    auditId: null,
  };
  const register = useFindingRegister(filters);
  const { rowAt, request, show } = register;
  const filtered = !!(debouncedSearch || types.length || clause || unitId || processId || status || year);
  const rows = useMemo(() => Array.from({ length: register.total ?? 0 }, (_, i) => i), [register.total]);

  const clear = () => {
    setSearch('');
    setTypes([]);
    setClause(null);
    setUnitId(null);
    setProcessId(null);
    setStatus(null);
    setYear(null);
  };

  // Rows render plain text and hook-free badges: a jump draws a screenful of new rows at once.
  const loadingRow = t('loadingRow');
  const loading = (i: number) => <PendingCell index={i} request={request} label={loadingRow} />;
  const columns: Column<number>[] = [
    {
      key: 'number',
      header: t('columns.number'),
      width: '150px',
      render: (i) => {
        const f = rowAt(i);
        return f ? <span className={classes.registerNumber}>{f.number}</span> : loading(i);
      },
    },
    { key: 'type', header: t('columns.type'), width: '250px', render: (i) => { const f = rowAt(i); return f ? <TypeBadge type={f.type} t={t} /> : null; } },
    { key: 'clauses', header: t('columns.clauses'), width: '110px', render: (i) => rowAt(i)?.clauseNumbers.join(', ') ?? null },
    { key: 'statement', header: t('columns.statement'), width: '3fr', render: (i) => rowAt(i)?.statement ?? null },
    { key: 'unit', header: t('columns.unit'), width: '1.3fr', render: (i) => { const f = rowAt(i); return f ? unitName(f.unitId) : null; } },
    { key: 'status', header: t('columns.status'), width: '100px', render: (i) => { const f = rowAt(i); return f ? <StatusBadge status={f.status} t={t} /> : null; } },
  ];

  const clauseOptions = (standard?.clauses ?? []).map((c) => ({ value: c.number, label: `${c.number} ${c.title[lang]}` }));
  const active = <T extends { id: string; name: string; archived: boolean }>(list: T[], current: string | null) =>
    list.filter((x) => !x.archived || x.id === current).map((x) => ({ value: x.id, label: x.name }));

  // The filters do not change as rows arrive: kept as they are, so a page of rows renders only the table.
  const years = register.years;
  const filterPanel = useMemo(
    () => (
      <Paper p="md">
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <SearchInput label={t('search')} placeholder={t('searchPlaceholder')} value={search} onChange={setSearch} w={320} />
            <MultiSelect
              label={t('filters.types')}
              placeholder={types.length ? undefined : t('filters.typesPlaceholder')}
              data={FINDING_TYPES.map((v) => ({ value: v, label: t(`conduct:type.${v}`) }))}
              value={types}
              onChange={setTypes}
              clearable
              w={300}
            />
            <Select label={t('filters.status')} placeholder={t('filters.statusPlaceholder')} data={FINDING_STATUSES.filter((s) => s !== 'n/a').map((s) => ({ value: s, label: t(`conduct:status.${s}`) }))} value={status} onChange={setStatus} clearable w={150} />
            <Select label={t('filters.year')} placeholder={t('filters.yearPlaceholder')} data={years.map(String)} value={year} onChange={setYear} clearable w={138} />
          </Group>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Select label={t('filters.clause')} placeholder={t('filters.clausePlaceholder')} data={clauseOptions} value={clause} onChange={setClause} searchable clearable w={320} />
            <Select label={t('filters.unit')} placeholder={t('filters.unitPlaceholder')} data={active(units, unitId)} value={unitId} onChange={setUnitId} searchable clearable w={300} />
            <Select label={t('filters.process')} placeholder={t('filters.processPlaceholder')} data={active(processes, processId)} value={processId} onChange={setProcessId} searchable clearable w={300} />
            {filtered && (
              <Button variant="subtle" leftSection={<IconFilterOff size={16} />} onClick={clear}>
                {t('filters.clear')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the setters are stable; clear and the options follow these
    [t, lang, search, types, status, year, years, clause, unitId, processId, units, processes, standard, filtered],
  );

  return (
    <Page title={t('title')} help={t('subtitle')}>
      <FilteredTable
        filters={filterPanel}
        count={register.total === null ? t('common:state.loading') : t('total', { count: register.total })}
        error={!!register.error && errorMessage(t, register.error)}
        label={t('table')}
        rows={rows}
        columns={columns}
        rowKey={(i) => String(i)}
        onOpen={(i) => {
          const f = rowAt(i);
          if (f) setOpen(f.id);
        }}
        empty={register.total === null ? t('common:state.loading') : filtered ? t('noMatches') : t('empty')}
        // A jump asks for its rows when the scrollbar moves, not after the placeholders have drawn.
        onRows={show}
        rowHeight={46}
        maxHeight="calc(100vh - 400px)"
      />
      {open && <FindingDrawer key={open} id={open} onClose={() => setOpen(null)} />}
    </Page>
  );
}
