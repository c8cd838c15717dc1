import { useState } from 'react';
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { useAppStore } from '../../stores/appStore';
import { useOrgStore } from '../org/orgStore';
import { LanguageSwitch } from './LanguageSwitch';
import { AttachmentLimitSetting } from '../conduct/AttachmentLimitSetting';
import { Page } from '../../components/Page';
import { BackupSettings } from '../backup/BackupSettings';
import { TeamServerSettings } from '../teamServer/TeamServerSettings';
import { TrailIntegrityPanel } from '../security/TrailIntegrityPanel';
import { ApprovalRequirementsSetting } from '../approvals/ApprovalRequirementsSetting';
import { EncryptionPanel } from '../security/EncryptionPanel';
import { ReportTemplateSettings } from '../reports/ReportTemplateSettings';

export function SettingsPage() {
  const { t } = useTranslation('settings');
  const { info, setInfo } = useAppStore();
  const people = useOrgStore((s) => s.people);
  const [orgName, setOrgName] = useState(info?.organisationName ?? '');
  const [error, setError] = useState<string | null>(null);

  const save = async (patch: Parameters<ReturnType<typeof api>['app.updateSettings']>[0]) => {
    setError(null);
    try {
      setInfo(await api()['app.updateSettings'](patch));
      notifications.show({ message: t('common:state.saved'), color: 'green', autoClose: 2000 });
    } catch (err) {
      setError(errorMessage(t, err));
    }
  };

  return (
    <Page maw={720} title={t('title')} help={t('intro')} error={error}>
      <Paper p="lg">
        <Stack>
          <Title order={4}>{t('general')}</Title>
          <Group align="flex-end">
            <TextInput label={t('organisationName')} value={orgName} onChange={(e) => setOrgName(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button onClick={() => void save({ organisationName: orgName })}>{t('common:actions.save')}</Button>
          </Group>
          <div>
            <Text size="sm" fw={500} mb={4}>{t('common:language.label')}</Text>
            <LanguageSwitch />
          </div>
          <Select
            label={t('currentPerson')}
            description={t('currentPersonHelp')}
            placeholder={t('common:fields.choosePerson')}
            clearable
            searchable
            value={info?.currentPersonId ?? null}
            data={people.filter((p) => !p.archived).map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
            onChange={(v) => void save({ currentPersonId: v })}
          />
        </Stack>
      </Paper>
      <ApprovalRequirementsSetting />
      <ReportTemplateSettings />
      <AttachmentLimitSetting />
      <BackupSettings />
      <TeamServerSettings />
      <EncryptionPanel />
      <TrailIntegrityPanel />
      <Paper p="lg">
        <Stack gap={4}>
          <Title order={4}>{t('database')}</Title>
          <Text size="sm" style={{ wordBreak: 'break-all' }}>{info?.databasePath}</Text>
          <Text size="xs" c="dimmed">{t('version', { version: info?.version })}</Text>
        </Stack>
      </Paper>
    </Page>
  );
}
