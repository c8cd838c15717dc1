import { create } from 'zustand';

/**
 * One signal that records arrived from outside this window (a package imported, a team-server
 * synchronisation): every open view that shows such records reloads when `version` moves, instead
 * of each page polling or each action knowing which pages are open.
 */
interface DataState {
  version: number;
  changed(): void;
}

export const useDataStore = create<DataState>((set) => ({
  version: 0,
  changed: () => set((s) => ({ version: s.version + 1 })),
}));

/** The views' dependency: reload when it changes. */
export const useDataVersion = (): number => useDataStore((s) => s.version);

/** Call after an import or a sync has written records this window did not write itself. */
export const dataChanged = (): void => useDataStore.getState().changed();
