import type { TFunction } from 'i18next';
import type { ExportFormat } from '../../../../shared/contract/cases';
import type { CaseListQuery } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { deliver } from '../../components/files';
import { errorMessage } from '../../components/errors';

export function exportRegister(t: TFunction, format: ExportFormat, query: CaseListQuery, lang: string): Promise<void> {
  return deliver(t, () => api()['cases.export']({ format, query, lang: lang === 'en' ? 'en' : 'sv' }), (tr, err) => errorMessage(tr, err, 'cases'));
}
