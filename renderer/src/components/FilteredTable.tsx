import { Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { VirtualTable, type VirtualTableProps } from './VirtualTable';
import { ErrorAlert } from './ErrorAlert';

interface Props<T> extends VirtualTableProps<T> {
  /** The search box, filters and buttons above the table. */
  filters: ReactNode;
  /** "12 findings": announced politely as filters change. */
  count?: ReactNode;
  /** Beside the count, e.g. the sort order. */
  countAside?: ReactNode;
  /** A translated error from loading the rows; nothing when empty. */
  error?: ReactNode;
}

/** The register page's body: filters, how many rows match, the loading error, then the table. */
export function FilteredTable<T>({ filters, count, countAside, error, ...table }: Props<T>) {
  return (
    <>
      {filters}
      {(count !== undefined || countAside) && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {count}
          </Text>
          {countAside}
        </Group>
      )}
      <ErrorAlert error={error} />
      <VirtualTable {...table} />
    </>
  );
}
