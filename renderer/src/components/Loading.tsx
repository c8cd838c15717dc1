import { Center, Loader } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The spinner shown while something loads, named for screen readers. */
export function Loading({ h = 200 }: { h?: number }) {
  const { t } = useTranslation();
  return (
    <Center h={h}>
      <Loader aria-label={t('common:state.loading')} />
    </Center>
  );
}
