import { create } from 'zustand';
import type { CaseListItem, CaseListQuery, CaseSummary } from '../../../../shared/domain/cases';
import { api } from '../../api/client';

export const EMPTY_QUERY: CaseListQuery = {
  search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null, due: 'all', auditId: null,
  sort: 'nextDue', descending: false,
};

interface CasesState {
  /** The register's filters survive a visit to a case and back. */
  query: CaseListQuery;
  rows: CaseListItem[];
  summary: CaseSummary | null;
  loading: boolean;
  error: unknown;
  setQuery(patch: Partial<CaseListQuery>): void;
  clearFilters(): void;
  /** The rows for the current filters, and the counts; the two always come back together. */
  refresh(): Promise<void>;
}

let latest = 0;

export const useCasesStore = create<CasesState>((set, get) => ({
  query: EMPTY_QUERY,
  rows: [],
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
    // Typing in the search box fires many requests; only the last answer may land.
    const ticket = ++latest;
    set({ loading: true });
    try {
      const [rows, summary] = await Promise.all([api()['cases.list'](get().query), api()['cases.summary']({})]);
      if (ticket === latest) set({ rows, summary, loading: false, error: null });
    } catch (error) {
      if (ticket === latest) set({ loading: false, error });
    }
  },
}));
