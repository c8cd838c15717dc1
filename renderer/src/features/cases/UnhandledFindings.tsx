import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail, UnhandledFinding } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { useOrgStore } from '../org/orgStore';
import { errorMessage } from '../../components/errors';

/** Nonconformities from audits that have no case yet: none may fall through the cracks. */
export function UnhandledFindings({ onCreated }: { onCreated(c: CaseDetail): void }) {
  const { t } = useTranslation('cases');
  const unitName = useOrgStore((s) => s.unitName);
  const [findings, setFindings] = useState<UnhandledFinding[]>([]);
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(
    () => api()['cases.findingsWithoutCase']({}).then(setFindings, () => setFindings([])),
    [],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (f: UnhandledFinding) => {
    setBusy(f.id);
    try {
      const c = await api()['cases.createFromFinding']({ findingId: f.id });
      setOpen(false);
      onCreated(c);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err, 'cases') });
      await load();
    } finally {
      setBusy(null);
    }
  };

  if (findings.length === 0) return null;
  return (
    <>
      <Alert color="orange" icon={<IconAlertTriangle size={18} />} role="status">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">{t('unhandled.alert', { count: findings.length })}</Text>
          <Button size="xs" variant="white" color="orange" onClick={() => setOpen(true)}>
            {t('unhandled.show')}
          </Button>
        </Group>
      </Alert>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('unhandled.title')} size="lg" centered>
        <Stack gap="sm">
          {findings.map((f) => (
            <Paper key={f.id} p="sm">
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <div>
                  <Text fw={600} size="sm">
                    {f.number} · {t(`severity.${f.type === 'major_nc' ? 'major' : 'minor'}`)}
                  </Text>
                  <Text size="sm">{f.statement}</Text>
                  <Text size="xs" c="dimmed">
                    {t('unhandled.fromAudit', { audit: `${f.auditNumber} ${f.auditTitle}` })}
                    {f.unitId ? ` · ${unitName(f.unitId)}` : ''}
                  </Text>
                </div>
                <Button
                  size="xs"
                  style={{ flexShrink: 0 }}
                  leftSection={<IconPlus size={14} />}
                  loading={busy === f.id}
                  onClick={() => void create(f)}
                  aria-label={`${t('unhandled.create')} ${f.number}`}
                >
                  {t('unhandled.create')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      </Modal>
    </>
  );
}
