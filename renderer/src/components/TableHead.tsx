import { Table } from '@mantine/core';

/** A column heading; `w` fixes the column's width. An empty label heads a column of buttons. */
export type HeadCell = string | number | { label?: string; w?: number };

/** The header row of a plain Mantine table, one heading a column. */
export function TableHead({ columns }: { columns: HeadCell[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((c, i) => {
          const { label, w } = typeof c === 'object' ? c : { label: c, w: undefined };
          return (
            <Table.Th key={i} w={w}>
              {label}
            </Table.Th>
          );
        })}
      </Table.Tr>
    </Table.Thead>
  );
}
