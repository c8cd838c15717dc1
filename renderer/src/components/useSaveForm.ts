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

