import { Button, Group, Switch } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SearchInput } from './SearchInput';

interface Props {
  search: string;
  onSearch(value: string): void;
  showArchived?: boolean;
  onShowArchived?(value: boolean): void;
  newLabel?: string;
  onNew?(): void;
  children?: React.ReactNode;
}

export function ListToolbar({ search, onSearch, showArchived, onShowArchived, newLabel, onNew, children }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" mb="sm" wrap="wrap">
      <Group gap="sm">
        <SearchInput value={search} onChange={onSearch} />
        {onShowArchived && (
          <Switch label={t('fields.showArchived')} checked={!!showArchived} onChange={(e) => onShowArchived(e.currentTarget.checked)} />
        )}
        {children}
      </Group>
      {onNew && newLabel && (
        <Button leftSection={<IconPlus size={16} />} onClick={onNew}>
          {newLabel}
        </Button>
      )}
    </Group>
  );
}
