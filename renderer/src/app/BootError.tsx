import { Alert, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Shown when the backend cannot be reached at all (browser mode stopped, wrong token). */
export function BootError() {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Alert color="red" title={t('errors.title')} maw={520}>
        {t('errors.backendUnreachable')}
      </Alert>
    </Center>
  );
}
