import { useCallback } from 'react';
import { Group, Select, Text, Textarea, TextInput, SegmentedControl, Input } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, processFields, type Process } from '../../../../shared/domain/org';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { RiskBadge } from '../../components/StatusBadge';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import type { Column } from '../../components/VirtualTable';
import { ArchiveButton } from './ArchiveButton';
import { EntityTable, type FormDone } from './EntityTable';
import { useOrgStore } from './orgStore';
import { useEntityList } from './useEntityList';

type FormValues = { name: string; description: string; ownerUnitId: string; riskLevel: string };

export function ProcessesPage() {
  const { t } = useTranslation('org');
  const { processes, unitName } = useOrgStore();
  const text = useCallback((p: Process) => `${p.name} ${p.description} ${unitName(p.ownerUnitId)}`, [unitName]);
  const list = useEntityList(processes, text);

  const columns: Column<Process>[] = [
    { key: 'name', header: t('processes.name'), width: '2fr', render: (p) => <Text fw={500} size="sm" truncate>{p.name}</Text> },
    { key: 'owner', header: t('processes.owner'), width: '1.6fr', render: (p) => unitName(p.ownerUnitId) },
    { key: 'risk', header: t('processes.risk'), width: '120px', render: (p) => <RiskBadge level={p.riskLevel} /> },
    { key: 'description', header: t('processes.description'), width: '2.4fr', render: (p) => <Text size="sm" c="dimmed" truncate>{p.description}</Text> },
  ];

  return (
    <EntityTable
      entity="processes"
      list={list}
      columns={columns}
      form={(row, done) => <ProcessForm process={row} {...done} />}
    />
  );
}

function ProcessForm({ process, onClose, onSaved }: { process: Process | null } & FormDone) {
  const { t } = useTranslation('org');
  const units = useOrgStore((s) => s.units);
  const form = useSchemaForm<FormValues>(processFields, {
    name: process?.name ?? '',
    description: process?.description ?? '',
    ownerUnitId: process?.ownerUnitId ?? '',
    riskLevel: process?.riskLevel ?? 'medium',
  });
  const { submit, error, busy } = useSaveForm(
    form,
    (v) => {
      const fields = { ...v, riskLevel: v.riskLevel as Process['riskLevel'] };
      return process ? api()['processes.update']({ id: process.id, revision: process.revision, fields }) : api()['processes.create'](fields);
    },
    onSaved,
  );
  return (
    <FormModal title={process ? t('processes.edit') : t('processes.new')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <TextInput label={t('processes.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
      <Select
        label={t('processes.owner')}
        withAsterisk
        searchable
        data={units.filter((u) => !u.archived || u.id === process?.ownerUnitId).map((u) => ({ value: u.id, label: u.name }))}
        {...form.getInputProps('ownerUnitId')}
      />
      <Input.Wrapper label={t('processes.risk')} withAsterisk error={form.errors.riskLevel}>
        <div>
          <SegmentedControl
            aria-label={t('processes.risk')}
            data={RISK_LEVELS.map((r) => ({ value: r, label: t(`risk.${r}`) }))}
            {...form.getInputProps('riskLevel')}
          />
        </div>
      </Input.Wrapper>
      <Textarea label={t('processes.description')} autosize minRows={2} {...form.getInputProps('description')} />
      {process && (
        <Group>
          <ArchiveButton entity="processes" record={process} onDone={onSaved} />
        </Group>
      )}
    </FormModal>
  );
}
