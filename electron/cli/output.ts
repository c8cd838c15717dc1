import { AppError } from '../../shared/errors';
import { fill } from '../../shared/i18n/fill';
import en from '../../shared/i18n/locales/en/common.json';

const messages = en.errors as Record<string, string>;
const validation = en.validation as Record<string, string>;

/** A form's field message (an i18n key such as 'email') in the app's own English words. */
export function validationText(key: string): string {
  return validation[key] ?? key;
}

/** Terminal users read the app's own English messages, plus the details that help them act. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    const reason = typeof err.params.reason === 'string' ? err.params.reason : '';
    const template = messages[`${err.code}_${reason}`] ?? messages[err.code] ?? err.code;
    const text = fill(template, err.params);
    const path = typeof err.params.path === 'string' ? ` (${err.params.path})` : '';
    return `${text}${path} [${err.code}]`;
  }
  return err instanceof Error ? err.message : String(err);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
