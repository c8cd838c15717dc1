import { useCallback, useState } from 'react';
import type { FindingRegisterPage, FindingRegisterQuery, FindingSummary } from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { usePagedRows } from '../../components/usePagedRows';
import { useDataVersion } from '../../stores/dataStore';

export type RegisterFilters = Omit<FindingRegisterQuery, 'offset' | 'limit'>;

/**
 * The register's rows, fetched a page at a time as they scroll into view: SQLite filters and
 * counts, the table holds only the pages near where someone has looked. A new filter starts over, and
 * answers to an older filter are ignored.
 */
export function useFindingRegister(filters: RegisterFilters) {
  const [years, setYears] = useState<number[]>([]);
  // Records that arrived in a package or a sync: the register starts over, as for a new filter.
  const dataVersion = useDataVersion();
  const key = JSON.stringify([filters, dataVersion]);
  const load = useCallback((offset: number, limit: number) => api()['findings.register']({ ...filters, offset, limit }), [filters]);
  // the same years keep the same array, so what shows them need not draw again
  const heard = useCallback((page: FindingRegisterPage) => setYears((s) => (page.years.length && page.years.join() !== s.join() ? page.years : s)), []);
  const rows = usePagedRows<FindingSummary, FindingRegisterPage>(key, load, heard);
  return { ...rows, years };
}
