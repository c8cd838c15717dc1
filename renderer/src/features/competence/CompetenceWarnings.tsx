import { useEffect, useState } from 'react';
import { Alert, Stack, Text } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TeamRole } from '../../../../shared/domain/audits';
import type { CompetenceWarning } from '../../../../shared/domain/competence';
import { api } from '../../api/client';

interface Props {
  team: { personId: string; role: TeamRole }[];
  startDate: string | null;
  personName(id: string): string;
}

/**
 * The team as it is being edited, against the coordinator's competence rules. A warning, not a
 * block: the plan can be saved, as the missing training may simply not be recorded yet.
 */
export function CompetenceWarnings({ team, startDate, personName }: Props) {
  const { t } = useTranslation('competence');
  const [warnings, setWarnings] = useState<CompetenceWarning[]>([]);
  const key = JSON.stringify([team, startDate]);
  useEffect(() => {
    let current = true;
    const [members, day] = JSON.parse(key) as [Props['team'], string | null];
    const timer = setTimeout(() => {
      const check = api()['competence.check'];
      check({ team: members, onDay: day && /^\d{4}-\d{2}-\d{2}$/.test(day) ? day : null })
        .then((w) => current && setWarnings(w))
        .catch(() => current && setWarnings([]));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key]);
  if (warnings.length === 0) return null;
  return (
    <Alert color="yellow" icon={<IconSchool size={18} />} title={t('warnings.title')} role="status" data-testid="competence-warnings">
      <Stack gap={4}>
        {warnings.map((w, i) => (
          <Text key={i} size="sm">
            {t(`warnings.${w.kind}`, { name: personName(w.personId), role: t(`roles.${w.role}`), course: w.course ?? '', required: w.required, actual: w.actual })}
          </Text>
        ))}
        <Text size="sm" c="dimmed">
          {t('warnings.explain')}
        </Text>
      </Stack>
    </Alert>
  );
}
