import { Button, Group, Switch, TextInput } from '@mantine/core';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

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
        <TextInput
          aria-label={t('actions.search')}
          placeholder={t('fields.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(e) => onSearch(e.currentTarget.value)}
          w={280}
        />
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
