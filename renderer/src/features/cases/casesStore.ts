import { create } from 'zustand';
import { CASE_PAGE_LIMIT, type CaseListItem, type CaseListQuery, type CaseSummary } from '../../../../shared/domain/cases';
import { api } from '../../api/client';

export const EMPTY_QUERY: CaseListQuery = {
  search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null, due: 'all', auditId: null,
  sort: 'nextDue', descending: false,
};

interface CasesState {
  /** The register's filters survive a visit to a case and back. */
  query: CaseListQuery;
  /** The pages read so far, in order; the next one is read when the table scrolls to their end. */
  rows: CaseListItem[];
  /** How many cases match the filters (counted once per filter by the backend); null until known. */
  total: number | null;
  /** The key of the next page; null when every matching case is in `rows`. */
  next: string | null;
  summary: CaseSummary | null;
  loading: boolean;
  error: unknown;
  setQuery(patch: Partial<CaseListQuery>): void;
  clearFilters(): void;
  /** The first page for the current filters, and the counts; the two always come back together. */
  refresh(): Promise<void>;
  /** The page after the last one read, unless one is on its way or there is none. */
  loadMore(): Promise<void>;
}

/** Each refresh starts a generation: answers to an older filter (typing in the search box) never land. */
let generation = 0;
let moreInFlight: string | null = null;

export const useCasesStore = create<CasesState>((set, get) => ({
  query: EMPTY_QUERY,
  rows: [],
  total: null,
  next: null,
  summary: null,
  loading: false,
  error: null,
  setQuery: (patch) => {
    set((s) => ({ query: { ...s.query, ...patch } }));
    void get().refresh();
  },
  clearFilters: () => {
    set((s) => ({ query: { ...EMPTY_QUERY, sort: s.query.sort, descending: s.query.descending } }));
    void get().refresh();
  },
  refresh: async () => {
    const gen = ++generation;
    moreInFlight = null;
    set({ loading: true });
    try {
      const [page, summary] = await Promise.all([
        api()['cases.page']({ query: get().query, after: null, limit: CASE_PAGE_LIMIT }),
        api()['cases.summary']({}),
      ]);
      if (gen === generation) set({ rows: page.rows, total: page.total, next: page.next, summary, loading: false, error: null });
    } catch (error) {
      if (gen === generation) set({ loading: false, error });
    }
  },
  loadMore: async () => {
    const { next, query } = get();
    if (next === null || moreInFlight === next) return;
    const gen = generation;
    moreInFlight = next;
    try {
      const page = await api()['cases.page']({ query, after: next, limit: CASE_PAGE_LIMIT });
      if (gen === generation && get().next === next) set((s) => ({ rows: [...s.rows, ...page.rows], total: page.total, next: page.next, error: null }));
    } catch (error) {
      if (gen === generation) set({ error });
    } finally {
      if (moreInFlight === next) moreInFlight = null;
    }
  },
}));
