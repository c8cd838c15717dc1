import { useCallback, useEffect, useRef, useState } from 'react';
import type { FindingRegisterQuery, FindingSummary } from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { useDataVersion } from '../../stores/dataStore';

export const PAGE_SIZE = 200;
/** Pages kept at most (6,000 rows): scrolling through a million findings must not keep them all. */
export const PAGES_KEPT = 30;

export type RegisterFilters = Omit<FindingRegisterQuery, 'offset' | 'limit'>;

interface State {
  total: number | null;
  years: number[];
  error: unknown;
}

/** Beyond PAGES_KEPT, forgets the pages farthest from the one just fetched (those nearest are in view). */
function forgetFarthest(pages: Map<number, unknown>, near: number): void {
  if (pages.size <= PAGES_KEPT) return;
  const far = [...pages.keys()].sort((a, b) => Math.abs(b - near) - Math.abs(a - near));
  for (const p of far.slice(0, pages.size - PAGES_KEPT)) pages.delete(p);
}

/**
 * The register's rows, fetched a page at a time as they scroll into view: SQLite filters and
 * counts, the table holds only the pages near where someone has looked. A new filter starts over, and
 * answers to an older filter are ignored.
 */
export function useFindingRegister(filters: RegisterFilters) {
  const [state, setState] = useState<State>({ total: null, years: [], error: null });
  const [, setLoadedPages] = useState(0);
  const pages = useRef(new Map<number, FindingSummary[]>());
  const inFlight = useRef(new Set<number>());
  const generation = useRef(0);
  const key = JSON.stringify(filters);
  // Records that arrived in a package or a sync: the register starts over, as for a new filter.
  const dataVersion = useDataVersion();

  const fetchPage = useCallback(
    async (page: number, gen: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      try {
        const result = await api()['findings.register']({ ...(JSON.parse(key) as RegisterFilters), offset: page * PAGE_SIZE, limit: PAGE_SIZE });
        if (gen !== generation.current) return;
        pages.current.set(page, result.rows);
        forgetFarthest(pages.current, page);
        // the same years keep the same array, so what shows them need not draw again
        setState((s) => ({ total: result.total, years: result.years.length && result.years.join() !== s.years.join() ? result.years : s.years, error: null }));
        setLoadedPages((n) => n + 1);
      } catch (error) {
        if (gen === generation.current) setState((s) => ({ ...s, error }));
      } finally {
        inFlight.current.delete(page);
      }
    },
    [key],
  );

  useEffect(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    setState((s) => ({ ...s, total: null, error: null }));
    void fetchPage(0, generation.current);
  }, [fetchPage, dataVersion]);

  /** The row at `index`, or undefined while its page is on its way (asking for it if nobody has). */
  const rowAt = useCallback(
    (index: number): FindingSummary | undefined => pages.current.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [],
  );
  const request = useCallback((index: number) => void fetchPage(Math.floor(index / PAGE_SIZE), generation.current), [fetchPage]);
  const refresh = useCallback(() => {
    generation.current += 1;
    pages.current = new Map();
    inFlight.current = new Set();
    void fetchPage(0, generation.current);
  }, [fetchPage]);

  return { ...state, rowAt, request, refresh };
}
