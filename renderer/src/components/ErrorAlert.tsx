import { Alert } from '@mantine/core';
import type { ReactNode } from 'react';

/** A translated error in red, announced to screen readers; nothing when there is none. */
export function ErrorAlert({ error }: { error?: ReactNode }) {
  if (!error) return null;
  return (
    <Alert color="red" role="alert">
      {error}
    </Alert>
  );
}
