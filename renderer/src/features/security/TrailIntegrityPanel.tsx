import { useState } from 'react';
import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TrailIntegrity } from '../../../../shared/contract/app';
import { api } from '../../api/client';
import { useBusyCall } from '../../components/useBusyCall';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Settings section: recomputes the audit trail's hash chain on request (issue 14.4). */
export function TrailIntegrityPanel() {
  const { t } = useTranslation('security');
  const [result, setResult] = useState<TrailIntegrity | null>(null);
  const { busy, error, run } = useBusyCall(t);

  const check = () => run(async () => setResult(await api()['trail.verify']({})), () => setResult(null));

  return (
    <Paper p="lg">
      <Stack gap="sm">
        <Title order={4}>{t('trail.title')}</Title>
        <Text size="sm" c="dimmed">{t('trail.help')}</Text>
        <Group>
          <Button onClick={() => void check()} loading={busy}>{t('trail.check')}</Button>
        </Group>
        <ErrorAlert error={error} />
        {result?.intact && (
          <Alert color="green" data-testid="trail-integrity-result">{t('trail.intact', { rows: result.rows })}</Alert>
        )}
        {result && !result.intact && result.firstBroken && (
          <Alert color="red" data-testid="trail-integrity-result">
            {t('trail.broken', {
              seq: result.firstBroken.seq ?? '—',
              at: result.firstBroken.at,
              reason: t(`trail.reason.${result.firstBroken.reason}`),
            })}
          </Alert>
        )}
        {result?.intact && <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{t('trail.head', { hash: result.headHash })}</Text>}
      </Stack>
    </Paper>
  );
}
