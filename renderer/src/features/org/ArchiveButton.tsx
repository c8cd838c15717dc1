import { Button } from '@mantine/core';
import { IconArchive, IconArchiveOff } from '@tabler/icons-react';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';

interface Props {
  entity: 'units' | 'processes' | 'people';
  record: { id: string; revision: number; archived: boolean };
  onDone(): void;
}

/** Archiving hides a record from pickers but keeps it for history; it is never deleted. */
export function ArchiveButton({ entity, record, onDone }: Props) {
  const { t } = useTranslation();
  const toggle = async () => {
    try {
      await api()[`${entity}.archive`]({ id: record.id, revision: record.revision, archived: !record.archived });
      onDone();
    } catch (err) {
      notifications.show({ color: 'red', title: t('errors.title'), message: errorMessage(t, err) });
    }
  };
  return (
    <Button
      variant="subtle"
      color={record.archived ? 'granska' : 'gray'}
      leftSection={record.archived ? <IconArchiveOff size={16} /> : <IconArchive size={16} />}
      onClick={() => void toggle()}
    >
      {record.archived ? t('actions.restore') : t('actions.archive')}
    </Button>
  );
}
