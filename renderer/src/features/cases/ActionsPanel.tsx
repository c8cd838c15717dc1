import { useState } from 'react';
import { ActionIcon, Alert, Button, Group, Paper, Select, Stack, Table, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconPlus, IconRotate, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { actionDueState, actionFields, canTransitionCase, localDay, type CaseAction, type CaseDetail } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useOrgStore } from '../org/orgStore';
import { DueCell } from './CaseBadges';
import { errorMessage } from '../../components/errors';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Corrective actions (10.2.1 c): each with an owner and a date; when all are done the case is implemented. */
export function ActionsPanel({ detail, onChanged }: { detail: CaseDetail; onChanged(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const personName = useOrgStore((s) => s.personName);
  const [editing, setEditing] = useState<CaseAction | 'new' | null>(null);
  const [removing, setRemoving] = useState<CaseAction | null>(null);
  const [busy, setBusy] = useState(false);
  const closed = detail.status === 'closed';
  const today = localDay(new Date());
  const facts = { actions: detail.actions.length, openActions: detail.actions.filter((a) => !a.doneOn).length };
  const canImplement = canTransitionCase(detail.status, 'implemented', facts).ok;

  const run = async (fn: () => Promise<CaseDetail>) => {
    setBusy(true);
    try {
      onChanged(await fn());
      notifications.show({ color: 'green', message: t('common:state.saved'), autoClose: 1500 });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err, 'cases') });
    } finally {
      setBusy(false);
    }
  };
  const setDone = (a: CaseAction, doneOn: string | null) =>
    run(() => api()['cases.setActionDone']({ id: detail.id, revision: detail.revision, actionId: a.id, doneOn }));

  return (
    <Stack gap="md">
      <Paper p="lg">
        <Group justify="space-between" mb="sm">
          <Title order={4}>{t('actions.title')}</Title>
          {!closed && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              {t('actions.add')}
            </Button>
          )}
        </Group>
        {detail.actions.length === 0 ? (
          <Text c="dimmed" size="sm">{t('actions.empty')}</Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('actions.label')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>#</Table.Th>
                <Table.Th>{t('actions.description')}</Table.Th>
                <Table.Th w={180}>{t('actions.owner')}</Table.Th>
                <Table.Th w={240}>{t('actions.dueDate')}</Table.Th>
                <Table.Th w={closed ? 0 : 250} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.actions.map((a, i) => (
                <Table.Tr key={a.id} aria-label={a.description}>
                  <Table.Td>{i + 1}</Table.Td>
                  <Table.Td><Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.description}</Text></Table.Td>
                  <Table.Td><Text size="sm">{personName(a.ownerId)}</Text></Table.Td>
                  <Table.Td>
                    {a.doneOn ? (
                      <Group gap={6}>
                        <IconCheck size={16} color="var(--mantine-color-green-7)" aria-hidden />
                        <Text size="sm" c="green.8">{t('actions.doneOn', { date: a.doneOn })}</Text>
                      </Group>
                    ) : (
                      <DueCell state={actionDueState(a, today)} due={a.dueDate} today={today} />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!closed && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {a.doneOn ? (
                          <Button size="xs" variant="subtle" leftSection={<IconRotate size={14} />} disabled={busy} onClick={() => void setDone(a, null)}>
                            {t('actions.undo')}
                          </Button>
                        ) : (
                          <Button size="xs" variant="light" leftSection={<IconCheck size={14} />} disabled={busy} onClick={() => void setDone(a, today)}>
                            {t('actions.markDone')}
                          </Button>
                        )}
                        <Tooltip label={t('actions.edit')} withArrow>
                          <ActionIcon variant="subtle" aria-label={t('actions.edit')} onClick={() => setEditing(a)}>
                            <IconPencil size={16} />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label={t('actions.remove')} withArrow>
                          <ActionIcon variant="subtle" color="red" aria-label={t('actions.remove')} onClick={() => setRemoving(a)}>
                            <IconTrash size={16} />
                          </ActionIcon>
                        </Tooltip>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      {detail.status === 'action_planned' && (
        <Alert color={canImplement ? 'green' : 'gray'} role="status">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{canImplement ? t('actions.implementHelp') : t('actions.implementBlocked')}</Text>
            <Button
              disabled={!canImplement || busy}
              onClick={() => void run(() => api()['cases.markImplemented']({ id: detail.id, revision: detail.revision }))}
            >
              {t('actions.markImplemented')}
            </Button>
          </Group>
        </Alert>
      )}
      {editing && (
        <ActionForm
          detail={detail}
          action={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(c) => {
            setEditing(null);
            onChanged(c);
          }}
        />
      )}
      <ConfirmDialog
        opened={removing !== null}
        title={t('actions.remove')}
        text={t('actions.removeConfirm', { text: removing?.description ?? '' })}
        confirm={t('actions.remove')}
        onClose={() => setRemoving(null)}
        onConfirm={() => {
          const a = removing;
          setRemoving(null);
          if (a) void run(() => api()['cases.removeAction']({ id: detail.id, revision: detail.revision, actionId: a.id }));
        }}
      />
    </Stack>
  );
}

interface ActionValues extends Record<string, unknown> {
  description: string;
  ownerId: string;
  dueDate: string;
}

function ActionForm({ detail, action, onClose, onSaved }: { detail: CaseDetail; action: CaseAction | null; onClose(): void; onSaved(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const people = useOrgStore((s) => s.people);
  const form = useSchemaForm<ActionValues>(actionFields, {
    description: action?.description ?? '',
    ownerId: action?.ownerId ?? detail.ownerId ?? '',
    dueDate: action?.dueDate ?? detail.dueDate ?? '',
  });
  const { submit, error, busy } = useSaveForm(
    form,
    (v) =>
      action
        ? api()['cases.updateAction']({ id: detail.id, revision: detail.revision, actionId: action.id, fields: v })
        : api()['cases.addAction']({ id: detail.id, revision: detail.revision, fields: v }),
    onSaved,
  );
  const options = people
    .filter((p) => !p.archived || p.id === action?.ownerId)
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((p) => ({ value: p.id, label: p.name }));
  return (
    <FormModal title={action ? t('actions.edit') : t('actions.add')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <Textarea label={t('actions.description')} withAsterisk autosize minRows={2} data-autofocus {...form.getInputProps('description')} />
      <Select label={t('actions.owner')} withAsterisk data={options} searchable allowDeselect={false} {...form.getInputProps('ownerId')} />
      <TextInput type="date" label={t('actions.dueDate')} withAsterisk {...form.getInputProps('dueDate')} />
    </FormModal>
  );
}
