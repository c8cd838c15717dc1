import { List, Text } from '@mantine/core';

/**
 * One kind of coverage gap: its heading and the names it concerns, in a line (`inline`) or as a
 * bulleted list; nothing when there are none.
 */
export function GapList({ title, items, inline = false }: { title: string; items: string[]; inline?: boolean }) {
  if (items.length === 0) return null;
  if (inline) {
    return (
      <div>
        <Text size="sm" fw={600}>{title}</Text>
        <Text size="sm" c="dimmed">{items.join(', ')}</Text>
      </div>
    );
  }
  return (
    <div>
      <Text size="sm" fw={600} mb={4}>
        {title}
      </Text>
      <List size="sm" spacing={2}>
        {items.map((i) => (
          <List.Item key={i}>{i}</List.Item>
        ))}
      </List>
    </div>
  );
}
