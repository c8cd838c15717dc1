import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FilteredTable } from '../../components/FilteredTable';
import { ListToolbar } from '../../components/ListToolbar';
import { ArchivedBadge } from '../../components/StatusBadge';
import type { Column, VirtualTableProps } from '../../components/VirtualTable';
import { useOrgStore } from './orgStore';
import type { EntityList } from './useEntityList';

interface Props<T extends { id: string; archived: boolean }> extends Omit<VirtualTableProps<T>, 'rowKey' | 'empty' | 'onOpen' | 'label' | 'rows'> {
  /** Names the catalogue keys: `<entity>.title`, `.new`, `.empty`. */
  entity: 'units' | 'processes' | 'people';
  list: EntityList<T>;
  /** The rows in the order to show; the list's visible rows unless given. */
  rows?: T[];
  /** The record's form (null: a new one), shown over the list until it closes or saves. */
  form(row: T | null, done: FormDone): ReactNode;
}

/** How a record's form ends: closed unchanged, or saved (the lists reload). */
export interface FormDone {
  onClose(): void;
  onSaved(): void;
}

/** One organisation list (units, processes, people): search, archived switch, "New", the table, the form. */
export function EntityTable<T extends { id: string; archived: boolean }>({ entity, list, rows, form, columns, ...table }: Props<T>) {
  const { t } = useTranslation('org');
  const load = useOrgStore((s) => s.load);
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const onEdit = (row: T | null) => setEditing(row ?? 'new');
  const done: FormDone = {
    onClose: () => setEditing(null),
    onSaved: () => {
      void load();
      setEditing(null);
    },
  };
  const status: Column<T> = { key: 'status', header: '', width: '110px', render: (r) => <ArchivedBadge archived={r.archived} /> };
  return (
    <>
      <FilteredTable
        filters={
          <ListToolbar
            search={list.search}
            onSearch={list.setSearch}
            showArchived={list.showArchived}
            onShowArchived={list.setShowArchived}
            newLabel={t(`${entity}.new`)}
            onNew={() => onEdit(null)}
          />
        }
        rowKey={(r) => r.id}
        onOpen={(r) => onEdit(r)}
        empty={list.search ? t('common:state.noMatches', { search: list.search }) : t(`${entity}.empty`)}
        label={t(`${entity}.title`)}
        rows={rows ?? list.visible}
        columns={[...columns, status]}
        {...table}
      />
      {editing && form(editing === 'new' ? null : editing, done)}
    </>
  );
}
