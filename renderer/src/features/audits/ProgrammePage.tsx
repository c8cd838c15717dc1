import { useCallback, useEffect, useState } from 'react';
import { Button, Center, Group, Loader, Paper, Select, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCalendarStats, IconEdit, IconGridDots, IconMessageQuestion, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Audit } from '../../../../shared/domain/audits';
import { cycleLabel, programmeForYear, type Programme } from '../../../../shared/domain/programme';
import { api } from '../../api/client';
import { useOrgStore } from '../org/orgStore';
import { CoverageView } from './CoverageView';
import { ProgrammeForm } from './ProgrammeForm';
import { ProgrammeOverview } from './ProgrammeOverview';
import { QuestionBank } from './QuestionBank';
import { PanelHeader } from '../../components/PanelHeader';
import { TabList } from '../../components/TabList';

const TABS = ['overview', 'coverage', 'questions'] as const;

/** The audit programme per certification cycle: years and approvals, frequency, coverage, and the question bank. */
export function ProgrammePage() {
  const { t } = useTranslation('programme');
  const { tab } = useParams();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const personName = useOrgStore((s) => s.personName);
  const [programmes, setProgrammes] = useState<Programme[] | null>(null);
  const [audits, setAudits] = useState<Audit[]>([]);
  const [editing, setEditing] = useState<Programme | 'new' | null>(null);
  const current = (TABS as readonly string[]).includes(tab ?? '') ? (tab as string) : 'overview';

  const load = useCallback(
    () =>
      Promise.all([api()['programme.list']({}), api()['audits.list']({ search: '' })]).then(([p, a]) => {
        setProgrammes(p);
        setAudits(a);
      }),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  if (!programmes) {
    return (
      <Center h={200}>
        <Loader aria-label={t('common:state.loading')} />
      </Center>
    );
  }
  const chosen =
    programmes.find((p) => p.id === params.get('p')) ?? programmeForYear(programmes, new Date().getFullYear()) ?? programmes[0] ?? null;
  const select = (id: string | null) => setParams(id ? { p: id } : {}, { replace: true });
  const form = editing && (
    <ProgrammeForm
      programme={editing === 'new' ? null : editing}
      suggestedStart={programmes.length ? Math.max(...programmes.map((p) => p.cycleStartYear + p.cycleYears)) : new Date().getFullYear()}
      onClose={() => setEditing(null)}
      onSaved={(p) => {
        select(p.id);
        void load();
      }}
    />
  );

  if (!chosen) {
    return (
      <Stack>
        <Title order={2}>{t('title')}</Title>
        <Paper p="xl">
          <Stack align="flex-start">
            <Title order={4}>{t('empty.title')}</Title>
            <Text c="dimmed">{t('empty.text')}</Text>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('new')}
            </Button>
          </Stack>
        </Paper>
        {form}
      </Stack>
    );
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <PanelHeader order={2} title={chosen.title} help={t('subtitle', { cycle: cycleLabel(chosen), lead: personName(chosen.leadPersonId) || t('noLead') })} />
        <Group gap="xs" align="flex-end">
          <Select
            w={200}
            label={t('cycle')}
            allowDeselect={false}
            data={programmes.map((p) => ({ value: p.id, label: cycleLabel(p) }))}
            value={chosen.id}
            onChange={select}
          />
          <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => setEditing(chosen)}>
            {t('edit')}
          </Button>
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('new')}
          </Button>
        </Group>
      </Group>
      <Tabs
        value={current}
        onChange={(v) => navigate({ pathname: `/programme/${v ?? 'overview'}`, search: params.toString() })}
        keepMounted={false}
      >
        <TabList
          tabs={[
            { value: 'overview', icon: IconCalendarStats, label: t('tabs.overview') },
            { value: 'coverage', icon: IconGridDots, label: t('tabs.coverage') },
            { value: 'questions', icon: IconMessageQuestion, label: t('tabs.questions') },
          ]}
        />
        <Tabs.Panel value="overview">
          <ProgrammeOverview programme={chosen} audits={audits} onChanged={() => void load()} />
        </Tabs.Panel>
        <Tabs.Panel value="coverage">
          <CoverageView programme={chosen} />
        </Tabs.Panel>
        <Tabs.Panel value="questions">
          <QuestionBank standardId={chosen.standardId} />
        </Tabs.Panel>
      </Tabs>
      {form}
    </Stack>
  );
}
