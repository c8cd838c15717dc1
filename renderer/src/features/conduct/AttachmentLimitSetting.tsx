import { useEffect, useState } from 'react';
import { Button, Group, NumberInput, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { AttachmentLimit } from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { forgetAttachmentLimit } from './AttachmentsPanel';

const MB = 1024 * 1024;

/** Settings section: the largest file an attachment may be (stored with the organisation's data). */
export function AttachmentLimitSetting() {
  const { t } = useTranslation('conduct');
  const [limit, setLimit] = useState<AttachmentLimit | null>(null);
  const [value, setValue] = useState<number | string>('');

  useEffect(() => {
    void api()['attachments.limit']({}).then((l) => {
      setLimit(l);
      setValue(l.limitBytes / MB);
    });
  }, []);

  const save = async () => {
    try {
      const next = await api()['attachments.setLimit']({ limitBytes: Math.round(Number(value) * MB) });
      forgetAttachmentLimit();
      setLimit(next);
      notifications.show({ message: t('common:state.saved'), color: 'green', autoClose: 2000 });
    } catch (err) {
      notifications.show({ message: errorMessage(t, err), color: 'red' });
    }
  };

  if (!limit) return null;
  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('attachments.limitTitle')}</Title>
        <Group align="flex-end">
          <NumberInput
            label={t('attachments.limitLabel')}
            min={limit.minBytes / MB}
            max={limit.maxBytes / MB}
            step={1}
            value={value}
            onChange={setValue}
            w={220}
          />
          <Button onClick={() => void save()} disabled={Number(value) * MB === limit.limitBytes}>
            {t('common:actions.save')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('attachments.limitHelp', { default: limit.defaultBytes / MB, max: limit.maxBytes / MB })}
        </Text>
      </Stack>
    </Paper>
  );
}
