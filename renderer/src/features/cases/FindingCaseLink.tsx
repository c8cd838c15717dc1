import { useEffect, useState } from 'react';
import { Anchor, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { CaseStatusRef } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { CaseStatusBadge, DueBadge } from './CaseBadges';
import { errorMessage } from '../../components/errors';
import { localDay } from '../../../../shared/domain/cases';

/**
 * For a nonconformity's page: its corrective-action case (number, status, and whether it is late),
 * or a button that opens one and goes to it.
 */
export function FindingCaseLink({ findingId, compact = false }: { findingId: string; compact?: boolean }) {
  const { t } = useTranslation('cases');
  const navigate = useNavigate();
  const [ref, setRef] = useState<CaseStatusRef | null | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    api()['cases.forFinding']({ findingId })
      .then((r) => live && setRef(r))
      .catch(() => live && setRef(null));
    return () => {
      live = false;
    };
  }, [findingId]);

  const create = async () => {
    setBusy(true);
    try {
      const c = await api()['cases.createFromFinding']({ findingId });
      navigate(`/cases/${c.id}`);
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err, 'cases') });
      setBusy(false);
    }
  };

  if (ref === undefined) return null;
  if (ref === null) {
    return (
      <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} loading={busy} onClick={() => void create()}>
        {compact ? t('findingLink.createShort') : t('findingLink.create')}
      </Button>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      {!compact && <Text size="sm" c="dimmed">{t('findingLink.case')}:</Text>}
      <Anchor component={Link} to={`/cases/${ref.id}`} size="sm" fw={600} aria-label={t('findingLink.open', { number: ref.number })}>
        <Group gap={4} wrap="nowrap">
          {ref.number}
          <IconArrowRight size={14} />
        </Group>
      </Anchor>
      <CaseStatusBadge status={ref.status} size="sm" />
      <DueBadge state={ref.dueState} due={ref.nextDue} today={localDay(new Date())} />
    </Group>
  );
}
