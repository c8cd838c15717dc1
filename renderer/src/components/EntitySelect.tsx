import { Select, type SelectProps } from '@mantine/core';

interface Props extends Omit<SelectProps, 'data'> {
  /** Units, people or processes to choose from. */
  items: { id: string; name: string; archived: boolean }[];
  /** The record's present choice: listed even when archived since, so an old record still shows it. */
  current?: string | null;
}

/** A searchable choice among the organisation's records that are in use. */
export function EntitySelect({ items, current, ...select }: Props) {
  return <Select searchable data={items.filter((i) => !i.archived || i.id === current).map((i) => ({ value: i.id, label: i.name }))} {...select} />;
}
