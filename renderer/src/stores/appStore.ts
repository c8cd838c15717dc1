import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract/app';
import { api } from '../api/client';

interface AppState {
  info: AppInfo | null;
  setInfo(info: AppInfo): void;
  refresh(): Promise<AppInfo>;
}

export const useAppStore = create<AppState>((set) => ({
  info: null,
  setInfo: (info) => set({ info }),
  refresh: async () => {
    const info = await api()['app.info']({});
    set({ info });
    return info;
  },
}));
