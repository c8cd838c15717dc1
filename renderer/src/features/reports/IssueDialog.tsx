import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Anchor, Code, Group, SegmentedControl, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Audit } from '../../../../shared/domain/audits';
import type { Lang } from '../../../../shared/domain/common';
import type { ReportRevision, SigningIdentity } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { errorMessage, payloadOf } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { PassphraseInput } from './IdentityModals';

interface Props {
  audit: Audit;
  revision: number;
  lang: Lang;
  onClose(): void;
  onIssued(revision: ReportRevision): void;
}

/**
 * Issuing is deliberate: the lead picks an identity (its fingerprint shown), types the passphrase
 * and confirms; the passphrase lives only in this form and in the one call that signs.
 */
export function IssueDialog({ audit, revision, lang: initialLang, onClose, onIssued }: Props) {
  const { t } = useTranslation('reports');
  const [identities, setIdentities] = useState<SigningIdentity[] | null>(null);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [role, setRole] = useState('');
  const [reason, setReason] = useState('');
  const [lang, setLang] = useState<Lang>(initialLang);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passphraseError, setPassphraseError] = useState<string | null>(null);

  useEffect(() => {
    void api()['identities.list']({}).then((list) => {
      const usable = list.filter((i) => !i.expired);
      setIdentities(usable);
      if (usable.length === 1) setIdentityId(usable[0]?.id ?? null);
    });
  }, []);

  const chosen = identities?.find((i) => i.id === identityId) ?? null;

  const submit = async (e?: FormEvent) => {
    e?.preventDefault();
    if (!identityId) return;
    setBusy(true);
    setError(null);
    setPassphraseError(null);
    try {
      const issued = await api()['reports.issue']({ auditId: audit.id, revision: audit.revision, lang, identityId, passphrase, signerRole: role, reason });
      setPassphrase('');
      onIssued(issued);
    } catch (err) {
      const message = errorMessage(t, err);
      if (payloadOf(err).code === 'wrong_passphrase') setPassphraseError(message);
      else setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal
      title={t('issue.title')}
      intro={t('issue.intro', { revision })}
      opened
      onClose={onClose}
      onSubmit={(e) => void submit(e)}
      error={error}
      busy={busy}
      action={{ label: t('issue.submit'), icon: <IconSignature size={16} />, disabled: !identityId || !passphrase }}
    >
      {identities && identities.length === 0 ? (
        <Alert color="yellow" role="status">
          <Stack gap={4}>
            <Text size="sm">{t('issue.noIdentities')}</Text>
            <Anchor component={Link} to="/signing" size="sm">
              {t('issue.goToSigning')}
            </Anchor>
          </Stack>
        </Alert>
      ) : (
        <>
          <Select
            label={t('issue.identity')}
            withAsterisk
            data={(identities ?? []).map((i) => ({ value: i.id, label: [i.subjectName, i.organisation].filter(Boolean).join(', ') }))}
            value={identityId}
            onChange={setIdentityId}
            description={t('issue.identityHelp')}
          />
          {chosen && (
            <Code block fz="xs" aria-label={t('signing.identities.fingerprint')}>
              {chosen.fingerprint}
            </Code>
          )}
          <PassphraseInput label={t('issue.passphrase')} value={passphrase} onChange={setPassphrase} error={passphraseError} />
          <Group grow align="flex-start">
            <TextInput label={t('issue.role')} placeholder={t('issue.defaultRole')} value={role} onChange={(e) => setRole(e.currentTarget.value)} />
            <div>
              <Text size="sm" fw={500} mb={4} id="issue-lang">
                {t('tab.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="issue-lang"
                value={lang}
                onChange={(v) => setLang(v as Lang)}
                data={[
                  { value: 'sv', label: t('common:language.sv') },
                  { value: 'en', label: t('common:language.en') },
                ]}
              />
            </div>
          </Group>
          <TextInput
            label={t('issue.reason')}
            placeholder={t('issue.reasonPlaceholder', { number: audit.number, revision })}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
          />
        </>
      )}
    </FormModal>
  );
}
