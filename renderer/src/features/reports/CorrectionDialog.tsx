import { useState, type FormEvent } from 'react';
import { Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Audit } from '../../../../shared/domain/audits';
import { api } from '../../api/client';
import { errorMessage, fieldErrors } from '../../components/errors';
import { FormModal } from '../../components/FormModal';

/** Opens an issued report for correction, with the reason recorded; the issued revision stays as it is. */
export function CorrectionDialog({ audit, revision, onClose, onStarted }: { audit: Audit; revision: number; onClose(): void; onStarted(): void }) {
  const { t } = useTranslation('reports');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!reason.trim()) {
      setReasonError(t('common:validation.required'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api()['reports.startCorrection']({ auditId: audit.id, reason });
      onStarted();
    } catch (err) {
      setReasonError(fieldErrors(t, err).reason ?? null);
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal
      title={t('correction.title')}
      intro={t('correction.intro', { revision, next: revision + 1 })}
      opened
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      error={error}
      busy={busy}
      action={{ label: t('correction.submit'), color: 'orange' }}
    >
      <Textarea
        label={t('correction.reason')}
        withAsterisk
        autosize
        minRows={3}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={reasonError}
        data-autofocus
      />
    </FormModal>
  );
}
