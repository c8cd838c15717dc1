import { create } from 'zustand';
import type { Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';

interface StandardState {
  standards: Record<string, Standard>;
  /** The catalogue never changes while the app runs, so it is fetched once per standard. */
  load(id: string): Promise<Standard>;
}

export const useStandardStore = create<StandardState>((set, get) => ({
  standards: {},
  load: async (id) => {
    const known = get().standards[id];
    if (known) return known;
    const standard = await api()['standards.get']({ id });
    set((s) => ({ standards: { ...s.standards, [id]: standard } }));
    return standard;
  },
}));
