import { Button, Group, Modal, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  title: string;
  /** What will happen, in a sentence. */
  text: ReactNode;
  /** The red button's label, which names the act ("Remove", "Delete the plan"). */
  confirm: string;
  onConfirm(): void;
  onClose(): void;
}

/** Asks before something that cannot be undone: Cancel, or the red button that does it. */
export function ConfirmDialog({ opened, title, text, confirm, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered>
      <Text size="sm">{text}</Text>
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('common:actions.cancel')}
        </Button>
        <Button color="red" onClick={onConfirm}>
          {confirm}
        </Button>
      </Group>
    </Modal>
  );
}
