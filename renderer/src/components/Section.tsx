import { Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PanelHeader } from './PanelHeader';

interface Props {
  /** Heads the panel and names it as a landmark for screen readers. */
  title: string;
  help?: ReactNode;
  /** Buttons at the header's right. */
  actions?: ReactNode;
  error?: ReactNode;
  children?: ReactNode;
}

/** A panel of its own on a page: a named section with its header (title, help, buttons, error) over its content. */
export function Section({ title, help, actions, error, children }: Props) {
  return (
    <Paper p="lg" component="section" aria-label={title}>
      <Stack gap="sm">
        <PanelHeader title={title} help={help} actions={actions} error={error} />
        {children}
      </Stack>
    </Paper>
  );
}
