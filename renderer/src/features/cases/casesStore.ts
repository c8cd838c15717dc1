import { create } from 'zustand';
import type { CaseListQuery, CaseSummary } from '../../../../shared/domain/cases';
import { api } from '../../api/client';

export const EMPTY_QUERY: CaseListQuery = {
  search: '', statuses: [], unitId: null, processId: null, source: null, clause: null, ownerId: null, due: 'all', auditId: null,
  sort: 'nextDue', descending: false,
};

interface CasesState {
  /** The register's filters survive a visit to a case and back. */
  query: CaseListQuery;
  /**
   * Goes up when the cases changed here (a new case, an import): the register reads its pages
   * again. The rows themselves are read a page at a time where the table is (useCaseRegister).
   */
  version: number;
  summary: CaseSummary | null;
  error: unknown;
  setQuery(patch: Partial<CaseListQuery>): void;
  clearFilters(): void;
  /** The counts again, and the register's pages read again. */
  refresh(): Promise<void>;
}

/** Each refresh starts a generation: an older answer never lands. */
let generation = 0;

export const useCasesStore = create<CasesState>((set) => ({
  query: EMPTY_QUERY,
  version: 0,
  summary: null,
  error: null,
  setQuery: (patch) => set((s) => ({ query: { ...s.query, ...patch } })),
  clearFilters: () => set((s) => ({ query: { ...EMPTY_QUERY, sort: s.query.sort, descending: s.query.descending } })),
  refresh: async () => {
    const gen = ++generation;
    set((s) => ({ version: s.version + 1 }));
    try {
      const summary = await api()['cases.summary']({});
      if (gen === generation) set({ summary, error: null });
    } catch (error) {
      if (gen === generation) set({ error });
    }
  },
}));
