import { useEffect, useState } from 'react';
import { Checkbox, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { APPROVAL_SUBJECTS, type ApprovalRequirements } from '../../../../shared/domain/approvals';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';

/** Settings section: which approvals hold the next step back (the coordinator's choice). */
export function ApprovalRequirementsSetting() {
  const { t } = useTranslation('approvals');
  const [req, setReq] = useState<ApprovalRequirements | null>(null);

  useEffect(() => {
    void api()['approvals.requirements']({}).then(setReq);
  }, []);

  // The box turns at once; a refused save turns it back and says why.
  const toggle = async (next: ApprovalRequirements) => {
    const before = req;
    setReq(next);
    try {
      setReq(await api()['approvals.setRequirements'](next));
      notifications.show({ message: t('common:state.saved'), color: 'green', autoClose: 2000 });
    } catch (err) {
      setReq(before);
      notifications.show({ message: errorMessage(t, err, 'approvals'), color: 'red' });
    }
  };

  if (!req) return null;
  return (
    <Paper p="lg" component="section" aria-label={t('settings.title')}>
      <Stack gap="sm">
        <Title order={4}>{t('settings.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('settings.intro')}
        </Text>
        {APPROVAL_SUBJECTS.map((k) => (
          <Checkbox key={k} label={t(`settings.${k}`)} checked={req[k]} onChange={(e) => void toggle({ ...req, [k]: e.currentTarget.checked })} />
        ))}
      </Stack>
    </Paper>
  );
}
