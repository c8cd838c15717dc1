import { useState } from 'react';
import { Button, Tooltip } from '@mantine/core';
import { IconFileTypePdf } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { deliver } from '../../components/files';

/** The year's audit programme as a PDF for management's approval, in the language the app speaks. */
export function ProgrammePdfButton({ programmeId, year }: { programmeId: string; year: number }) {
  const { t, i18n } = useTranslation('reports');
  const [busy, setBusy] = useState(false);
  const make = async () => {
    setBusy(true);
    await deliver(t, () => api()['reports.programmePdf']({ programmeId, year, lang: i18n.language === 'en' ? 'en' : 'sv' }));
    setBusy(false);
  };
  return (
    <Tooltip label={t('programme.pdfHelp')}>
      <Button size="xs" variant="default" leftSection={<IconFileTypePdf size={14} />} loading={busy} onClick={() => void make()} aria-label={`${t('programme.pdf')} ${year}`}>
        {t('programme.pdf')}
      </Button>
    </Tooltip>
  );
}
