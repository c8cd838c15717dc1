import { useState } from 'react';
import type { TFunction } from 'i18next';
import { errorMessage, fieldErrors } from './errors';

interface Options {
  /** The path the form's fields stand under in the call's input (`fields.`), left off their messages' keys. */
  fieldPrefix?: string;
}

/**
 * One call at a time behind a button or a form: busy while it runs, and its failure as one
 * translated message, with the backend's field problems keyed by field (`onError` may also reset
 * what the person typed).
 */
export function useBusyCall(t: TFunction, ns?: string, { fieldPrefix = '' }: Options = {}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const run = async <R>(call: () => Promise<R>, onError?: (err: unknown) => void): Promise<R | null> => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return await call();
    } catch (err) {
      const found = Object.fromEntries(Object.entries(fieldErrors(t, err)).map(([k, v]) => [k.startsWith(fieldPrefix) ? k.slice(fieldPrefix.length) : k, v]));
      setFields(found);
      setError(errorMessage(t, err, ns));
      onError?.(err);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, fields, run };
}
