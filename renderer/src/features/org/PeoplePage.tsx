import { useCallback } from 'react';
import { Badge, Checkbox, Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PERSON_ROLES, personFields, type Person } from '../../../../shared/domain/org';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';

import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import type { Column } from '../../components/VirtualTable';
import { ArchiveButton } from './ArchiveButton';
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

  return (
    <EntityTable
      entity="people"
      list={list}
      columns={columns}
      form={(row, done) => <PersonForm person={row} {...done} />}
    />
  );
}

function PersonForm({ person, onClose, onSaved }: { person: Person | null } & FormDone) {
  const { t } = useTranslation('org');
  const units = useOrgStore((s) => s.units);
  const form = useSchemaForm<FormValues>(personFields, {
    name: person?.name ?? '',
    email: person?.email ?? '',
    title: person?.title ?? '',
    roles: person?.roles ?? [],
    homeUnitId: person?.homeUnitId ?? null,
  });
  const { submit, error, busy } = useSaveForm(
    form,
    (v) => {
      const fields = { ...v, roles: v.roles as Person['roles'] };
      return person ? api()['people.update']({ id: person.id, revision: person.revision, fields }) : api()['people.create'](fields);
    },
    onSaved,
  );
  return (
    <FormModal title={person ? t('people.edit') : t('people.new')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <Group grow align="flex-start">
        <TextInput label={t('people.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
        <TextInput label={t('people.jobTitle')} {...form.getInputProps('title')} />
      </Group>
      <TextInput label={t('people.email')} type="email" withAsterisk {...form.getInputProps('email')} />
      <Select
        label={t('people.homeUnit')}
        placeholder={t('people.noUnit')}
        clearable
        searchable
        data={units.filter((u) => !u.archived || u.id === person?.homeUnitId).map((u) => ({ value: u.id, label: u.name }))}
        {...form.getInputProps('homeUnitId')}
      />
      <Checkbox.Group label={t('people.roles')} {...form.getInputProps('roles')}>
        <Group mt={6}>
          {PERSON_ROLES.map((r) => (
            <Checkbox key={r} value={r} label={t(`role.${r}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      {person && (
        <Group>
          <ArchiveButton entity="people" record={person} onDone={onSaved} />
        </Group>
      )}
    </FormModal>
  );
}
