import type { ReactNode } from 'react';
import { IconHome2, IconSitemap, IconSettings } from '@tabler/icons-react';
import { OrganisationPage } from '../features/org/OrganisationPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { OverviewPage } from '../features/start/OverviewPage';

export interface NavEntry {
  /** Route path; `:params` allowed after the first segment. */
  path: string;
  /** Where the menu link points. */
  link: string;
  /** i18n key (namespace:key). */
  label: string;
  icon: ReactNode;
  element: ReactNode;
  /** Extra routes that belong to this entry (details pages). */
  children?: { path: string; element: ReactNode }[];
}

/** The app's sections, in menu order. A feature adds one entry here. */
export const NAVIGATION: NavEntry[] = [
  { path: '/', link: '/', label: 'common:nav.overview', icon: <IconHome2 size={18} />, element: <OverviewPage /> },
  {
    path: '/organisation/:tab?',
    link: '/organisation/units',
    label: 'common:nav.organisation',
    icon: <IconSitemap size={18} />,
    element: <OrganisationPage />,
  },
  { path: '/settings', link: '/settings', label: 'common:nav.settings', icon: <IconSettings size={18} />, element: <SettingsPage /> },
];
