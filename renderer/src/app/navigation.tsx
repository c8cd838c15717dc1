import type { ReactNode } from 'react';
import { IconAlertTriangle, IconCalendarStats, IconClipboardCheck, IconHome2, IconListCheck, IconSettings, IconSitemap, IconCertificate, IconFileCertificate, IconSchool } from '@tabler/icons-react';
import { AuditDetailPage } from '../features/audits/AuditDetailPage';
import { AuditsPage } from '../features/audits/AuditsPage';
import { CaseDetailPage } from '../features/cases/CaseDetailPage';
import { CasesPage } from '../features/cases/CasesPage';
import { FindingsRegisterPage } from '../features/conduct/FindingsRegisterPage';
import { ProgrammePage } from '../features/audits/ProgrammePage';
import { OrganisationPage } from '../features/org/OrganisationPage';
import { SettingsPage } from '../features/app/SettingsPage';
import { SigningPage } from '../features/reports/SigningPage';
import { VerifyPage } from '../features/reports/VerifyPage';
import { OverviewPage } from '../features/app/OverviewPage';
import { CompetencePage } from '../features/competence/CompetencePage';

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
  {
    path: '/programme/:tab?',
    link: '/programme/overview',
    label: 'common:nav.programme',
    icon: <IconCalendarStats size={18} />,
    element: <ProgrammePage />,
  },
  {
    path: '/audits',
    link: '/audits',
    label: 'common:nav.audits',
    icon: <IconClipboardCheck size={18} />,
    element: <AuditsPage />,
    children: [{ path: '/audits/:id', element: <AuditDetailPage /> }],
  },
  { path: '/findings', link: '/findings', label: 'findings:nav', icon: <IconAlertTriangle size={18} />, element: <FindingsRegisterPage /> },
  {
    path: '/cases',
    link: '/cases',
    label: 'cases:nav',
    icon: <IconListCheck size={18} />,
    element: <CasesPage />,
    children: [
      { path: '/cases/mine', element: <CasesPage /> },
      { path: '/cases/units', element: <CasesPage /> },
      { path: '/cases/:id', element: <CaseDetailPage /> },
    ],
  },
  { path: '/competence', link: '/competence', label: 'competence:nav', icon: <IconSchool size={18} />, element: <CompetencePage /> },
  { path: '/verify', link: '/verify', label: 'reports:nav.verify', icon: <IconFileCertificate size={18} />, element: <VerifyPage /> },
  { path: '/signing', link: '/signing', label: 'reports:nav.signing', icon: <IconCertificate size={18} />, element: <SigningPage /> },
  { path: '/settings', link: '/settings', label: 'common:nav.settings', icon: <IconSettings size={18} />, element: <SettingsPage /> },
];
