import { z } from 'zod';
import { LANGS, type Lang } from './schema-free';

/** Calendar day as people write it: `YYYY-MM-DD`, and a real date. */
export const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'day' })
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), {
    message: 'day',
  });

export const id = z.string().min(1, { message: 'required' }).max(64);

/** Trimmed text that must not be empty. */
export const requiredText = (max = 200) =>
  z.string().trim().min(1, { message: 'required' }).max(max, { message: 'too_long' });

export const optionalText = (max = 4000) => z.string().trim().max(max, { message: 'too_long' }).default('');

export interface RecordMeta {
  id: string;
  createdAt: string;
  updatedAt: string;
  revision: number;
}

export { LANGS, type Lang };
export type Localized = Record<Lang, string>;

export function parseLang(value: unknown): Lang | null {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value.toLowerCase()) ? (value.toLowerCase() as Lang) : null;
}

/** `GRANSKA_LANG=sv|en` chosen at launch outranks the remembered choice. */
export function launchLanguage(env: Record<string, string | undefined>): Lang | null {
  return parseLang(env.GRANSKA_LANG);
}
