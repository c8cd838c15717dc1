import { Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { PanelHeader, type PanelHeaderProps } from './PanelHeader';

interface Props extends Omit<PanelHeaderProps, 'order' | 'mb'> {
  gap?: 'md' | 'lg';
  /** The page's width at the most, where its content reads better narrow. */
  maw?: number;
  children?: ReactNode;
}

/** A top-level page: its header (title, help, error, buttons), then its content below. */
export function Page({ gap = 'md', maw, children, ...header }: Props) {
  return (
    <Stack gap={gap} maw={maw}>
      <PanelHeader order={2} {...header} />
      {children}
    </Stack>
  );
}
