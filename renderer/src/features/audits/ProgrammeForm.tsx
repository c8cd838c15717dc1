import { useEffect, useState } from 'react';
import { MultiSelect, NumberInput, Select, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { programmeFields, type Programme, type ProgrammeFields } from '../../../../shared/domain/programme';
import type { Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';
import { FormModal } from '../../components/FormModal';
import { createOrUpdate, useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useOrgStore } from '../org/orgStore';
import { useStandardStore } from './standardStore';

type Values = {
  title: string;
  standardId: string;
  cycleStartYear: number | string;
  cycleYears: number | string;
  objectives: string;
  leadPersonId: string | null;
  excludedClauses: string[];
};

export function ProgrammeForm({
  programme,
  suggestedStart,
  onClose,
  onSaved,
}: {
  programme: Programme | null;
  suggestedStart: number;
  onClose(): void;
  onSaved(p: Programme): void;
}) {
  const { t, i18n } = useTranslation('programme');
  const lang = i18n.language === 'sv' ? 'sv' : 'en';
  const people = useOrgStore((s) => s.people);
  const { load: loadStandard, available, loadAvailable } = useStandardStore();
  const [standard, setStandard] = useState<Standard | null>(null);
  const form = useSchemaForm<Values>(programmeFields, {
    title: programme?.title ?? t('defaultTitle', { cycle: `${suggestedStart}–${suggestedStart + 2}` }),
    standardId: programme?.standardId ?? 'iso-9001-2015',
    cycleStartYear: programme?.cycleStartYear ?? suggestedStart,
    cycleYears: programme?.cycleYears ?? 3,
    objectives: programme?.objectives ?? '',
    leadPersonId: programme?.leadPersonId ?? null,
    excludedClauses: programme?.excludedClauses ?? [],
  });
  useEffect(() => {
    void loadStandard(form.values.standardId).then(setStandard);
  }, [loadStandard, form.values.standardId]);
  useEffect(() => {
    void loadAvailable();
  }, [loadAvailable]);

  const { submit, error, busy } = useSaveForm(
    form,
    (v) => createOrUpdate(programme, v as unknown as ProgrammeFields, api()['programme.create'], api()['programme.update']),
    (p) => {
      onSaved(p);
      onClose();
    },
  );

  return (
    <FormModal title={programme ? t('edit') : t('new')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <TextInput label={t('fields.title')} withAsterisk data-autofocus {...form.getInputProps('title')} />
      <SimpleGrid cols={2}>
        <NumberInput label={t('fields.cycleStartYear')} withAsterisk min={2000} max={2100} allowDecimal={false} {...form.getInputProps('cycleStartYear')} />
        <NumberInput
          label={t('fields.cycleYears')}
          description={t('fields.cycleYearsHelp')}
          withAsterisk
          min={1}
          max={6}
          allowDecimal={false}
          {...form.getInputProps('cycleYears')}
        />
      </SimpleGrid>
      {available && available.length > 1 && (
        <Select
          label={t('fields.standard')}
          allowDeselect={false}
          data={available.map((s) => ({ value: s.id, label: s.name[lang] }))}
          {...form.getInputProps('standardId')}
          onChange={(id) => {
            if (!id) return;
            form.setFieldValue('standardId', id);
            form.setFieldValue('excludedClauses', []);
          }}
        />
      )}
      <Select
        label={t('fields.lead')}
        searchable
        clearable
        data={people.filter((p) => !p.archived || p.id === programme?.leadPersonId).map((p) => ({ value: p.id, label: p.name }))}
        {...form.getInputProps('leadPersonId')}
      />
      <Textarea label={t('fields.objectives')} autosize minRows={3} {...form.getInputProps('objectives')} />
      <MultiSelect
        label={t('fields.excludedClauses')}
        description={t('fields.excludedClausesHelp')}
        searchable
        clearable
        data={(standard?.clauses ?? []).map((c) => ({ value: c.number, label: `${c.number} ${c.title[lang]}` }))}
        {...form.getInputProps('excludedClauses')}
      />
    </FormModal>
  );
}
