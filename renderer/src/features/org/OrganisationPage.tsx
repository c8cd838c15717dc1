import { IconBuildingCommunity, IconRoute, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PeoplePage } from './PeoplePage';
import { ProcessesPage } from './ProcessesPage';
import { UnitsPage } from './UnitsPage';
import { Page } from '../../components/Page';
import { TabbedPanels } from '../../components/TabList';

const TABS = ['units', 'processes', 'people'] as const;

export function OrganisationPage() {
  const { t } = useTranslation('org');
  const { tab } = useParams();
  const navigate = useNavigate();
  const current = (TABS as readonly string[]).includes(tab ?? '') ? (tab as string) : 'units';
  return (
    <Page title={t('title')} help={t('intro')}>
      <TabbedPanels
        value={current}
        onChange={(v) => navigate(`/organisation/${v ?? 'units'}`)}
        tabs={[
          { value: 'units', icon: IconBuildingCommunity, label: t('units.title'), panel: <UnitsPage /> },
          { value: 'processes', icon: IconRoute, label: t('processes.title'), panel: <ProcessesPage /> },
          { value: 'people', icon: IconUsers, label: t('people.title'), panel: <PeoplePage /> },
        ]}
      />
    </Page>
  );
}
