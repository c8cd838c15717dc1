import { useCallback, useEffect, useState } from 'react';
import { Anchor, Button, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { localDay, MY_ACTIONS_LIMIT, type CaseListItem, type MyAction, type MyActions } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { useAppStore } from '../../stores/appStore';
import { useOrgStore } from '../org/orgStore';
import { CaseStatusBadge, DueCell } from './CaseBadges';
import { errorMessage } from '../../components/errors';
import { useCasesStore } from './casesStore';
import { TableHead } from '../../components/TableHead';
import { ErrorAlert } from '../../components/ErrorAlert';

/** "My actions": what one person has to do, for the person chosen in settings or picked here. */
export function MyActionsView() {
  const { t } = useTranslation('cases');
  const currentPersonId = useAppStore((s) => s.info?.currentPersonId ?? null);
  const people = useOrgStore((s) => s.people);
  const refreshRegister = useCasesStore((s) => s.refresh);
  const [personId, setPersonId] = useState<string | null>(currentPersonId);
  const [data, setData] = useState<MyActions | null>(null);
  const [error, setError] = useState<string | null>(null);
  const today = localDay(new Date());

  const load = useCallback(async () => {
    if (!personId) return;
    await api()['cases.myActions']({ personId }).then(
      (d) => {
        setData(d);
        setError(null);
      },
      (err: unknown) => setError(errorMessage(t, err, 'cases')),
    );
  }, [personId, t]);

  useEffect(() => {
    void load();
  }, [load]);

  const markDone = async (a: MyAction) => {
    try {
      await api()['cases.setActionDone']({ id: a.caseId, revision: a.caseRevision, actionId: a.id, doneOn: today });
      notifications.show({ color: 'green', message: t('common:state.saved'), autoClose: 2000 });
      await load();
      void refreshRegister();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err, 'cases') });
    }
  };

  return (
    <Stack gap="md">
      <Select
        label={t('mine.person')}
        description={t('mine.personHelp')}
        placeholder={t('common:fields.choosePerson')}
        data={people.filter((p) => !p.archived).map((p) => ({ value: p.id, label: p.name }))}
        value={personId}
        onChange={setPersonId}
        searchable
        clearable
        maw={420}
      />
      <ErrorAlert error={error} />
      {!personId && (
        <Paper p="xl">
          <Text c="dimmed" ta="center">{t('mine.choose')}</Text>
        </Paper>
      )}
      {data && data.personId === personId && (
        <>
          <Paper p="md">
            <Title order={4} mb="sm">{t('mine.actions')}</Title>
            {data.actions.length === 0 ? (
              <Text c="dimmed" size="sm">{t('mine.actionsEmpty')}</Text>
            ) : (
              <Table verticalSpacing="xs" aria-label={t('mine.actions')} highlightOnHover>
                <TableHead columns={[{ label: t('actionColumns.case'), w: 130 }, t('actionColumns.description'), { label: t('actionColumns.dueDate'), w: 230 }, { w: 170 }]} />
                <Table.Tbody>
                  {data.actions.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Td>
                        <Anchor component={Link} to={`/cases/${a.caseId}`} size="sm" fw={600}>{a.caseNumber}</Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{a.description}</Text>
                        <Text size="xs" c="dimmed">{a.caseTitle}</Text>
                      </Table.Td>
                      <Table.Td>{a.doneOn ? <Text size="sm" c="green.8">{t('mine.done', { date: a.doneOn })}</Text> : <DueCell state={a.dueState} due={a.dueDate} today={today} />}</Table.Td>
                      <Table.Td>
                        {!a.doneOn && (
                          <Button size="xs" variant="light" leftSection={<IconCheck size={14} />} onClick={() => void markDone(a)} aria-label={`${t('mine.markDone')}: ${a.description}`}>
                            {t('mine.markDone')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            {data.more.actions && <FirstOnly />}
          </Paper>
          <CaseList title={t('mine.cases')} empty={t('mine.casesEmpty')} rows={data.cases} more={data.more.cases} today={today} />
          {data.toVerify.length > 0 && <CaseList title={t('mine.toVerify')} empty={t('mine.toVerifyEmpty')} rows={data.toVerify} more={data.more.toVerify} today={today} />}
        </>
      )}
    </Stack>
  );
}

/** Under a list cut at its first screenful. */
function FirstOnly() {
  const { t } = useTranslation('cases');
  return <Text size="sm" c="dimmed" mt="xs">{t('mine.firstOnly', { count: MY_ACTIONS_LIMIT })}</Text>;
}

function CaseList({ title, empty, rows, more, today }: { title: string; empty: string; rows: CaseListItem[]; more: boolean; today: string }) {
  const { t } = useTranslation('cases');
  const unitName = useOrgStore((s) => s.unitName);
  return (
    <Paper p="md">
      <Title order={4} mb="sm">{title}</Title>
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm">{empty}</Text>
      ) : (
        <Table verticalSpacing="xs" aria-label={title} highlightOnHover>
          <TableHead columns={[{ label: t('columns.number'), w: 130 }, t('columns.title'), t('columns.unit'), { label: t('columns.status'), w: 150 }, { label: t('columns.nextDue'), w: 230 }]} />
          <Table.Tbody>
            {rows.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/cases/${c.id}`} size="sm" fw={600}>{c.number}</Anchor>
                </Table.Td>
                <Table.Td><Text size="sm">{c.title}</Text></Table.Td>
                <Table.Td><Text size="sm">{unitName(c.unitId)}</Text></Table.Td>
                <Table.Td><CaseStatusBadge status={c.status} size="sm" /></Table.Td>
                <Table.Td><DueCell state={c.dueState} due={c.nextDue} today={today} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {more && <FirstOnly />}
    </Paper>
  );
}

