import { Tabs, Stack } from '@mantine/core';
import { IconBuildingCommunity, IconRoute, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PeoplePage } from './PeoplePage';
import { ProcessesPage } from './ProcessesPage';
import { UnitsPage } from './UnitsPage';
import { PanelHeader } from '../../components/PanelHeader';
import { TabList } from '../../components/TabList';

const TABS = ['units', 'processes', 'people'] as const;

export function OrganisationPage() {
  const { t } = useTranslation('org');
  const { tab } = useParams();
  const navigate = useNavigate();
  const current = (TABS as readonly string[]).includes(tab ?? '') ? (tab as string) : 'units';
  return (
    <Stack gap="md">
      <PanelHeader order={2} title={t('title')} help={t('intro')} />
      <Tabs value={current} onChange={(v) => navigate(`/organisation/${v ?? 'units'}`)} keepMounted={false}>
        <TabList
          tabs={[
            { value: 'units', icon: IconBuildingCommunity, label: t('units.title') },
            { value: 'processes', icon: IconRoute, label: t('processes.title') },
            { value: 'people', icon: IconUsers, label: t('people.title') },
          ]}
        />
        <Tabs.Panel value="units"><UnitsPage /></Tabs.Panel>
        <Tabs.Panel value="processes"><ProcessesPage /></Tabs.Panel>
        <Tabs.Panel value="people"><PeoplePage /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
