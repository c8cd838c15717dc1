import { lazy, type ReactNode } from 'react';
import { IconAlertTriangle, IconCalendarStats, IconClipboardCheck, IconHome2, IconListCheck, IconSettings, IconSitemap, IconCertificate, IconFileCertificate, IconSchool, IconPresentationAnalytics } from '@tabler/icons-react';
import { OverviewPage } from '../features/app/OverviewPage';

/** Each section's code is fetched when it is first opened; the overview, where the app starts, is in the first chunk. */
const CompetencePage = lazy(() => import('../features/competence/CompetencePage').then((m) => ({ default: m.CompetencePage })));
const ManagementReviewPage = lazy(() => import('../features/managementReview/ManagementReviewPage').then((m) => ({ default: m.ManagementReviewPage })));
const ReviewDetailPage = lazy(() => import('../features/managementReview/ReviewDetailPage').then((m) => ({ default: m.ReviewDetailPage })));
const AuditDetailPage = lazy(() => import('../features/audits/AuditDetailPage').then((m) => ({ default: m.AuditDetailPage })));
const AuditsPage = lazy(() => import('../features/audits/AuditsPage').then((m) => ({ default: m.AuditsPage })));
const CaseDetailPage = lazy(() => import('../features/cases/CaseDetailPage').then((m) => ({ default: m.CaseDetailPage })));
const CasesPage = lazy(() => import('../features/cases/CasesPage').then((m) => ({ default: m.CasesPage })));
const FindingsRegisterPage = lazy(() => import('../features/conduct/FindingsRegisterPage').then((m) => ({ default: m.FindingsRegisterPage })));
const ProgrammePage = lazy(() => import('../features/audits/ProgrammePage').then((m) => ({ default: m.ProgrammePage })));
const OrganisationPage = lazy(() => import('../features/org/OrganisationPage').then((m) => ({ default: m.OrganisationPage })));
const SettingsPage = lazy(() => import('../features/app/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const SigningPage = lazy(() => import('../features/reports/SigningPage').then((m) => ({ default: m.SigningPage })));
const VerifyPage = lazy(() => import('../features/reports/VerifyPage').then((m) => ({ default: m.VerifyPage })));

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
