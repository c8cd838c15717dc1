import { TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange(value: string): void;
  /** Shown above the field among other filters; otherwise the field is named for screen readers only. */
  label?: string;
  placeholder?: string;
  w?: number;
}

/** The search box above a list: filters as the person types. */
export function SearchInput({ value, onChange, label, placeholder, w = 280 }: Props) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      aria-label={label ? undefined : t('common:actions.search')}
      placeholder={placeholder ?? t('common:fields.searchPlaceholder')}
      leftSection={<IconSearch size={16} />}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      w={w}
    />
  );
}
