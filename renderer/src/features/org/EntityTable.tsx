import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FilteredTable } from '../../components/FilteredTable';
import { ListToolbar } from '../../components/ListToolbar';
import type { VirtualTableProps } from '../../components/VirtualTable';
import type { EntityList } from './useEntityList';

interface Props<T extends { id: string; archived: boolean }> extends Omit<VirtualTableProps<T>, 'rowKey' | 'empty' | 'onOpen'> {
  list: EntityList<T>;
  newLabel: string;
  /** What the table says when the organisation has none yet. */
  emptyLabel: string;
  /** The record's form (null: a new one), shown over the list until it calls `close`. */
  form(row: T | null, close: () => void): ReactNode;
}

/** One organisation list (units, processes, people): search, archived switch, "New", the table, the form. */
export function EntityTable<T extends { id: string; archived: boolean }>({ list, newLabel, emptyLabel, form, ...table }: Props<T>) {
  const { t } = useTranslation('org');
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const onEdit = (row: T | null) => setEditing(row ?? 'new');
  return (
    <>
      <FilteredTable
        filters={
          <ListToolbar
            search={list.search}
            onSearch={list.setSearch}
            showArchived={list.showArchived}
            onShowArchived={list.setShowArchived}
            newLabel={newLabel}
            onNew={() => onEdit(null)}
          />
        }
        rowKey={(r) => r.id}
        onOpen={(r) => onEdit(r)}
        empty={list.search ? t('common:state.noMatches', { search: list.search }) : emptyLabel}
        {...table}
      />
      {editing && form(editing === 'new' ? null : editing, () => setEditing(null))}
    </>
  );
}
