import { Button, Group, Paper, Stack } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';

interface Props {
  /** Names the form for screen readers. */
  label: string;
  /** From useSaveForm: the submit handler, the translated error shown above the fields, and whether it is saving. */
  save: { submit(e?: FormEvent<HTMLFormElement>): void; error: string | null; busy: boolean };
  /** The button's label, which names the act ("Save analysis", "Record verification"). */
  submitLabel: string;
  /** A closed record shows its fields and no button. */
  readOnly?: boolean;
  /** E.g. while nothing has changed. */
  disabled?: boolean;
  gap?: 'sm' | 'md';
  children: ReactNode;
}

/** A form that sits on the page rather than in a dialog: its error, its fields, then its button at the right. */
export function PageForm({ label, save: { submit, error, busy }, submitLabel, readOnly = false, disabled, gap = 'sm', children }: Props) {
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap={gap}>
        {error && (
          <Paper p="sm" bg="red.0" role="alert">
            {error}
          </Paper>
        )}
        {children}
        {!readOnly && (
          <Group justify="flex-end">
            <Button type="submit" loading={busy} disabled={disabled}>
              {submitLabel}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
