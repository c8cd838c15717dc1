import { useCallback } from 'react';
import { Badge, Checkbox, Group, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, personFields, type Person } from '../../../../shared/domain/org';
import { api } from '../../api/client';

import { useRecordForm } from '../../components/useRecordForm';
import { createOrUpdate } from '../../components/useSaveForm';
import type { Column } from '../../components/VirtualTable';
import { EntityFormModal } from './EntityFormModal';
import { UnitSelect } from './UnitSelect';
import { EntityTable, type FormDone } from './EntityTable';
import { useOrgStore } from './orgStore';
import { useEntityList } from './useEntityList';

type FormValues = { name: string; email: string; title: string; roles: string[]; homeUnitId: string | null };

export function PeoplePage() {
  const { t } = useTranslation('org');
  const { people, unitName } = useOrgStore();
  const text = useCallback((p: Person) => `${p.name} ${p.email} ${p.title} ${unitName(p.homeUnitId)}`, [unitName]);
  const list = useEntityList(people, text);

  const columns: Column<Person>[] = [
    { key: 'name', header: t('people.name'), width: '1.5fr', render: (p) => <Text fw={500} size="sm" truncate>{p.name}</Text> },
    { key: 'title', header: t('people.jobTitle'), width: '1.4fr', render: (p) => p.title },
    { key: 'email', header: t('people.email'), width: '1.8fr', render: (p) => <Text size="sm" c="dimmed" truncate>{p.email}</Text> },
    { key: 'unit', header: t('people.homeUnit'), width: '1.7fr', render: (p) => unitName(p.homeUnitId) },
    {
      key: 'roles',
      header: t('people.roles'),
      width: '2.3fr',
      render: (p) => p.roles.map((r) => <Badge key={r} variant="light" size="sm" color={r === 'auditee_manager' ? 'gray' : 'granska'}>{t(`role.${r}`)}</Badge>),
    },
  ];

  return <EntityTable entity="people" list={list} columns={columns} form={(row, done) => <PersonForm person={row} {...done} />} />;
}

const BLANK: FormValues = { name: '', email: '', title: '', roles: [], homeUnitId: null };

function PersonForm({ person, ...done }: { person: Person | null } & FormDone) {
  const { t } = useTranslation('org');
  const { form, ...save } = useRecordForm(personFields, person, BLANK, (v) => savePerson(person, v), done.onSaved);
  return (
    <EntityFormModal entity="people" record={person} {...done} {...save}>
      <Group grow align="flex-start">
        <TextInput label={t('people.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('people.jobTitle')} {...form.getInputProps('title')} />
      </Group>
      <TextInput label={t('people.email')} type="email" withAsterisk {...form.getInputProps('email')} />
      <UnitSelect
        label={t('people.homeUnit')}
        placeholder={t('people.noUnit')}
        clearable
       
        current={person?.homeUnitId}
        {...form.getInputProps('homeUnitId')}
      />
      <Checkbox.Group label={t('people.roles')} {...form.getInputProps('roles')}>
        <Group mt={6}>
          {PERSON_ROLES.map((r) => (
            <Checkbox key={r} value={r} label={t(`role.${r}`)} />
          ))}
        </Group>
      </Checkbox.Group>
    </EntityFormModal>
  );
}

const savePerson = (person: Person | null, v: FormValues) =>
  createOrUpdate(person, { ...v, roles: v.roles as Person['roles'] }, api()['people.create'], api()['people.update']);
