import { useState } from 'react';
import type { UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors } from './errors';

/**
 * Submits a form through a contract call: field problems from the backend land on their fields,
 * anything else becomes one translated message; success shows "Saved".
 */
export function useSaveForm<V extends Record<string, unknown>, R>(
  form: UseFormReturnType<V>,
  save: (values: V) => Promise<R>,
  onSaved: (result: R) => void,
) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setError(null);
    try {
      const result = await save(values);
      notifications.show({ message: t('state.saved'), color: 'green', autoClose: 2000 });
      onSaved(result);
    } catch (err) {
      const fields = fieldErrors(t, err);
      if (Object.keys(fields).length) form.setErrors(fields);
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  });
  return { submit, error, busy, clearError: () => setError(null) };
}


/** A record and the revision a form was opened at: what an update names, so a stale save is refused. */
export function versionOf(record: { id: string; revision: number }) {
  return { id: record.id, revision: record.revision };
}

/** Saves a form's fields as a new record, or as an update of the one it was opened with. */
export function createOrUpdate<F, R>(
  record: { id: string; revision: number } | null,
  fields: F,
  create: (fields: F) => Promise<R>,
  update: (input: { id: string; revision: number; fields: F }) => Promise<R>,
): Promise<R> {
  return record ? update({ ...versionOf(record), fields }) : create(fields);
}
