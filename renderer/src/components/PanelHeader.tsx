import { Box, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

export interface PanelHeaderProps {
  title: ReactNode;
  /** One or two sentences under the title that say what the panel is for. */
  help?: ReactNode;
  /** A translated error, shown under the header as an alert; nothing when empty. */
  error?: ReactNode;
  /** Buttons at the header's right. */
  actions?: ReactNode;
  /** 2 for a page's own header, 4 for a panel within a page. */
  order?: 2 | 3 | 4;
  /** Space below the header where it does not sit in a Stack. */
  mb?: 'xs' | 'sm' | 'md';
}

/** The header every page and panel opens with: title, help, the panel's buttons, and its error. */
export function PanelHeader({ title, help, error, actions, order = 4, mb }: PanelHeaderProps) {
  const heading = (
    <Box mb={mb}>
      <Title order={order}>{title}</Title>
      {help && (
        <Text size="sm" c="dimmed" maw={720}>
          {help}
        </Text>
      )}
    </Box>
  );
  return (
    <>
      {actions ? (
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          {heading}
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            {actions}
          </Group>
        </Group>
      ) : (
        heading
      )}
      <ErrorAlert error={error} />
    </>
  );
}
