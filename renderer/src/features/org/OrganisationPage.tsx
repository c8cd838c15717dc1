import { Tabs, Stack } from '@mantine/core';
import { IconBuildingCommunity, IconRoute, IconUsers } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { PeoplePage } from './PeoplePage';
import { ProcessesPage } from './ProcessesPage';
import { UnitsPage } from './UnitsPage';
import { PanelHeader } from '../../components/PanelHeader';

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
        <Tabs.List mb="md">
          <Tabs.Tab value="units" leftSection={<IconBuildingCommunity size={16} />}>{t('units.title')}</Tabs.Tab>
          <Tabs.Tab value="processes" leftSection={<IconRoute size={16} />}>{t('processes.title')}</Tabs.Tab>
          <Tabs.Tab value="people" leftSection={<IconUsers size={16} />}>{t('people.title')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="units"><UnitsPage /></Tabs.Panel>
        <Tabs.Panel value="processes"><ProcessesPage /></Tabs.Panel>
        <Tabs.Panel value="people"><PeoplePage /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
