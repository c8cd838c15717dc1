import type { TFunction } from 'i18next';
import { errorMessage, payloadOf } from '../../components/errors';

/** Backup and restore refusals have words of their own (the backup namespace); the rest are common errors. */
export function backupErrorMessage(t: TFunction, err: unknown): string {
  return describeBackupPayload(t, payloadOf(err)) ?? errorMessage(t, err);
}

export function describeBackupPayload(t: TFunction, payload: { code: string; params: Record<string, unknown> }): string | null {
  const reason = typeof payload.params.reason === 'string' ? payload.params.reason : null;
  if (!reason) return null;
  const flat = Object.fromEntries(Object.entries(payload.params).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
  return t(`backup:errors.${payload.code}_${reason}`, { ...flat, defaultValue: '' }) || null;
}
