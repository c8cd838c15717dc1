import { lazy, Suspense, useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { IconPackageExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The form and its inputs load with the first click, not with the overview that shows this button. */
const PackDialog = lazy(() => import('./PackDialog'));

/**
 * The certification pack for a period: the programme, the period's issued reports, the register and
 * the management review inputs in one zip with a SHA-256 manifest. Signing the review inputs is
 * optional.
 */
export function PackButton() {
  const { t } = useTranslation('pack');
  const [open, setOpen] = useState(false);
  const [asked, setAsked] = useState(false);
  return (
    <>
      <Tooltip label={t('help')}>
        <Button
          variant="default"
          leftSection={<IconPackageExport size={16} />}
          onClick={() => {
            setAsked(true);
            setOpen(true);
          }}
        >
          {t('button')}
        </Button>
      </Tooltip>
      {asked && (
        <Suspense fallback={null}>
          <PackDialog opened={open} onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
