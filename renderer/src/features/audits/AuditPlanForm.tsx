import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconAlertTriangle, IconDeviceFloppy, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  AUDIT_TYPES,
  OTHER_CRITERIA_KINDS,
  SCHEDULE_ACTIVITIES,
  TEAM_ROLES,
  auditFields,
  impartialityWarnings,
  isExternalAudit,
  type Audit,
  type AuditFields,
  type AuditType,
  type ImpartialityWarning,
} from '../../../../shared/domain/audits';
import type { Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';
import { createOrUpdate, useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useOrgStore } from '../org/orgStore';
import { CompetenceWarnings } from '../competence/CompetenceWarnings';
import { ClauseTreePicker } from './ClauseTreePicker';
import { useStandardStore } from './standardStore';
import { ErrorAlert } from '../../components/ErrorAlert';

type Contact = { name: string; email: string; role: string };
type ScheduleRow = { day: string; startTime: string; endTime: string; activity: string; description: string; place: string; participants: string };

export type PlanValues = {
  title: string;
  type: string;
  standardId: string;
  unitIds: string[];
  processIds: string[];
  clauseNumbers: string[];
  otherCriteria: { kind: string; text: string }[];
  scope: string;
  objectives: string;
  auditClient: string;
  methods: string;
  sampling: string;
  startDate: string;
  endDate: string;
  team: { personId: string; role: string }[];
  schedule: ScheduleRow[];
  auditeeContacts: Contact[];
  distribution: Contact[];
  impartialityJustification: string;
  externalBody: string;
};

export function planValues(audit: Audit | null, defaults: { leadPersonId?: string | null } = {}): PlanValues {
  if (!audit) {
    return {
      title: '', type: 'internal', standardId: 'iso-9001-2015', unitIds: [], processIds: [], clauseNumbers: [], otherCriteria: [],
      scope: '', objectives: '', auditClient: '', methods: '', sampling: '', startDate: '', endDate: '',
      team: [{ personId: defaults.leadPersonId ?? '', role: 'lead' }], schedule: [], auditeeContacts: [], distribution: [],
      impartialityJustification: '', externalBody: '',
    };
  }
  return {
    title: audit.title, type: audit.type, standardId: audit.standardId, unitIds: audit.unitIds, processIds: audit.processIds,
    clauseNumbers: audit.clauseNumbers, otherCriteria: audit.otherCriteria, scope: audit.scope, objectives: audit.objectives,
    auditClient: audit.auditClient, methods: audit.methods, sampling: audit.sampling, startDate: audit.startDate ?? '',
    endDate: audit.endDate ?? '', team: audit.team, schedule: audit.schedule.map(({ id: _id, ...s }) => s),
    auditeeContacts: audit.auditeeContacts, distribution: audit.distribution,
    impartialityJustification: audit.impartialityJustification, externalBody: audit.externalBody,
  };
}

interface Props {
  audit: Audit | null;
  standard: Standard;
  initial: PlanValues;
  readOnly: boolean;
  onSaved(audit: Audit): void;
  onDirtyChange?(dirty: boolean): void;
}

function Section({ title, children, error }: { title: string; children: ReactNode; error?: ReactNode }) {
  return (
    <Paper p="md" component="section" aria-label={title}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      {error && (
        <Text c="red" size="sm" mb="xs" role="alert">
          {error}
        </Text>
      )}
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

/** The audit plan (ISO 19011 6.3.2) as one form; the backend checks it again with the same schema. */
export function AuditPlanForm({ audit, standard, initial, readOnly, onSaved, onDirtyChange }: Props) {
  const { t, i18n } = useTranslation('audits');
  const { units, processes, people, unitName, personName, processName } = useOrgStore();
  const form = useSchemaForm<PlanValues>(auditFields, initial);
  const { submit, error, busy } = useSaveForm(
    form,
    (v) => createOrUpdate(audit, v as unknown as AuditFields, api()['audits.create'], api()['audits.update']),
    (saved) => {
      form.resetDirty(planValues(saved));
      onSaved(saved);
    },
  );
  const dirty = form.isDirty();
  useEffect(() => onDirtyChange?.(dirty), [dirty, onDirtyChange]);

  const v = form.values;
  // Another standard is another catalogue: a choice offered only when more than one is installed.
  const { available, load: loadStandard, loadAvailable } = useStandardStore();
  const [catalogue, setCatalogue] = useState(standard);
  useEffect(() => {
    void loadAvailable();
  }, [loadAvailable]);
  useEffect(() => {
    if (catalogue.id !== v.standardId) void loadStandard(v.standardId).then(setCatalogue);
  }, [catalogue.id, v.standardId, loadStandard]);
  const warnings = useMemo(
    () =>
      impartialityWarnings(
        { type: v.type as AuditType, unitIds: v.unitIds, processIds: v.processIds, team: v.team.filter((m) => m.personId) as Audit['team'] },
        { units, processes, people },
      ),
    [v.type, v.unitIds, v.processIds, v.team, units, processes, people],
  );

  const active = <T extends { id: string; archived: boolean }>(rows: T[], keep: string[]) => rows.filter((r) => !r.archived || keep.includes(r.id));
  const unitOptions = active(units, v.unitIds).map((u) => ({ value: u.id, label: u.code ? `${u.name} (${u.code})` : u.name }));
  const processOptions = active(processes, v.processIds).map((p) => ({ value: p.id, label: p.name }));
  const personOptions = active(people, v.team.map((m) => m.personId)).map((p) => ({
    value: p.id,
    label: p.homeUnitId ? `${p.name} – ${unitName(p.homeUnitId)}` : p.name,
  }));
  const err = (path: string) => form.errors[path] as string | undefined;

  const describe = (w: ImpartialityWarning) =>
    t(w.kind === 'own_unit' ? 'impartiality.ownUnit' : 'impartiality.ownProcess', {
      person: personName(w.personId),
      role: t(`role.${w.role}`),
      home: unitName(w.homeUnitId),
      unit: unitName(w.unitId),
      process: processName(w.processId),
    });

  const contactList = (field: 'auditeeContacts' | 'distribution', addLabel: string) => (
    <>
      {v[field].map((_c, i) => (
        <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
          <TextInput style={{ flex: 2 }} label={t('contact.name')} withAsterisk {...form.getInputProps(`${field}.${i}.name`)} />
          <TextInput style={{ flex: 2 }} label={t('contact.email')} {...form.getInputProps(`${field}.${i}.email`)} />
          <TextInput style={{ flex: 2 }} label={t('contact.role')} {...form.getInputProps(`${field}.${i}.role`)} />
          <ActionIcon mt={26} variant="subtle" color="red" aria-label={t('remove', { what: v[field][i]?.name || t('contact.name') })} onClick={() => form.removeListItem(field, i)}>
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      <Group>
        <AddButton label={addLabel} onClick={() => form.insertListItem(field, { name: '', email: '', role: '' })} />
      </Group>
    </>
  );

  return (
    <form onSubmit={submit} noValidate aria-label={t('plan.title')}>
      <fieldset disabled={readOnly} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Stack gap="md">
          <ErrorAlert error={error} icon={<IconAlertCircle size={18} />} />
          <Section title={t('plan.basics')}>
            <TextInput label={t('fields.title')} withAsterisk data-autofocus {...form.getInputProps('title')} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Select
                label={t('fields.type')}
                withAsterisk
                allowDeselect={false}
                data={AUDIT_TYPES.map((x) => ({ value: x, label: t(`type.${x}`) }))}
                {...form.getInputProps('type')}
              />
              <TextInput type="date" label={t('fields.startDate')} withAsterisk {...form.getInputProps('startDate')} />
              <TextInput type="date" label={t('fields.endDate')} withAsterisk {...form.getInputProps('endDate')} />
            </SimpleGrid>
            {available && available.length > 1 && (
              <Select
                label={t('fields.standard')}
                allowDeselect={false}
                data={available.map((s) => ({ value: s.id, label: s.name[i18n.language === 'sv' ? 'sv' : 'en'] }))}
                value={v.standardId}
                onChange={(id) => {
                  if (!id || id === v.standardId) return;
                  form.setFieldValue('standardId', id);
                  form.setFieldValue('clauseNumbers', []);
                }}
              />
            )}
            {isExternalAudit(v.type as AuditType) && (
              <TextInput label={t('fields.externalBody')} {...form.getInputProps('externalBody')} />
            )}
          </Section>

          <Section title={t('plan.scope')}>
            <SimpleGrid cols={{ base: 1, md: 2 }}>
              <MultiSelect label={t('fields.units')} searchable clearable data={unitOptions} {...form.getInputProps('unitIds')} />
              <MultiSelect label={t('fields.processes')} searchable clearable data={processOptions} {...form.getInputProps('processIds')} />
            </SimpleGrid>
            <Textarea label={t('fields.scope')} autosize minRows={2} {...form.getInputProps('scope')} />
            <Textarea label={t('fields.objectives')} autosize minRows={2} {...form.getInputProps('objectives')} />
            <TextInput label={t('fields.auditClient')} {...form.getInputProps('auditClient')} />
          </Section>

          <Section title={t('plan.criteria')}>
            <ClauseTreePicker
              key={catalogue.id}
              standard={catalogue}
              label={t('fields.clauses')}
              value={v.clauseNumbers}
              onChange={(next) => form.setFieldValue('clauseNumbers', next)}
              error={err('clauseNumbers')}
              disabled={readOnly}
            />
            <Text size="sm" fw={500}>
              {t('fields.otherCriteria')}
            </Text>
            {v.otherCriteria.map((_c, i) => (
              <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
                <Select
                  w={200}
                  label={t('fields.criterionKind')}
                  allowDeselect={false}
                  data={OTHER_CRITERIA_KINDS.map((k) => ({ value: k, label: t(`criterionKind.${k}`) }))}
                  {...form.getInputProps(`otherCriteria.${i}.kind`)}
                />
                <TextInput style={{ flex: 1 }} label={t('fields.criterionText')} withAsterisk {...form.getInputProps(`otherCriteria.${i}.text`)} />
                <ActionIcon mt={26} variant="subtle" color="red" aria-label={t('remove', { what: v.otherCriteria[i]?.text || t('fields.criterionText') })} onClick={() => form.removeListItem('otherCriteria', i)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <AddButton label={t('plan.addCriterion')} onClick={() => form.insertListItem('otherCriteria', { kind: 'law', text: '' })} />
            </Group>
          </Section>

          <Section title={t('plan.methods')}>
            <Textarea label={t('fields.methods')} autosize minRows={2} {...form.getInputProps('methods')} />
            <Textarea label={t('fields.sampling')} autosize minRows={2} {...form.getInputProps('sampling')} />
          </Section>

          <Section title={t('plan.team')} error={err('team')}>
            {v.team.map((m, i) => (
              <Group key={i} align="flex-start" gap="xs" wrap="nowrap">
                <Select
                  style={{ flex: 3 }}
                  label={t('fields.person')}
                  withAsterisk
                  searchable
                  data={personOptions}
                  {...form.getInputProps(`team.${i}.personId`)}
                />
                <Select
                  style={{ flex: 1 }}
                  label={t('fields.role')}
                  allowDeselect={false}
                  data={TEAM_ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  {...form.getInputProps(`team.${i}.role`)}
                />
                <ActionIcon mt={26} variant="subtle" color="red" aria-label={t('remove', { what: personName(m.personId) || t('fields.person') })} onClick={() => form.removeListItem('team', i)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <AddButton label={t('plan.addMember')} onClick={() => form.insertListItem('team', { personId: '', role: v.team.some((m) => m.role === 'lead') ? 'auditor' : 'lead' })} />
            </Group>
            {warnings.length > 0 && (
              <Alert color="yellow" icon={<IconAlertTriangle size={18} />} title={t('impartiality.title')} role="status">
                <Stack gap={4}>
                  {warnings.map((w, i) => (
                    <Text key={i} size="sm">
                      {describe(w)}
                    </Text>
                  ))}
                  <Text size="sm" c="dimmed">
                    {t('impartiality.explain')}
                  </Text>
                </Stack>
              </Alert>
            )}
            {!isExternalAudit(v.type as AuditType) && (
              <CompetenceWarnings
                team={v.team.filter((m) => m.personId) as Audit['team']}
                startDate={v.startDate || null}
                personName={personName}
              />
            )}
            {(warnings.length > 0 || v.impartialityJustification) && (
              <Textarea
                label={t('fields.impartialityJustification')}
                description={t('impartiality.justificationHelp')}
                withAsterisk={warnings.length > 0}
                autosize
                minRows={2}
                {...form.getInputProps('impartialityJustification')}
              />
            )}
          </Section>

          <Section title={t('plan.schedule')}>
            {v.schedule.map((s, i) => (
              <Paper key={i} p="sm" bg="var(--mantine-color-gray-0)">
                <SimpleGrid cols={{ base: 2, md: 4 }} spacing="xs">
                  <TextInput type="date" label={t('schedule.day')} withAsterisk {...form.getInputProps(`schedule.${i}.day`)} />
                  <TextInput type="time" label={t('schedule.startTime')} {...form.getInputProps(`schedule.${i}.startTime`)} />
                  <TextInput type="time" label={t('schedule.endTime')} {...form.getInputProps(`schedule.${i}.endTime`)} />
                  <Select
                    label={t('schedule.activity')}
                    allowDeselect={false}
                    data={SCHEDULE_ACTIVITIES.map((a) => ({ value: a, label: t(`activity.${a}`) }))}
                    {...form.getInputProps(`schedule.${i}.activity`)}
                  />
                  <TextInput label={t('schedule.description')} {...form.getInputProps(`schedule.${i}.description`)} />
                  <TextInput label={t('schedule.place')} {...form.getInputProps(`schedule.${i}.place`)} />
                  <TextInput label={t('schedule.participants')} {...form.getInputProps(`schedule.${i}.participants`)} />
                  <Group align="flex-end">
                    <Button variant="subtle" color="gray" size="xs" leftSection={<IconTrash size={14} />} onClick={() => form.removeListItem('schedule', i)}>
                      {t('remove', { what: s.activity ? t(`activity.${s.activity}`).toLocaleLowerCase() : '' })}
                    </Button>
                  </Group>
                </SimpleGrid>
              </Paper>
            ))}
            <Group>
              <AddButton
                label={t('plan.addScheduleEntry')}
                onClick={() =>
                  form.insertListItem('schedule', {
                    day: v.schedule.at(-1)?.day ?? v.startDate, startTime: '', endTime: '',
                    activity: v.schedule.length === 0 ? 'opening_meeting' : 'interview', description: '', place: v.schedule.at(-1)?.place ?? '', participants: '',
                  })
                }
              />
            </Group>
          </Section>

          <Section title={t('plan.contacts')}>{contactList('auditeeContacts', t('plan.addContact'))}</Section>
          <Section title={t('plan.distribution')}>{contactList('distribution', t('plan.addRecipient'))}</Section>

          {!readOnly && (
            <Paper p="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }} shadow="sm">
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {dirty ? t('plan.unsaved') : t('plan.requiredNote')}
                </Text>
                <Button type="submit" loading={busy} leftSection={<IconDeviceFloppy size={16} />}>
                  {t('plan.save')}
                </Button>
              </Group>
            </Paper>
          )}
        </Stack>
      </fieldset>
    </form>
  );
}

/** Adds a row to one of the plan's lists (criteria, team, schedule, contacts). */
function AddButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={onClick}>
      {label}
    </Button>
  );
}
