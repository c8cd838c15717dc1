import { create } from 'zustand';
import type { Standard, StandardSummary } from '../../../../shared/domain/standards';
import { api } from '../../api/client';

interface StandardState {
  standards: Record<string, Standard>;
  /** Every standard shipped in resources/standards, once loaded. */
  available: StandardSummary[] | null;
  /** The catalogue never changes while the app runs, so it is fetched once per standard. */
  load(id: string): Promise<Standard>;
  loadAvailable(): Promise<StandardSummary[]>;
}

export const useStandardStore = create<StandardState>((set, get) => ({
  standards: {},
  available: null,
  load: async (id) => {
    const known = get().standards[id];
    if (known) return known;
    const standard = await api()['standards.get']({ id });
    set((s) => ({ standards: { ...s.standards, [id]: standard } }));
    return standard;
  },
  loadAvailable: async () => {
    const known = get().available;
    if (known) return known;
    const available = await api()['standards.list']({});
    set({ available });
    return available;
  },
}));
