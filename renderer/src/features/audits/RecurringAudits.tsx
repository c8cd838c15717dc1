import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Paper, SegmentedControl, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconRepeat } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Programme } from '../../../../shared/domain/programme';
import type { RecurrencePreview } from '../../../../shared/domain/recurring';
import { api } from '../../api/client';
import { errorMessage, fieldErrors } from '../../components/errors';
import { PanelHeader } from '../../components/PanelHeader';
import { useAppStore } from '../../stores/appStore';
import { useOrgStore } from '../org/orgStore';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * "Every N months/years" for a process or unit: the coordinator sees which draft audits the cycle
 * still needs (and which existing audits already cover their windows), then creates them at once.
 */
export function RecurringAudits({ programme, onCreated }: { programme: Programme; onCreated(): void }) {
  const { t } = useTranslation('approvals');
  const [open, setOpen] = useState(false);
  return (
    <Paper p="md" component="section" aria-label={t('recurring.title')}>
      <PanelHeader
        title={t('recurring.title')}
        help={t('recurring.intro')}
        actions={
          <Button size="xs" variant="light" leftSection={<IconRepeat size={14} />} onClick={() => setOpen(true)}>
            {t('recurring.button')}
          </Button>
        }
      />
      {open && <RecurringModal programme={programme} onClose={() => setOpen(false)} onCreated={onCreated} />}
    </Paper>
  );
}

function RecurringModal({ programme, onClose, onCreated }: { programme: Programme; onClose(): void; onCreated(): void }) {
  const { t } = useTranslation('approvals');
  const { processes, units, people } = useOrgStore();
  const me = useAppStore((s) => s.info?.currentPersonId ?? null);
  const [targetKind, setTargetKind] = useState<'process' | 'unit'>('process');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [every, setEvery] = useState<number | string>(1);
  const [unit, setUnit] = useState<'months' | 'years'>('years');
  const [firstDate, setFirstDate] = useState(`${Math.max(programme.cycleStartYear, new Date().getFullYear())}-03-01`);
  const [leadPersonId, setLead] = useState<string | null>(programme.leadPersonId ?? me);
  const [preview, setPreview] = useState<RecurrencePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const input = () => ({ programmeId: programme.id, targetKind, targetId: targetId ?? '', every: Number(every), unit, firstDate, leadPersonId: leadPersonId ?? '' });
  const run = async <R,>(work: () => Promise<R>): Promise<R | null> => {
    setError(null);
    setFields({});
    setBusy(true);
    try {
      return await work();
    } catch (err) {
      const f = fieldErrors(t, err);
      setFields(f);
      if (!Object.keys(f).length) setError(errorMessage(t, err));
      return null;
    } finally {
      setBusy(false);
    }
  };
  const changed = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setPreview(null);
  };

  const options = (targetKind === 'process' ? processes : units).filter((x) => !x.archived).map((x) => ({ value: x.id, label: x.name }));
  return (
    <Modal opened onClose={onClose} title={t('recurring.title')} size="lg" centered>
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <SegmentedControl
          value={targetKind}
          onChange={(v) => {
            changed(setTargetKind)(v as 'process' | 'unit');
            setTargetId(null);
          }}
          data={[
            { value: 'process', label: t('recurring.kind.process') },
            { value: 'unit', label: t('recurring.kind.unit') },
          ]}
        />
        <Select label={t('recurring.target')} searchable data={options} value={targetId} onChange={changed(setTargetId)} error={fields.targetId} withAsterisk />
        <Group grow>
          <NumberInput label={t('recurring.every')} min={1} max={72} value={every} onChange={changed(setEvery)} error={fields.every} />
          <Select
            label={t('recurring.unit')}
            data={[
              { value: 'months', label: t('recurring.units.months') },
              { value: 'years', label: t('recurring.units.years') },
            ]}
            value={unit}
            onChange={(v) => v && changed(setUnit)(v as 'months' | 'years')}
            allowDeselect={false}
          />
          <TextInput label={t('recurring.firstDate')} type="date" value={firstDate} onChange={(e) => changed(setFirstDate)(e.currentTarget.value)} error={fields.firstDate} />
        </Group>
        <Select
          label={t('audits:role.lead')}
          searchable
          data={people.filter((p) => !p.archived).map((p) => ({ value: p.id, label: p.name }))}
          value={leadPersonId}
          onChange={changed(setLead)}
          error={fields.leadPersonId}
          withAsterisk
        />
        {preview && <PreviewTable preview={preview} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          {!preview || preview.toCreate === 0 ? (
            <Button loading={busy} onClick={() => void run(() => api()['programme.recurringPreview'](input())).then((p) => p && setPreview(p))}>
              {t('recurring.preview')}
            </Button>
          ) : (
            <Button
              color="green"
              loading={busy}
              onClick={() =>
                void run(() => api()['programme.recurringCreate'](input())).then((r) => {
                  if (!r) return;
                  notifications.show({ color: 'green', message: t('recurring.created', { count: r.created.length }) });
                  onCreated();
                  onClose();
                })
              }
            >
              {t('recurring.create', { count: preview.toCreate })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}

function PreviewTable({ preview }: { preview: RecurrencePreview }) {
  const { t } = useTranslation('approvals');
  return (
    <Stack gap="xs">
      {preview.intervalMonths < preview.requestedMonths && (
        <Alert color="orange" role="status" p="xs">
          {t('recurring.tightened', { months: preview.intervalMonths })}
        </Alert>
      )}
      {preview.toCreate === 0 && (
        <Text size="sm" c="dimmed">
          {t('recurring.nothing')}
        </Text>
      )}
      <Table striped aria-label={t('recurring.preview')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('recurring.date')}</Table.Th>
            <Table.Th>{t('recurring.audit')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.occurrences.map((o) => (
            <Table.Tr key={o.date}>
              <Table.Td>{o.date}</Table.Td>
              <Table.Td>
                {o.existing ? `${t('recurring.existing')}: ${o.existing.number} ${o.existing.title}` : `${t('recurring.willCreate')}: ${preview.targetName}`}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
