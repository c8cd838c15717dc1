import { useEffect, useState } from 'react';
import { Alert, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UnsafePlace } from '../../../../shared/contract/backup';
import { api } from '../../api/client';

/** What the banner says about a place; also used in Settings. */
export function useUnsafePlaceText(place: UnsafePlace | null) {
  const { t } = useTranslation('backup');
  if (!place) return null;
  const service = t(`unsafe.services.${place.service}`, { defaultValue: place.service });
  return {
    title: t(place.kind === 'network' ? 'unsafe.title_network' : 'unsafe.title_synced'),
    detail: t(place.kind === 'network' ? 'unsafe.network' : 'unsafe.synced', { service, root: place.root ?? '?' }),
    advice: t('unsafe.advice'),
  };
}

/**
 * Across the top of every page while the open database sits on a network drive or in a synced
 * folder: the person may lose work there, so it stays visible until the database is moved.
 */
export function UnsafePlaceBanner({ databasePath }: { databasePath: string | null }) {
  const [place, setPlace] = useState<UnsafePlace | null>(null);
  useEffect(() => {
    let current = true;
    if (!databasePath) return;
    void api()['backup.status']({}).then(
      (s) => current && setPlace(s.unsafePlace),
      () => undefined, // the banner is advice; a failed look leaves it out
    );
    return () => {
      current = false;
    };
  }, [databasePath]);
  const text = useUnsafePlaceText(databasePath ? place : null);
  if (!text) return null;
  return (
    <Alert color="orange" role="alert" icon={<IconAlertTriangle aria-hidden />} title={text.title} mb="md">
      <Text size="sm">{text.detail}</Text>
      <Text size="sm" fw={500} mt={4}>
        {text.advice}
      </Text>
    </Alert>
  );
}
