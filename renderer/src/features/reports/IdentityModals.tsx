import { useState, type FormEvent } from 'react';
import { FileInput, NumberInput, PasswordInput, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { identityCreateInput, type SigningIdentity } from '../../../../shared/domain/reports';
import { passphraseStrength } from '../../../../shared/domain/passphrase';
import { api } from '../../api/client';
import { errorMessage, fieldErrors, payloadOf } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { readAsBase64 } from '../../components/files';
import { useBusyCall } from '../../components/useBusyCall';

type CreateValues = { name: string; email: string; organisation: string; passphrase: string; passphraseConfirm: string; validYears: number };

/** A new self-signed identity; the passphrase is typed twice because nothing can recover it. */
export function CreateIdentityModal({ organisation, onClose, onCreated }: { organisation: string; onClose(): void; onCreated(i: SigningIdentity): void }) {
  const { t } = useTranslation('reports');
  const form = useSchemaForm<CreateValues>(identityCreateInput, {
    name: '',
    email: '',
    organisation,
    passphrase: '',
    passphraseConfirm: '',
    validYears: 3,
  });
  const { submit, error, busy } = useSaveForm(
    form,
    ({ passphraseConfirm: _confirm, ...fields }) => api()['identities.create'](fields),
    (created) => onCreated(created),
  );
  const onSubmit = (e?: FormEvent<HTMLFormElement>) => {
    if (form.values.passphrase !== form.values.passphraseConfirm) {
      e?.preventDefault();
      form.setFieldError('passphraseConfirm', t('signing.create.mismatch'));
      return;
    }
    submit(e);
  };
  return (
    <FormModal title={t('signing.create.title')} opened onClose={onClose} onSubmit={onSubmit} error={error} busy={busy}>
      <TextInput label={t('signing.create.name')} withAsterisk data-autofocus {...form.getInputProps('name')} />
      <TextInput label={t('signing.create.email')} withAsterisk type="email" {...form.getInputProps('email')} />
      <TextInput label={t('signing.create.organisation')} withAsterisk {...form.getInputProps('organisation')} />
      <PasswordInput
        label={t('signing.create.passphrase')}
        description={t('signing.create.passphraseHelp')}
        withAsterisk
        autoComplete="new-password"
        {...form.getInputProps('passphrase')}
      />
      <PassphraseHint passphrase={form.values.passphrase} />
      <PasswordInput label={t('signing.create.passphraseConfirm')} withAsterisk autoComplete="new-password" {...form.getInputProps('passphraseConfirm')} />
      <NumberInput label={t('signing.create.validYears')} min={1} max={10} w={180} {...form.getInputProps('validYears')} />
    </FormModal>
  );
}

const STRENGTH_COLOR = { weak: 'red', fair: 'yellow.8', strong: 'green' } as const;

/** How strong the passphrase looks as it is typed, and how to make a strong one. */
function PassphraseHint({ passphrase }: { passphrase: string }) {
  const { t } = useTranslation('reports');
  const strength = passphraseStrength(passphrase);
  return (
    <div>
      {passphrase && (
        <Text size="xs" c={STRENGTH_COLOR[strength]} aria-live="polite">
          {t(`signing.create.strength.${strength}`)}
        </Text>
      )}
      <Text size="xs" c="dimmed">{t('signing.create.strengthHint')}</Text>
    </div>
  );
}

/** A .p12/.pfx from a certificate authority or another tool; checked by the backend before it is kept. */
export function ImportIdentityModal({ onClose, onImported }: { onClose(): void; onImported(i: SigningIdentity): void }) {
  const { t } = useTranslation('reports');
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ file?: string; passphrase?: string }>({});

  const submit = async (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    const missing = { file: file ? undefined : t('common:validation.required'), passphrase: passphrase ? undefined : t('common:validation.required') };
    setErrors(missing);
    if (!file || !passphrase) return;
    setBusy(true);
    setError(null);
    try {
      const imported = await api()['identities.import']({ fileName: file.name, contentBase64: await readAsBase64(file), passphrase, label });
      onImported(imported);
    } catch (err) {
      const message = errorMessage(t, err);
      const code = payloadOf(err).code;
      if (code === 'wrong_passphrase') setErrors({ passphrase: message });
      else setErrors({ passphrase: fieldErrors(t, err).passphrase });
      setError(message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormModal title={t('signing.import.title')} opened onClose={onClose} onSubmit={(e) => void submit(e)} error={error} busy={busy}>
      <FileInput label={t('signing.import.file')} withAsterisk accept=".p12,.pfx,application/x-pkcs12" value={file} onChange={setFile} error={errors.file} />
      <PassphraseInput label={t('signing.import.passphrase')} value={passphrase} onChange={setPassphrase} error={errors.passphrase} />
      <TextInput label={t('signing.import.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
    </FormModal>
  );
}

/** A trusted certificate from a file (PEM or DER). */
export function AddTrustModal({ onClose, onAdded }: { onClose(): void; onAdded(): void }) {
  const { t } = useTranslation('reports');
  const [file, setFile] = useState<File | null>(null);
  const [label, setLabel] = useState('');
  const { busy, error, run } = useBusyCall(t);
  const [fileError, setFileError] = useState<string | null>(null);

  const submit = async (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    setFileError(file ? null : t('common:validation.required'));
    if (!file) return;
    await run(async () => {
      await api()['trust.add']({ label, contentBase64: await readAsBase64(file) });
      onAdded();
    });
  };

  return (
    <FormModal title={t('signing.trust.addTitle')} opened onClose={onClose} onSubmit={(e) => void submit(e)} error={error} busy={busy}>
      <FileInput
        label={t('signing.trust.file')}
        withAsterisk
        accept=".pem,.crt,.cer,application/x-pem-file,application/x-x509-ca-cert"
        value={file}
        onChange={setFile}
        error={fileError}
      />
      <TextInput label={t('signing.trust.label')} value={label} onChange={(e) => setLabel(e.currentTarget.value)} />
    </FormModal>
  );
}

/** The passphrase that opens an existing signing identity: typed each time, never remembered. */
export function PassphraseInput(props: { label: string; value: string; onChange(value: string): void; error?: string | null }) {
  return (
    <PasswordInput
      label={props.label}
      withAsterisk
      autoComplete="off"
      value={props.value}
      onChange={(e) => props.onChange(e.currentTarget.value)}
      error={props.error}
    />
  );
}
