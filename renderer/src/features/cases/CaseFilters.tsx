import { useEffect, useState } from 'react';
import { ActionIcon, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { IconFilterOff, IconSortAscending, IconSortDescending } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CASE_SORTS, CASE_SOURCES, CASE_STATUSES, DUE_FILTERS, type CaseListQuery } from '../../../../shared/domain/cases';
import { DEFAULT_STANDARD_ID, type Standard } from '../../../../shared/domain/standards';
import type { Lang } from '../../../../shared/domain/common';
import { useOrgStore } from '../org/orgStore';
import { useStandardStore } from '../audits/standardStore';
import { EMPTY_QUERY } from './casesStore';

/** The clause catalogue for pickers: "8.5.1 Styrning av produktion …", in the person's language. */
export function useClauseOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const load = useStandardStore((s) => s.load);
  const [standard, setStandard] = useState<Standard | null>(null);
  useEffect(() => {
    void load(DEFAULT_STANDARD_ID).then(setStandard).catch(() => setStandard(null));
  }, [load]);
  const lang = (i18n.language === 'en' ? 'en' : 'sv') as Lang;
  return (standard?.clauses ?? []).map((c) => ({ value: c.number, label: `${c.number} ${c.title[lang]}` }));
}

export function isFiltered(q: CaseListQuery): boolean {
  return (
    q.search !== '' || q.statuses.length > 0 || q.unitId !== null || q.processId !== null || q.source !== null || q.clause !== null ||
    q.ownerId !== null || q.due !== EMPTY_QUERY.due
  );
}

interface Props {
  query: CaseListQuery;
  onChange(patch: Partial<CaseListQuery>): void;
  onClear(): void;
}

export function CaseFilters({ query, onChange, onClear }: Props) {
  const { t } = useTranslation('cases');
  const { units, processes, people } = useOrgStore();
  const clauses = useClauseOptions();
  const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'sv');
  const named = (list: { id: string; name: string }[]) => [...list].sort(byName).map((e) => ({ value: e.id, label: e.name }));
  // The filters that are either unset ("any") or one value, in the order they stand on screen.
  const optionalFilters: { key: 'unitId' | 'processId' | 'source' | 'clause' | 'ownerId'; label: string; data: { value: string; label: string }[] }[] = [
    { key: 'unitId', label: 'filters.unit', data: named(units) },
    { key: 'processId', label: 'filters.process', data: named(processes) },
    { key: 'source', label: 'filters.source', data: CASE_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) })) },
    { key: 'clause', label: 'filters.clause', data: clauses },
    { key: 'ownerId', label: 'filters.owner', data: named(people) },
  ];
  return (
    <Paper p="md" aria-label={t('filters.label')} role="group">
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 7 }} spacing="sm" verticalSpacing="sm">
        <MultiSelect
          label={t('filters.status')}
          placeholder={query.statuses.length ? undefined : t('filters.any')}
          data={CASE_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          value={query.statuses}
          onChange={(v) => onChange({ statuses: v as CaseListQuery['statuses'] })}
          clearable
        />
        <Select
          label={t('filters.due')}
          data={DUE_FILTERS.map((d) => ({ value: d, label: t(`filters.dueOptions.${d}`) }))}
          value={query.due}
          onChange={(v) => onChange({ due: (v ?? 'all') as CaseListQuery['due'] })}
          allowDeselect={false}
        />
        {optionalFilters.map((f) => (
          <Select
            key={f.key}
            label={t(f.label)}
            placeholder={t('filters.any')}
            data={f.data}
            value={query[f.key]}
            onChange={(v) => onChange({ [f.key]: v } as Partial<CaseListQuery>)}
            searchable={f.key !== 'source'}
            clearable
          />
        ))}
      </SimpleGrid>
      {isFiltered(query) && (
        <Group justify="flex-end" mt="xs">
          <Button variant="subtle" size="xs" leftSection={<IconFilterOff size={14} />} onClick={onClear}>
            {t('filters.clear')}
          </Button>
        </Group>
      )}
    </Paper>
  );
}

/** Order of the register: a choice and a direction, beside the row count. */
export function CaseSort({ query, onChange }: { query: CaseListQuery; onChange(patch: Partial<CaseListQuery>): void }) {
  const { t } = useTranslation('cases');
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm" c="dimmed" component="label" htmlFor="case-sort">
        {t('filters.sort')}
      </Text>
      <Select
        id="case-sort"
        w={190}
        data={CASE_SORTS.map((s) => ({ value: s, label: t(`filters.sortOptions.${s}`) }))}
        value={query.sort}
        onChange={(v) => onChange({ sort: (v ?? 'nextDue') as CaseListQuery['sort'] })}
        allowDeselect={false}
      />
      <Tooltip label={t('filters.descending')} withArrow>
        <ActionIcon
          variant={query.descending ? 'filled' : 'default'}
          size="lg"
          aria-label={t('filters.descending')}
          aria-pressed={query.descending}
          onClick={() => onChange({ descending: !query.descending })}
        >
          {query.descending ? <IconSortDescending size={16} /> : <IconSortAscending size={16} />}
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
