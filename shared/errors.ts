/**
 * Errors cross every boundary (IPC, HTTP, CLI) as `{ code, params }`; the renderer translates the
 * code, so no stack trace or SQL ever reaches a user.
 */
export const ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'locked',
  'forbidden',
  'unsupported_version',
  'wrong_passphrase',
  'identity_no_key',
  'identity_expired',
  'identity_not_for_signing',
  'file_too_large',
  'file_type_refused',
  'file_unreadable',
  'not_signed',
  'invalid_transition',
  'no_database',
  'package_refused',
  'sync_failed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type ErrorParams = Record<string, string | number | boolean | string[] | FieldIssue[] | undefined>;

/** One field-level problem: `path` is the form field, `message` an i18n key under `validation.` */
export interface FieldIssue {
  path: string;
  message: string;
  params?: Record<string, string | number>;
}

export interface ErrorPayload {
  code: ErrorCode;
  params: ErrorParams;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;

  constructor(code: ErrorCode, params: ErrorParams = {}) {
    super(`${code}${Object.keys(params).length ? ' ' + JSON.stringify(params) : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toPayload(): ErrorPayload {
    return { code: this.code, params: this.params };
  }
}

export function isErrorPayload(value: unknown): value is ErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (ERROR_CODES as readonly string[]).includes((value as { code: string }).code)
  );
}

/** Anything thrown that is not an AppError becomes `internal`, with no detail for the user. */
export function toErrorPayload(err: unknown): ErrorPayload {
  if (err instanceof AppError) return err.toPayload();
  return { code: 'internal', params: {} };
}
