import { useCallback } from 'react';
import { Text, Textarea, TextInput, SegmentedControl, Input } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RISK_LEVELS, processFields, type Process } from '../../../../shared/domain/org';
import { api } from '../../api/client';
import { RiskBadge } from '../../components/StatusBadge';
import { useRecordForm } from '../../components/useRecordForm';
import { createOrUpdate } from '../../components/useSaveForm';
import type { Column } from '../../components/VirtualTable';
import { EntityFormModal } from './EntityFormModal';
import { UnitSelect } from './UnitSelect';
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

  return <EntityTable entity="processes" list={list} columns={columns} form={(row, done) => <ProcessForm process={row} {...done} />} />;
}

const BLANK: FormValues = { name: '', description: '', ownerUnitId: '', riskLevel: 'medium' };

function ProcessForm({ process, ...done }: { process: Process | null } & FormDone) {
  const { t } = useTranslation('org');
  const { form, ...save } = useRecordForm(processFields, process, BLANK, (v) => saveProcess(process, v), done.onSaved);
  return (
    <EntityFormModal entity="processes" record={process} {...done} {...save}>
      <TextInput label={t('processes.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
      <UnitSelect label={t('processes.owner')} withAsterisk current={process?.ownerUnitId} {...form.getInputProps('ownerUnitId')} />
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
    </EntityFormModal>
  );
}

const saveProcess = (process: Process | null, v: FormValues) =>
  createOrUpdate(process, { ...v, riskLevel: v.riskLevel as Process['riskLevel'] }, api()['processes.create'], api()['processes.update']);
