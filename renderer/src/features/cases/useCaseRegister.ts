import { useCallback } from 'react';
import type { CaseListItem, CaseListQuery, CasePage } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { usePagedRows } from '../../components/usePagedRows';

/**
 * The cases register a page at a time where the table is, at any position (`cases.page` with an
 * offset): a scrollbar dragged to the end shows the last cases without reading the ones between.
 * A new filter or order, or `version` (cases changed here), starts over.
 */
export function useCaseRegister(query: CaseListQuery, version: number) {
  const load = useCallback((offset: number, limit: number) => api()['cases.page']({ query, after: null, offset, limit }), [query]);
  return usePagedRows<CaseListItem, CasePage>(JSON.stringify([query, version]), load);
}
