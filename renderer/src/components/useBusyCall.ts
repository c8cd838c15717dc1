import { useState } from 'react';
import type { TFunction } from 'i18next';
import { errorMessage } from './errors';

/**
 * One call at a time behind a button or a small form: busy while it runs, and its failure as one
 * translated message (`onError` may also reset what the person typed).
 */
export function useBusyCall(t: TFunction, ns?: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async (call: () => Promise<void>, onError?: (err: unknown) => void): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(errorMessage(t, err, ns));
      onError?.(err);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
