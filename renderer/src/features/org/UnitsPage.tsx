import { useCallback, useMemo } from 'react';
import { Select, Textarea, TextInput, Text, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { UNIT_KINDS, unitFields, unitTree, type Unit } from '../../../../shared/domain/org';
import { api } from '../../api/client';

import { useRecordForm } from '../../components/useRecordForm';
import { createOrUpdate } from '../../components/useSaveForm';
import type { Column } from '../../components/VirtualTable';
import { useOrgStore } from './orgStore';
import { useEntityList } from './useEntityList';
import { EntityFormModal } from './EntityFormModal';
import { EntityTable, type FormDone } from './EntityTable';

type FormValues = { name: string; code: string; kind: string; parentId: string | null; description: string };

export function UnitsPage() {
  const { t } = useTranslation('org');
  const { units, processes, people } = useOrgStore();
  const text = useCallback((u: Unit) => `${u.name} ${u.code} ${u.description}`, []);
  const list = useEntityList(units, text);
  // The tree shows how administrations and companies break down; while searching, indentation
  // would only mislead, since parents may be filtered out.
  const depth = useMemo(() => new Map(unitTree(units).map((n) => [n.unit.id, n.depth])), [units]);
  const rows = useMemo(() => {
    if (list.search) return list.visible;
    const visible = new Set(list.visible.map((u) => u.id));
    return unitTree(units).map((n) => n.unit).filter((u) => visible.has(u.id));
  }, [units, list.visible, list.search]);

  const columns: Column<Unit>[] = [
    {
      key: 'name',
      header: t('units.name'),
      width: '2.2fr',
      render: (u) => {
        const level = list.search ? 0 : (depth.get(u.id) ?? 0);
        return (
          <Text fw={level === 0 ? 600 : 400} size="sm" truncate pl={level * 20} c={level === 0 ? undefined : 'gray.8'}>
            {level > 0 ? '└ ' : ''}
            {u.name}
          </Text>
        );
      },
    },
    { key: 'code', header: t('units.code'), width: '100px', render: (u) => u.code },
    { key: 'kind', header: t('units.kind'), width: '1.1fr', render: (u) => t(`kind.${u.kind}`) },
    { key: 'parent', header: t('units.parent'), width: '1.6fr', render: (u) => units.find((p) => p.id === u.parentId)?.name ?? '' },
    { key: 'processes', header: t('units.processes'), width: '100px', render: (u) => processes.filter((p) => p.ownerUnitId === u.id && !p.archived).length },
    { key: 'people', header: t('units.people'), width: '100px', render: (u) => people.filter((p) => p.homeUnitId === u.id && !p.archived).length },
  ];

  return (
    <EntityTable
      entity="units"
      list={list}
      rows={rows}
      columns={columns}
      form={(row, done) => <UnitForm unit={row} {...done} />}
    />
  );
}

const BLANK: FormValues = { name: '', code: '', kind: '', parentId: null, description: '' };

function UnitForm({ unit, ...done }: { unit: Unit | null } & FormDone) {
  const { t } = useTranslation('org');
  const units = useOrgStore((s) => s.units);
  const { form, ...save } = useRecordForm(unitFields, unit, BLANK, (v) => saveUnit(unit, v), done.onSaved);
  // A unit cannot sit under itself, and a new place in the tree is never an archived unit.
  const parentOptions = units
    .filter((u) => u.id !== unit?.id && !u.archived)
    .map((u) => ({ value: u.id, label: u.name }));

  return (
    <EntityFormModal entity="units" record={unit} {...done} {...save}>
      <TextInput label={t('units.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
      <Group grow align="flex-start">
        <Select
          label={t('units.kind')}
          withAsterisk
          data={UNIT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          {...form.getInputProps('kind')}
        />
        <TextInput label={t('units.code')} {...form.getInputProps('code')} />
      </Group>
      <Select label={t('units.parent')} placeholder={t('units.noParent')} clearable searchable data={parentOptions} {...form.getInputProps('parentId')} />
      <Textarea label={t('units.description')} autosize minRows={2} {...form.getInputProps('description')} />
    </EntityFormModal>
  );
}

const saveUnit = (unit: Unit | null, v: FormValues) => createOrUpdate(unit, { ...v, kind: v.kind as Unit['kind'] }, api()['units.create'], api()['units.update']);

