import { Button, Group, Modal, Stack, Text, type MantineColor } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './ErrorAlert';

interface Props {
  title: string;
  opened: boolean;
  onClose(): void;
  onSubmit(e?: FormEvent<HTMLFormElement>): void;
  error: string | null;
  busy: boolean;
  children: ReactNode;
  size?: string;
  /** A sentence above the fields that says what the dialog does. */
  intro?: ReactNode;
  /** The button, where it does more than save: "Start correction", "Sign and issue". */
  action?: { label: string; color?: MantineColor; icon?: ReactNode; disabled?: boolean };
}

/** A form in a dialog: its error on top, the fields, then Cancel and the button that saves. */
export function FormModal({ title, opened, onClose, onSubmit, error, busy, children, size = 'lg', intro, action }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size={size} centered>
      <form onSubmit={onSubmit} noValidate aria-label={title}>
        <Stack gap="sm">
          {intro && <Text size="sm">{intro}</Text>}
          <ErrorAlert error={error} icon={<IconAlertCircle size={18} />} />
          {children}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={action?.color} leftSection={action?.icon} disabled={action?.disabled}>
              {action?.label ?? t('actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
