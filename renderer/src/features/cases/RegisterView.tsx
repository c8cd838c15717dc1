import { useMemo, useState, type ReactNode } from 'react';
import { Button, Group, Menu, Stack } from '@mantine/core';
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileText, IconFileTypeCsv, IconPlus, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { localDay, type CaseListItem } from '../../../../shared/domain/cases';
import { FilteredTable } from '../../components/FilteredTable';
import { PendingCell } from '../../components/PendingCell';
import type { Column } from '../../components/VirtualTable';
import { useAppStore } from '../../stores/appStore';
import { useOrgStore } from '../org/orgStore';
import { CaseStatusTag, DueTags } from './CaseBadges';
import { CaseFilters, CaseSort, isFiltered } from './CaseFilters';
import { NewCaseModal } from './CaseForm';
import { errorMessage } from '../../components/errors';
import { useCasesStore } from './casesStore';
import { useCaseRegister } from './useCaseRegister';
import { exportRegister } from './exportRegister';
import { ImportModal } from './ImportModal';
import classes from './cases.module.css';
import { SearchInput } from '../../components/SearchInput';

/** A register row, or undefined while its page is on its way. */
type Row = CaseListItem | undefined;

export function RegisterView() {
  const { t, i18n } = useTranslation('cases');
  const navigate = useNavigate();
  const { query, version, summary, error: summaryError, setQuery, clearFilters, refresh } = useCasesStore();
  // The pages where the table is, at any position: the scrollbar can be dragged anywhere.
  const register = useCaseRegister(query, version);
  const { total, rowAt, request, show } = register;
  const error = register.error ?? summaryError;
  const indexes = useMemo(() => Array.from({ length: total ?? 0 }, (_, i) => i), [total]);
  const { unitName, personName } = useOrgStore();
  const currentPersonId = useAppStore((s) => s.info?.currentPersonId ?? null);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const today = summary?.today ?? localDay(new Date());

  // Rows in plain elements and hook-free badges (see CaseBadges' tags): a jump draws a screenful at once.
  const columns: Column<number>[] = useMemo(
    () => lift([
      {
        key: 'number', header: t('columns.number'), width: '140px',
        render: (c) => (
          <span className={classes.lines}>
            <span className={`${classes.line} ${classes.strong}`}>{c.number}</span>
            {c.findingNumber && <span className={`${classes.small} ${classes.dimmed}`}>{c.findingNumber}</span>}
          </span>
        ),
      },
      {
        key: 'title', header: t('columns.title'), width: '3fr',
        render: (c) => (
          <span className={classes.lines}>
            <span className={`${classes.line} ${classes.medium} ${classes.truncate}`} title={c.title}>{c.title}</span>
            <span className={`${classes.small} ${classes.dimmed} ${classes.truncate}`}>{t(`source.${c.source}`)} · {unitName(c.unitId)}</span>
          </span>
        ),
      },
      {
        key: 'owner', header: t('columns.owner'), width: '1.5fr',
        render: (c) => (c.ownerId ? <span className={`${classes.line} ${classes.truncate}`}>{personName(c.ownerId)}</span> : <span className={`${classes.line} ${classes.dimmed}`}>{t('register.unassigned')}</span>),
      },
      { key: 'status', header: t('columns.status'), width: '170px', render: (c) => <CaseStatusTag status={c.status} t={t} /> },
      { key: 'due', header: t('columns.nextDue'), width: '260px', render: (c) => <DueTags state={c.dueState} due={c.nextDue} today={today} t={t} /> },
      {
        key: 'actions', header: t('detail.tabs.actions'), width: '110px',
        render: (c) =>
          c.actionCount ? (
            <span className={classes.line}>{t('register.actionsDone', { done: c.actionCount - c.openActionCount, total: c.actionCount })}</span>
          ) : (
            <span className={`${classes.line} ${classes.dimmed}`}>{t('register.noActions')}</span>
          ),
      },
    ], rowAt, (i) => <PendingCell index={i} request={request} label={t('common:state.loading')} />),
    [t, unitName, personName, today, rowAt, request],
  );

  const exportAs = (format: 'xlsx' | 'csv' | 'pdf') => void exportRegister(t, format, query, i18n.language);

  // The filters do not change as pages of rows arrive: kept as they are, so a page renders only the table.
  const filters = useMemo(
    () => (
      <>
        <Group justify="space-between" wrap="wrap">
          <Group gap="sm">
            <SearchInput value={query.search} onChange={(search) => setQuery({ search })} />
          </Group>
          <Group gap="xs">
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button variant="default" leftSection={<IconDownload size={16} />} rightSection={<IconChevronDown size={14} />}>
                  {t('register.export')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconFileSpreadsheet size={16} />} onClick={() => exportAs('xlsx')}>{t('register.exportXlsx')}</Menu.Item>
                <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => exportAs('csv')}>{t('register.exportCsv')}</Menu.Item>
                <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => exportAs('pdf')}>{t('register.exportPdf')}</Menu.Item>
              </Menu.Dropdown>
            </Menu>
            <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => setImporting(true)}>
              {t('register.import')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
              {t('register.new')}
            </Button>
          </Group>
        </Group>
        <CaseFilters query={query} onChange={setQuery} onClear={clearFilters} />
      </>
    ),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the store's setters are stable; exportAs follows query and the language
    [t, query, i18n.language],
  );

  // eslint-disable-next-line react-hooks/exhaustive-deps -- setQuery is the store's, stable
  const sort = useMemo(() => <CaseSort query={query} onChange={setQuery} />, [query]);

  return (
    <Stack gap="sm">
      <FilteredTable
        filters={filters}
        count={total === null ? t('common:state.loading') : t('filters.count', { count: total })}
        countAside={sort}
        error={error !== null && errorMessage(t, error, 'cases')}
        label={t('register.label')}
        rows={indexes}
        columns={columns}
        rowKey={(i) => String(i)}
        rowHeight={52}
        maxHeight="calc(100vh - 420px)"
        onRows={show}
        onOpen={(i) => {
          const c = rowAt(i);
          if (c) navigate(`/cases/${c.id}`);
        }}
        rowClassName={(i) => {
          const c = rowAt(i);
          return c?.dueState === 'overdue' ? classes.overdue : c?.dueState === 'due_soon' ? classes.dueSoon : undefined;
        }}
        empty={isFiltered(query) ? t('register.noMatches') : t('register.empty')}
      />
      {creating && (
        <NewCaseModal
          ownerId={currentPersonId}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            void refresh();
            navigate(`/cases/${c.id}`);
          }}
        />
      )}
      {importing && (
        <ImportModal
          onClose={() => {
            setImporting(false);
            void refresh();
          }}
        />
      )}
    </Stack>
  );
}

/** The columns of a case at a register position, once its page is in; before that, the first cell asks for it. */
function lift(columns: Column<CaseListItem>[], rowAt: (i: number) => Row, pending: (i: number) => ReactNode): Column<number>[] {
  return columns.map((c, k) => ({
    ...c,
    render: (i: number) => {
      const row = rowAt(i);
      return row ? c.render(row) : k === 0 ? pending(i) : null;
    },
  }));
}
