import { MultiSelect, Paper, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CASE_SEVERITIES, CASE_SOURCES, caseFields, localDay, type Case, type CaseDetail } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { PageForm } from '../../components/PageForm';
import { useSaveForm, versionOf } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useOrgStore } from '../org/orgStore';
import { useClauseOptions } from './CaseFilters';
import { useCaseForm } from './useCaseForm';

export interface CaseFormValues extends Record<string, unknown> {
  title: string;
  description: string;
  source: string;
  sourceReference: string;
  severity: string;
  unitId: string;
  processId: string | null;
  clauseNumbers: string[];
  ownerId: string | null;
  detectedOn: string;
  dueDate: string;
}

export function caseFormValues(c: Case | null, defaults: { ownerId?: string | null } = {}): CaseFormValues {
  return {
    title: c?.title ?? '',
    description: c?.description ?? '',
    source: c?.source ?? '',
    sourceReference: c?.sourceReference ?? '',
    severity: c?.severity ?? 'minor',
    unitId: c?.unitId ?? '',
    processId: c?.processId ?? null,
    clauseNumbers: c?.clauseNumbers ?? [],
    ownerId: c?.ownerId ?? defaults.ownerId ?? null,
    detectedOn: c?.detectedOn ?? localDay(new Date()),
    dueDate: c?.dueDate ?? '',
  };
}

function toFields(v: CaseFormValues) {
  return {
    ...v,
    source: v.source as Case['source'],
    severity: v.severity as Case['severity'],
    dueDate: v.dueDate || null,
  };
}

/** Pickers offer active records, plus the one already chosen even if it has since been archived. */
function usePickers(current: { unitId: string; processId: string | null; ownerId: string | null }) {
  const { units, processes, people } = useOrgStore();
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'sv');
  return {
    units: units.filter((u) => !u.archived || u.id === current.unitId).sort(byName).map((u) => ({ value: u.id, label: u.name })),
    processes: processes.filter((p) => !p.archived || p.id === current.processId).sort(byName).map((p) => ({ value: p.id, label: p.name })),
    people: people.filter((p) => !p.archived || p.id === current.ownerId).sort(byName).map((p) => ({ value: p.id, label: p.name })),
  };
}

export function CaseFieldInputs({ form, readOnly = false }: { form: UseFormReturnType<CaseFormValues>; readOnly?: boolean }) {
  const { t } = useTranslation('cases');
  const clauses = useClauseOptions();
  const pick = usePickers(form.values);
  return (
    <Stack gap="sm">
      <TextInput label={t('form.title')} description={t('form.titleHelp')} withAsterisk data-autofocus readOnly={readOnly} {...form.getInputProps('title')} />
      <Textarea label={t('form.description')} description={t('form.descriptionHelp')} autosize minRows={3} readOnly={readOnly} {...form.getInputProps('description')} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Select
          label={t('form.source')}
          withAsterisk
          data={CASE_SOURCES.map((s) => ({ value: s, label: t(`source.${s}`) }))}
          readOnly={readOnly}
          {...form.getInputProps('source')}
        />
        <TextInput label={t('form.sourceReference')} description={t('form.sourceReferenceHelp')} readOnly={readOnly} {...form.getInputProps('sourceReference')} />
        <Select
          label={t('form.severity')}
          withAsterisk
          data={CASE_SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          allowDeselect={false}
          readOnly={readOnly}
          {...form.getInputProps('severity')}
        />
        <Select label={t('form.owner')} data={pick.people} searchable clearable readOnly={readOnly} {...form.getInputProps('ownerId')} />
        <Select label={t('form.unit')} withAsterisk data={pick.units} searchable readOnly={readOnly} {...form.getInputProps('unitId')} />
        <Select
          label={t('form.process')}
          placeholder={t('form.noProcess')}
          data={pick.processes}
          searchable
          clearable
          readOnly={readOnly}
          {...form.getInputProps('processId')}
        />
        <TextInput type="date" label={t('form.detectedOn')} withAsterisk readOnly={readOnly} {...form.getInputProps('detectedOn')} />
        <TextInput type="date" label={t('form.dueDate')} readOnly={readOnly} {...form.getInputProps('dueDate')} />
      </SimpleGrid>
      <MultiSelect label={t('form.clauses')} data={clauses} searchable clearable readOnly={readOnly} {...form.getInputProps('clauseNumbers')} />
    </Stack>
  );
}

export function NewCaseModal({ onClose, onCreated, ownerId }: { onClose(): void; onCreated(c: CaseDetail): void; ownerId: string | null }) {
  const { t } = useTranslation('cases');
  const form = useSchemaForm<CaseFormValues>(caseFields, caseFormValues(null, { ownerId }));
  const { submit, error, busy } = useSaveForm(form, (v) => api()['cases.create'](toFields(v)), onCreated);
  return (
    <FormModal title={t('form.newTitle')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy} size="xl">
      <CaseFieldInputs form={form} />
    </FormModal>
  );
}

export function CaseDetailsForm({ detail, onSaved }: { detail: CaseDetail; onSaved(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const { form, save, readOnly } = useCaseForm(
    caseFields,
    detail,
    (c) => caseFormValues(c),
    (v) => api()['cases.update']({ ...versionOf(detail), fields: toFields(v) }),
    onSaved,
  );
  return (
    <Paper p="lg">
      <PageForm label={t('form.editTitle')} submitLabel={t('form.save')} save={save} readOnly={readOnly} disabled={!form.isDirty()}>
        <CaseFieldInputs form={form} readOnly={readOnly} />
      </PageForm>
    </Paper>
  );
}
