import type { z } from 'zod';
import type { CaseDetail } from '../../../../shared/domain/cases';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';

/**
 * A form over one part of an open case that stays on the page after saving: the saved case becomes
 * the form's unchanged state (so "Save" greys out again) and goes up to the page.
 */
export function useCaseForm<V extends Record<string, unknown>>(
  schema: z.ZodType,
  detail: CaseDetail,
  valuesOf: (c: CaseDetail) => V,
  save: (values: V) => Promise<CaseDetail>,
  onSaved: (c: CaseDetail) => void,
) {
  const form = useSchemaForm<V>(schema, valuesOf(detail));
  const saving = useSaveForm(form, save, (saved) => {
    form.resetDirty(valuesOf(saved));
    onSaved(saved);
  });
  return { form, save: saving, readOnly: detail.status === 'closed' };
}
