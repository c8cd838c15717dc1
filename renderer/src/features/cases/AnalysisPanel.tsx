import { Chip, Group, Input, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CAUSE_CATEGORIES, MAX_WHYS, analysisFields, type CaseDetail } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { PageForm } from '../../components/PageForm';
import { versionOf } from '../../components/useSaveForm';
import { useCaseForm } from './useCaseForm';
import classes from './cases.module.css';
import { PanelHeader } from '../../components/PanelHeader';

interface Values extends Record<string, unknown> {
  correction: string;
  whys: string[];
  rootCause: string;
  causeCategories: string[];
}

const valuesOf = (c: CaseDetail): Values => ({
  correction: c.correction,
  whys: Array.from({ length: MAX_WHYS }, (_, i) => c.whys[i] ?? ''),
  rootCause: c.rootCause,
  causeCategories: c.causeCategories,
});

const saveAnalysis = (detail: CaseDetail, v: Values) =>
  api()['cases.updateAnalysis']({ ...versionOf(detail), fields: { ...v, causeCategories: v.causeCategories as CaseDetail['causeCategories'] } });

/** Correction (10.2.1 a) and the search for the cause (10.2.1 b): five whys, root cause, categories. */
export function AnalysisPanel({ detail, onSaved }: { detail: CaseDetail; onSaved(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const { form, save, readOnly } = useCaseForm(analysisFields, detail, valuesOf, (v) => saveAnalysis(detail, v), onSaved);
  // Show one more "why?" than answered, so the chain grows as the person thinks.
  const answered = form.values.whys.reduce((n, w, i) => (w.trim() ? i + 1 : n), 0);
  const shown = readOnly ? Math.max(answered, 1) : Math.min(MAX_WHYS, Math.max(3, answered + 1));

  const explained = (field: 'correction' | 'rootCause') => (
    <Textarea label={t(`analysis.${field}`)} description={t(`analysis.${field}Help`)} autosize minRows={2} readOnly={readOnly} {...form.getInputProps(field)} />
  );

  return (
    <PageForm label={t('detail.tabs.analysis')} submitLabel={t('analysis.save')} save={save} readOnly={readOnly} disabled={!form.isDirty()} gap="md">
      <Paper p="lg">
        {explained('correction')}
      </Paper>
      <Paper p="lg">
        <Stack gap="sm">
          <PanelHeader title={t('analysis.whysTitle')} help={t('analysis.whysIntro')} />
          <Paper p="sm" bg="gray.0" withBorder={false}>
            <Text size="xs" tt="uppercase" fw={600} c="dimmed">{t('analysis.problem')}</Text>
            <Text size="sm" fw={500}>{detail.title}</Text>
          </Paper>
          {Array.from({ length: shown }, (_, i) => (
            <div key={i} className={classes.why} style={{ marginLeft: i * 12 }}>
              <Textarea label={t('analysis.why', { n: i + 1 })} autosize minRows={1} readOnly={readOnly} {...form.getInputProps(`whys.${i}`)} />
            </div>
          ))}
          {explained('rootCause')}
          <Input.Wrapper label={t('analysis.categories')}>
            <Chip.Group multiple value={form.values.causeCategories} onChange={(v) => !readOnly && form.setFieldValue('causeCategories', v)}>
              <Group gap="xs" mt={6} role="group" aria-label={t('analysis.categories')}>
                {CAUSE_CATEGORIES.map((c) => (
                  <Chip key={c} value={c} size="sm" variant="light" disabled={readOnly && !form.values.causeCategories.includes(c)}>
                    {t(`cause.${c}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </Input.Wrapper>
        </Stack>
      </Paper>
    </PageForm>
  );
}
