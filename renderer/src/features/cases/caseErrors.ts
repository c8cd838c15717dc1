import type { TFunction } from 'i18next';
import { errorMessage, payloadOf } from '../../components/errors';

/** The cases feature's own reasons first ("every action must be done first"), then the shared messages. */
export function caseErrorMessage(t: TFunction, err: unknown): string {
  const { code, params } = payloadOf(err);
  if (typeof params.reason === 'string') {
    const flat = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
    const own = t(`cases:errors.${code}_${params.reason}`, { ...flat, defaultValue: '' });
    if (own) return own;
  }
  return errorMessage(t, err);
}
