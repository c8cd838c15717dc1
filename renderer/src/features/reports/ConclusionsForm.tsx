import { Button, Group, Paper, Select, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FULFILMENT_LEVELS, type Audit, type Fulfilment } from '../../../../shared/domain/audits';
import { conclusionFields } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { PanelHeader } from '../../components/PanelHeader';

type Values = { summary: string; conclusion: string; fulfilment: string | null; divergingOpinions: string; areasNotCovered: string };

/** The lead's summary, conclusions and degree of fulfilment: written here, printed in the report. */
export function ConclusionsForm({ audit, onSaved }: { audit: Audit; onSaved(): void }) {
  const { t } = useTranslation('reports');
  const form = useSchemaForm<Values>(conclusionFields, {
    summary: audit.summary,
    conclusion: audit.conclusion,
    fulfilment: audit.fulfilment,
    divergingOpinions: audit.divergingOpinions,
    areasNotCovered: audit.areasNotCovered,
  });
  const { submit, error, busy } = useSaveForm(
    form,
    (v) =>
      api()['reports.saveConclusions']({
        auditId: audit.id,
        revision: audit.revision,
        fields: { ...v, fulfilment: (v.fulfilment as Fulfilment | null) ?? null },
      }),
    () => onSaved(),
  );
  const readOnly = audit.locked;

  return (
    <Paper p="lg" component="section" aria-label={t('conclusions.title')}>
      <form onSubmit={submit} noValidate aria-label={t('conclusions.title')}>
        <Stack gap="sm">
          <PanelHeader title={t('conclusions.title')} help={t('conclusions.help')} error={error} />
          <Textarea label={t('conclusions.summary')} autosize minRows={3} maxRows={12} readOnly={readOnly} {...form.getInputProps('summary')} />
          <Textarea label={t('conclusions.conclusion')} autosize minRows={3} maxRows={12} readOnly={readOnly} {...form.getInputProps('conclusion')} />
          <Select
            label={t('conclusions.fulfilment')}
            data={FULFILMENT_LEVELS.map((l) => ({ value: l, label: t(`conclusions.levels.${l}`) }))}
            clearable
            readOnly={readOnly}
            {...form.getInputProps('fulfilment')}
          />
          <Textarea label={t('conclusions.divergingOpinions')} autosize minRows={2} maxRows={8} readOnly={readOnly} {...form.getInputProps('divergingOpinions')} />
          <Textarea label={t('conclusions.areasNotCovered')} autosize minRows={2} maxRows={8} readOnly={readOnly} {...form.getInputProps('areasNotCovered')} />
          {!readOnly && (
            <Group justify="flex-end">
              <Button type="submit" loading={busy}>
                {t('conclusions.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
