import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PackageConflict } from '../../../../shared/contract/packages';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';

/**
 * Fields an auditor and this database both changed since the package was cut: both values side
 * by side, and the person chooses one, or keeps both in the text (editable before saving).
 */
export function ConflictsPanel({ auditId, version, onResolved }: { auditId: string; version: number; onResolved(): void }) {
  const { t } = useTranslation('packages');
  const [conflicts, setConflicts] = useState<PackageConflict[]>([]);

  const load = useCallback(() => {
    const list = api()['packages.conflicts'];
    void list({ auditId }).then(setConflicts, () => setConflicts([]));
  }, [auditId]);
  useEffect(load, [load, version]);

  const resolve = async (c: PackageConflict, choice: 'local' | 'remote' | 'both', text?: string) => {
    try {
      setConflicts(await api()['packages.resolve']({ id: c.id, choice, ...(text !== undefined ? { text } : {}) }));
      notifications.show({ color: 'green', message: t('conflicts.resolved'), autoClose: 2500 });
      onResolved();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  if (conflicts.length === 0) return null;
  return (
    <section aria-label={t('conflicts.region')}>
      <Alert color="orange" icon={<IconArrowsDiff size={18} />} title={t('conflicts.title', { count: conflicts.length })}>
        <Stack gap="sm">
          <Text size="sm">{t('conflicts.intro')}</Text>
          {conflicts.map((c) => (
            <ConflictCard key={c.id} conflict={c} onChoose={(choice, text) => void resolve(c, choice, text)} />
          ))}
        </Stack>
      </Alert>
    </section>
  );
}

/** Where a choice field's values are translated already. */
const VALUE_KEYS: Record<string, string> = {
  'findings.type': 'conduct:type',
  'checklist_items.result': 'conduct:result',
  'audits.fulfilment': 'reports:conclusions.levels',
  'cases.severity': 'cases:severity',
};

function useShow(c: PackageConflict) {
  const { t } = useTranslation('packages');
  const prefix = VALUE_KEYS[`${c.table}.${c.field}`];
  return (value: unknown): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (c.table === 'case_verifications' && c.field === 'effective') return t(value ? 'value.effective' : 'value.notEffective');
    if (prefix && typeof value === 'string') return t(`${prefix}.${value}`, { defaultValue: value });
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
}

/** The two values of a conflict, this database's first: heading, value and the button that keeps it. */
const SIDES = [
  { choice: 'local', heading: 'conflicts.local', button: 'conflicts.keepLocal', buttonFor: 'conflicts.keepLocalFor' },
  { choice: 'remote', heading: 'conflicts.remote', button: 'conflicts.takeRemote', buttonFor: 'conflicts.takeRemoteFor' },
] as const;

function ConflictCard({
  conflict: c,
  onChoose,
}: {
  conflict: PackageConflict;
  onChoose(choice: 'local' | 'remote' | 'both', text?: string): void;
}) {
  const { t } = useTranslation('packages');
  const field = t(`field.${c.table}.${c.field}`, { defaultValue: c.field });
  const isText = c.kind === 'text' && typeof c.local === 'string' && typeof c.remote === 'string';
  const show = useShow(c);
  const [both, setBoth] = useState<string | null>(null);
  if (c.field === '') {
    return (
      <Card withBorder padding="sm">
        <Text size="sm">{t('conflicts.row', { record: c.record })}</Text>
      </Card>
    );
  }
  return (
    <Card withBorder padding="sm" role="group" aria-label={t('conflicts.card', { record: c.record, field })}>
      <Group gap="xs" mb="xs">
        <Badge variant="outline" color="gray">
          {c.record}
        </Badge>
        <Title order={5}>{field}</Title>
      </Group>
      <SimpleGrid cols={2} spacing="sm">
        {SIDES.map((side) => (
          <Stack gap={4} key={side.choice}>
            <Text size="xs" c="dimmed" fw={600}>
              {t(side.heading)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} aria-label={t(side.heading)}>
              {show(c[side.choice])}
            </Text>
            <Button
              size="xs"
              variant="light"
              onClick={() => onChoose(side.choice)}
              aria-label={t(side.buttonFor, { record: c.record, field })}
            >
              {t(side.button)}
            </Button>
          </Stack>
        ))}
      </SimpleGrid>
      {isText &&
        (both === null ? (
          <Button size="xs" variant="subtle" mt="xs" onClick={() => setBoth(`${String(c.local)}\n\n${String(c.remote)}`)}>
            {t('conflicts.keepBoth')}
          </Button>
        ) : (
          <Stack gap={4} mt="xs">
            <Textarea
              label={t('conflicts.bothLabel')}
              value={both}
              onChange={(e) => setBoth(e.currentTarget.value)}
              autosize
              minRows={3}
            />
            <Group justify="flex-end" gap="xs">
              <Button size="xs" variant="default" onClick={() => setBoth(null)}>
                {t('conflicts.cancel')}
              </Button>
              <Button size="xs" onClick={() => onChoose('both', both)}>
                {t('conflicts.saveBoth')}
              </Button>
            </Group>
          </Stack>
        ))}
    </Card>
  );
}
