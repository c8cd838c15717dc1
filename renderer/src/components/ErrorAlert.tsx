import { Alert, type AlertProps } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = { error?: ReactNode } & Omit<AlertProps, 'color' | 'role' | 'children'>;

/** A translated error in red, announced to screen readers; nothing when there is none. */
export function ErrorAlert({ error, ...alert }: Props) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert" {...alert}>
      {error}
    </Alert>
  );
}
