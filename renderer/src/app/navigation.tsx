import { lazy, type ComponentType, type ReactNode } from 'react';
import { IconAlertTriangle, IconCalendarStats, IconClipboardCheck, IconHome2, IconListCheck, IconSettings, IconSitemap, IconCertificate, IconFileCertificate, IconSchool, IconPresentationAnalytics } from '@tabler/icons-react';
import { OverviewPage } from '../features/app/OverviewPage';

/**
 * The routed pages, each fetched when it is first opened so it lands in a chunk of its own. The
 * overview, where the app starts, is in the first chunk; the organisation's tabs come with their page.
 */
const PAGES = import.meta.glob<Record<string, unknown>>(['../features/*/*Page.tsx', '!../features/app/OverviewPage.tsx', '!../features/org/{People,Processes,Units}Page.tsx']);
const loaded = new Map<string, ComponentType>();

/** The page `feature/XPage` (its module exports `XPage`), one component however often it is routed. */
function page(path: string) {
  let component = loaded.get(path);
  if (!component) {
    const load = PAGES[`../features/${path}.tsx`];
    if (!load) throw new Error(`no page ${path}`);
    const name = path.slice(path.lastIndexOf('/') + 1);
    component = lazy(() => load().then((m) => ({ default: m[name] as ComponentType })));
    loaded.set(path, component);
  }
  const Page = component;
  return <Page />;
}

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
  { path: '/organisation/:tab?', link: '/organisation/units', label: 'common:nav.organisation', icon: <IconSitemap size={18} />, element: page('org/OrganisationPage') },
  { path: '/programme/:tab?', link: '/programme/overview', label: 'common:nav.programme', icon: <IconCalendarStats size={18} />, element: page('audits/ProgrammePage') },
  { path: '/audits', link: '/audits', label: 'common:nav.audits', icon: <IconClipboardCheck size={18} />, element: page('audits/AuditsPage'), children: [{ path: '/audits/:id', element: page('audits/AuditDetailPage') }] },
  { path: '/findings', link: '/findings', label: 'findings:nav', icon: <IconAlertTriangle size={18} />, element: page('conduct/FindingsRegisterPage') },
  {
    path: '/cases',
    link: '/cases',
    label: 'cases:nav',
    icon: <IconListCheck size={18} />,
    element: page('cases/CasesPage'),
    children: [
      { path: '/cases/mine', element: page('cases/CasesPage') },
      { path: '/cases/units', element: page('cases/CasesPage') },
      { path: '/cases/:id', element: page('cases/CaseDetailPage') },
    ],
  },
  {
    path: '/management-review',
    link: '/management-review',
    label: 'managementReview:nav',
    icon: <IconPresentationAnalytics size={18} />,
    element: page('managementReview/ManagementReviewPage'),
    children: [{ path: '/management-review/:id', element: page('managementReview/ReviewDetailPage') }],
  },
  { path: '/competence', link: '/competence', label: 'competence:nav', icon: <IconSchool size={18} />, element: page('competence/CompetencePage') },
  { path: '/verify', link: '/verify', label: 'reports:nav.verify', icon: <IconFileCertificate size={18} />, element: page('reports/VerifyPage') },
  { path: '/signing', link: '/signing', label: 'reports:nav.signing', icon: <IconCertificate size={18} />, element: page('reports/SigningPage') },
  { path: '/settings', link: '/settings', label: 'common:nav.settings', icon: <IconSettings size={18} />, element: page('app/SettingsPage') },
];
