import type { TFunction } from 'i18next';
import { ApiError } from '../api/client';
import type { ErrorPayload, FieldIssue } from '../../../shared/errors';

export function payloadOf(err: unknown): ErrorPayload {
  return err instanceof ApiError ? err.payload : { code: 'internal', params: {} };
}

/**
 * The one translation of an error for a person: a feature's own reason first when `ns` names the
 * feature's catalogue (`cases:errors.conflict_open_actions`), then the shared reason, then the
 * code's shared message.
 */
export function errorMessage(t: TFunction, err: unknown, ns?: string): string {
  const { code, params } = payloadOf(err);
  const reason = typeof params.reason === 'string' ? params.reason : null;
  const flat = Object.fromEntries(Object.entries(params).filter(([, v]) => typeof v === 'string' || typeof v === 'number'));
  if (reason) {
    for (const catalogue of ns ? [ns, 'common'] : ['common']) {
      const specific = t(`${catalogue}:errors.${code}_${reason}`, { ...flat, defaultValue: '' });
      if (specific) return specific;
    }
  }
  return t(`common:errors.${code}`, flat);
}

/** Field messages for a form, keyed by field path, translated. */
export function fieldErrors(t: TFunction, err: unknown): Record<string, string> {
  const { code, params } = payloadOf(err);
  if (code !== 'invalid_input' || !Array.isArray(params.issues)) return {};
  const out: Record<string, string> = {};
  for (const issue of params.issues as FieldIssue[]) {
    out[issue.path || '_'] ??= t(`common:validation.${issue.message}`, issue.params ?? {});
  }
  return out;
}
