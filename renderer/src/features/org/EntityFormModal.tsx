import { Group } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { ArchiveButton } from './ArchiveButton';
import type { FormDone } from './EntityTable';

interface Props extends FormDone {
  entity: 'units' | 'processes' | 'people';
  /** The record being edited; null for a new one, which has nothing to archive yet. */
  record: { id: string; revision: number; archived: boolean } | null;
  submit(e?: FormEvent<HTMLFormElement>): void;
  error: string | null;
  busy: boolean;
  children: ReactNode;
}

/** An organisation record's form: "New …" or "Edit …", its fields, and for a saved record the archive button. */
export function EntityFormModal({ entity, record, onClose, onSaved, submit, error, busy, children }: Props) {
  const { t } = useTranslation('org');
  return (
    <FormModal title={t(record ? `${entity}.edit` : `${entity}.new`)} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      {children}
      {record && (
        <Group>
          <ArchiveButton entity={entity} record={record} onDone={onSaved} />
        </Group>
      )}
    </FormModal>
  );
}
