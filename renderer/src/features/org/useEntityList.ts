import { useMemo, useState } from 'react';

/** Search and archived filter shared by every organisation list; matching ignores case and accents' case. */
export interface EntityList<T> {
  search: string;
  setSearch(value: string): void;
  showArchived: boolean;
  setShowArchived(value: boolean): void;
  visible: T[];
}

export function useEntityList<T extends { archived: boolean }>(rows: T[], text: (row: T) => string): EntityList<T> {
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const visible = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('sv');
    return rows.filter((r) => (showArchived || !r.archived) && (!needle || text(r).toLocaleLowerCase('sv').includes(needle)));
  }, [rows, search, showArchived, text]);
  return { search, setSearch, showArchived, setShowArchived, visible };
}
