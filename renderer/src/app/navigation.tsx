import { lazy, type ComponentType, type ReactNode } from 'react';
import { IconAlertTriangle, IconCalendarStats, IconClipboardCheck, IconHome2, IconListCheck, IconSettings, IconSitemap, IconCertificate, IconFileCertificate, IconSchool, IconPresentationAnalytics } from '@tabler/icons-react';
import { OverviewPage } from '../features/app/OverviewPage';

/**
 * Each section's code is fetched when it is first opened (`name` is the component its module
 * exports); the overview, where the app starts, is in the first chunk.
 */
function lazyPage<M extends Record<string, unknown>>(load: () => Promise<M>, name: keyof M) {
  return lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
}

const CompetencePage = lazyPage(() => import('../features/competence/CompetencePage'), 'CompetencePage');
const ManagementReviewPage = lazyPage(() => import('../features/managementReview/ManagementReviewPage'), 'ManagementReviewPage');
const ReviewDetailPage = lazyPage(() => import('../features/managementReview/ReviewDetailPage'), 'ReviewDetailPage');
const AuditDetailPage = lazyPage(() => import('../features/audits/AuditDetailPage'), 'AuditDetailPage');
const AuditsPage = lazyPage(() => import('../features/audits/AuditsPage'), 'AuditsPage');
const CaseDetailPage = lazyPage(() => import('../features/cases/CaseDetailPage'), 'CaseDetailPage');
const CasesPage = lazyPage(() => import('../features/cases/CasesPage'), 'CasesPage');
const FindingsRegisterPage = lazyPage(() => import('../features/conduct/FindingsRegisterPage'), 'FindingsRegisterPage');
const ProgrammePage = lazyPage(() => import('../features/audits/ProgrammePage'), 'ProgrammePage');
const OrganisationPage = lazyPage(() => import('../features/org/OrganisationPage'), 'OrganisationPage');
const SettingsPage = lazyPage(() => import('../features/app/SettingsPage'), 'SettingsPage');
const SigningPage = lazyPage(() => import('../features/reports/SigningPage'), 'SigningPage');
const VerifyPage = lazyPage(() => import('../features/reports/VerifyPage'), 'VerifyPage');

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
  { path: '/organisation/:tab?', link: '/organisation/units', label: 'common:nav.organisation', icon: <IconSitemap size={18} />, element: <OrganisationPage /> },
  { path: '/programme/:tab?', link: '/programme/overview', label: 'common:nav.programme', icon: <IconCalendarStats size={18} />, element: <ProgrammePage /> },
  { path: '/audits', link: '/audits', label: 'common:nav.audits', icon: <IconClipboardCheck size={18} />, element: <AuditsPage />, children: [{ path: '/audits/:id', element: <AuditDetailPage /> }] },
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
  {
    path: '/management-review',
    link: '/management-review',
    label: 'managementReview:nav',
    icon: <IconPresentationAnalytics size={18} />,
    element: <ManagementReviewPage />,
    children: [{ path: '/management-review/:id', element: <ReviewDetailPage /> }],
  },
  { path: '/competence', link: '/competence', label: 'competence:nav', icon: <IconSchool size={18} />, element: <CompetencePage /> },
  { path: '/verify', link: '/verify', label: 'reports:nav.verify', icon: <IconFileCertificate size={18} />, element: <VerifyPage /> },
  { path: '/signing', link: '/signing', label: 'reports:nav.signing', icon: <IconCertificate size={18} />, element: <SigningPage /> },
  { path: '/settings', link: '/settings', label: 'common:nav.settings', icon: <IconSettings size={18} />, element: <SettingsPage /> },
];
