import { create } from 'zustand';
import type { Person, Process, Unit } from '../../../../shared/domain/org';
import { api } from '../../api/client';

interface OrgState {
  units: Unit[];
  processes: Process[];
  people: Person[];
  loaded: boolean;
  /** Everything, archived included: pickers and names need archived records too. */
  load(): Promise<void>;
  unitName(id: string | null | undefined): string;
  personName(id: string | null | undefined): string;
  processName(id: string | null | undefined): string;
}

export const useOrgStore = create<OrgState>((set, get) => ({
  units: [],
  processes: [],
  people: [],
  loaded: false,
  load: async () => {
    const all = { search: '', includeArchived: true };
    const [units, processes, people] = await Promise.all([
      api()['units.list'](all),
      api()['processes.list'](all),
      api()['people.list'](all),
    ]);
    set({ units, processes, people, loaded: true });
  },
  unitName: (id) => get().units.find((u) => u.id === id)?.name ?? '',
  personName: (id) => get().people.find((p) => p.id === id)?.name ?? '',
  processName: (id) => get().processes.find((p) => p.id === id)?.name ?? '',
}));
