import { useForm, type UseFormReturnType } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';

/**
 * A form checked in the renderer by the very schema the backend parses with, so a person sees the
 * same message before and after a round trip. Schema messages are i18n keys under `validation.`.
 */
export function useSchemaForm<V extends Record<string, unknown>>(schema: z.ZodType, initialValues: V): UseFormReturnType<V> {
  const { t } = useTranslation();
  const resolve = zod4Resolver(schema as never);
  return useForm<V>({
    mode: 'controlled',
    initialValues,
    validate: (values) => {
      const errors = resolve(values) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(`common:validation.${String(v)}`, { defaultValue: t('common:validation.invalid') })]));
    },
  });
}
