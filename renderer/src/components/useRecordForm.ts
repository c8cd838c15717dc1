import type { z } from 'zod';
import { useSaveForm } from './useSaveForm';
import { useSchemaForm } from './useSchemaForm';

/** A form's first values: the record's own where it has them, the blanks for a new record. */
export function initialValues<V extends Record<string, unknown>>(record: object | null, blank: V): V {
  const own = (record ?? {}) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(blank).map(([key, empty]) => [key, own[key] ?? empty])) as V;
}

/** The form of one record (null: a new one), checked by its schema and saved through `save`. */
export function useRecordForm<V extends Record<string, unknown>, R>(
  schema: z.ZodType,
  record: object | null,
  blank: V,
  save: (values: V) => Promise<R>,
  onSaved: (result: R) => void,
) {
  const form = useSchemaForm<V>(schema, initialValues(record, blank));
  return { form, ...useSaveForm(form, save, onSaved) };
}
