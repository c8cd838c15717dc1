import { Group, Paper, Radio, Select, SimpleGrid, Stack, Text, Textarea, TextInput, Timeline, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { localDay, verificationFields, type CaseDetail } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { PageForm } from '../../components/PageForm';
import { useSaveForm, versionOf } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useAppStore } from '../../stores/appStore';
import { useOrgStore } from '../org/orgStore';
import { AttachmentsPanel } from '../conduct/AttachmentsPanel';
import { PanelHeader } from '../../components/PanelHeader';

interface Values extends Record<string, unknown> {
  verifiedOn: string;
  verifierId: string | null;
  effective: boolean | null;
  evidence: string;
}

/** Verification of effectiveness (10.2.1 d) by an auditor, and every earlier verdict. */
export function VerificationPanel({ detail, onChanged }: { detail: CaseDetail; onChanged(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const personName = useOrgStore((s) => s.personName);
  return (
    <Stack gap="md">
      {detail.status !== 'closed' && (
        <Paper p="lg">
          <PanelHeader title={t('verification.title')} help={t('verification.intro')} mb="md" />
          {detail.status === 'implemented' ? <VerificationForm detail={detail} onSaved={onChanged} /> : <Text size="sm">{t('verification.notYet')}</Text>}
        </Paper>
      )}
      <Paper p="lg">
        <Title order={5} mb="sm">{t('verification.attachments')}</Title>
        <AttachmentsPanel ownerType="case" ownerId={detail.id} readOnly={detail.status === 'closed'} />
      </Paper>
      <Paper p="lg">
        <Title order={5} mb="sm">{t('verification.history')}</Title>
        {detail.verifications.length === 0 ? (
          <Text size="sm" c="dimmed">{t('verification.none')}</Text>
        ) : (
          <Timeline bulletSize={24} lineWidth={2} active={detail.verifications.length}>
            {[...detail.verifications].reverse().map((v) => (
              <Timeline.Item
                key={v.id}
                color={v.effective ? 'green' : 'red'}
                bullet={v.effective ? <IconCheck size={14} /> : <IconX size={14} />}
                title={v.effective ? t('verification.wasEffective') : t('verification.wasNotEffective')}
              >
                <Text size="xs" c="dimmed">{t('verification.by', { date: v.verifiedOn, name: personName(v.verifierId) })}</Text>
                <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>{v.evidence}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Paper>
    </Stack>
  );
}

function VerificationForm({ detail, onSaved }: { detail: CaseDetail; onSaved(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const people = useOrgStore((s) => s.people);
  const currentPersonId = useAppStore((s) => s.info?.currentPersonId ?? null);
  const auditors = people
    .filter((p) => !p.archived && (p.roles.includes('auditor') || p.roles.includes('audit_lead')))
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'));
  const form = useSchemaForm<Values>(verificationFields, {
    verifiedOn: localDay(new Date()),
    verifierId: auditors.some((p) => p.id === currentPersonId) ? currentPersonId : null,
    effective: null,
    evidence: '',
  });
  const save = useSaveForm(
    form,
    (v) =>
      api()['cases.verify']({
        ...versionOf(detail),
        fields: { verifiedOn: v.verifiedOn, verifierId: v.verifierId ?? '', effective: v.effective === true, evidence: v.evidence },
      }),
    onSaved,
  );
  const effective = form.getInputProps('effective');
  return (
    <PageForm label={t('verification.title')} submitLabel={t('verification.submit')} save={save}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput type="date" label={t('verification.verifiedOn')} withAsterisk {...form.getInputProps('verifiedOn')} />
        <Select
          label={t('verification.verifier')}
          description={t('verification.verifierHelp')}
          withAsterisk
          searchable
          data={auditors.map((p) => ({ value: p.id, label: p.name }))}
          {...form.getInputProps('verifierId')}
        />
      </SimpleGrid>
      <Radio.Group
        label={t('verification.result')}
        withAsterisk
        value={form.values.effective === null ? '' : String(form.values.effective)}
        onChange={(v) => form.setFieldValue('effective', v === 'true')}
        error={effective.error as string | undefined}
      >
        <Group mt={6}>
          <Radio value="true" label={t('verification.effective')} color="green" />
          <Radio value="false" label={t('verification.notEffective')} color="red" />
        </Group>
      </Radio.Group>
      <Textarea
        label={t('verification.evidence')}
        description={t('verification.evidenceHelp')}
        withAsterisk
        autosize
        minRows={3}
        {...form.getInputProps('evidence')}
      />
    </PageForm>
  );
}
