import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconPackageExport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SigningIdentity } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { deliver } from '../../components/files';

/** This calendar year so far: the usual span a certification body's visit looks back over. */
function defaultPeriod(today = new Date()): { from: string; to: string } {
  const to = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return { from: `${today.getFullYear()}-01-01`, to };
}

/**
 * The certification pack for a period: the programme, the period's issued reports, the register and
 * the management review inputs in one zip with a SHA-256 manifest. Signing the review inputs is
 * optional; the passphrase lives only in this form and the one call that signs.
 */
export function PackButton() {
  const { t, i18n } = useTranslation('pack');
  const [open, setOpen] = useState(false);
  const [period, setPeriod] = useState(defaultPeriod);
  const [identities, setIdentities] = useState<SigningIdentity[]>([]);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    void api()['identities.list']({}).then((list) => setIdentities(list.filter((i) => !i.expired)), () => setIdentities([]));
  }, [open]);

  const close = () => {
    setPassphrase('');
    setOpen(false);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const lang = i18n.language === 'en' ? 'en' : 'sv';
    const signing = identityId ? { identityId, passphrase } : {};
    let ok = false;
    await deliver(t, async () => {
      const file = await api()['pack.create']({ from: period.from, to: period.to, lang, ...signing });
      ok = true;
      return file;
    });
    setBusy(false);
    if (ok) close();
  };

  return (
    <>
      <Tooltip label={t('help')}>
        <Button variant="default" leftSection={<IconPackageExport size={16} />} onClick={() => setOpen(true)}>
          {t('button')}
        </Button>
      </Tooltip>
      <Modal opened={open} onClose={close} title={t('title')} size="lg" centered>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label={t('title')}>
          <Stack gap="sm">
            <Text size="sm">{t('intro')}</Text>
            <Group grow>
              <TextInput type="date" label={t('from')} withAsterisk value={period.from} onChange={(e) => setPeriod({ ...period, from: e.currentTarget.value })} />
              <TextInput type="date" label={t('to')} withAsterisk value={period.to} onChange={(e) => setPeriod({ ...period, to: e.currentTarget.value })} />
            </Group>
            <Select
              label={t('identity')}
              data={[{ value: '', label: t('noIdentity') }, ...identities.map((i) => ({ value: i.id, label: [i.subjectName, i.organisation].filter(Boolean).join(', ') }))]}
              value={identityId ?? ''}
              onChange={(v) => setIdentityId(v ? v : null)}
              allowDeselect={false}
            />
            {identityId && (
              <PasswordInput label={t('passphrase')} withAsterisk autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('cancel')}
              </Button>
              <Button type="submit" loading={busy} disabled={!period.from || !period.to || (identityId !== null && !passphrase)}>
                {t('create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
