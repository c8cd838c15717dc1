import { useEffect } from 'react';
import { Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core';
import { IconBuildingCommunity, IconListCheck, IconUserCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';
import type { CaseListQuery } from '../../../../shared/domain/cases';
import { MyActionsView } from './MyActionsView';
import { RegisterView } from './RegisterView';
import { UnhandledFindings } from './UnhandledFindings';
import { UnitCountsView } from './UnitCountsView';
import { EMPTY_QUERY, useCasesStore } from './casesStore';
import { useDataVersion } from '../../stores/dataStore';
import classes from './cases.module.css';
import { Page } from '../../components/Page';
import { TabbedPanels } from '../../components/TabList';

const TABS = ['register', 'mine', 'units'] as const;

/** `/cases` (register), `/cases/mine` (my actions), `/cases/units` (counts per unit). */
export function CasesPage() {
  const { t } = useTranslation('cases');
  const location = useLocation();
  const navigate = useNavigate();
  const { summary, refresh, setQuery } = useCasesStore();
  const tab = TABS.find((x) => location.pathname === `/cases/${x}`) ?? 'register';

  const dataVersion = useDataVersion();
  useEffect(() => {
    void refresh();
  }, [refresh, dataVersion]);

  const show = (patch: Partial<CaseListQuery>) => {
    setQuery({ ...EMPTY_QUERY, ...patch });
    navigate('/cases');
  };

  const stats = summary
    ? [
        { key: 'notClosed', value: summary.notClosed, color: 'var(--mantine-color-granska-7)', patch: { due: 'not_closed' } as const },
        { key: 'overdue', value: summary.overdue, color: 'var(--mantine-color-red-6)', patch: { due: 'overdue' } as const },
        { key: 'dueSoon', value: summary.dueSoon, color: 'var(--mantine-color-yellow-6)', patch: { due: 'due_soon' } as const },
        { key: 'closed', value: summary.byStatus.closed, color: 'var(--mantine-color-green-6)', patch: { statuses: ['closed'] } as Partial<CaseListQuery> },
      ]
    : [];

  return (
    <Page title={t('title')} help={t('intro')}>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {stats.map((s) => (
          <UnstyledButton key={s.key} onClick={() => show(s.patch)} aria-label={`${t(`stats.${s.key}`)}: ${s.value}`}>
            <Paper px="md" py="sm" className={classes.stat} style={{ '--stat-color': s.color } as React.CSSProperties}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t(`stats.${s.key}`)}
              </Text>
              <Text fz={26} fw={700} c={s.key === 'overdue' && s.value > 0 ? 'red.7' : undefined}>
                {s.value}
              </Text>
            </Paper>
          </UnstyledButton>
        ))}
      </SimpleGrid>
      <UnhandledFindings onCreated={(c) => navigate(`/cases/${c.id}`)} />
      <TabbedPanels
        value={tab}
        onChange={(v) => navigate(v === 'register' || !v ? '/cases' : `/cases/${v}`)}
        tabs={[
          { value: 'register', icon: IconListCheck, label: t('tabs.register'), panel: <RegisterView /> },
          { value: 'mine', icon: IconUserCheck, label: t('tabs.mine'), panel: <MyActionsView /> },
          { value: 'units', icon: IconBuildingCommunity, label: t('tabs.units'), panel: <UnitCountsView /> },
        ]}
      />
    </Page>
  );
}
