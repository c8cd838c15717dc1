import { useEffect, useState, type FormEvent } from 'react';
import { Button, Group, Modal, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
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
 * The certification pack's form (PackButton opens it; its script loads on the first click). The
 * passphrase lives only in this form and the one call that signs.
 */
export default function PackDialog({ opened, onClose }: { opened: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation('pack');
  // Mounted by the first click: opened a frame later so it fades in like any other dialog.
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setShown(opened));
    return () => cancelAnimationFrame(frame);
  }, [opened]);
  const [period, setPeriod] = useState(defaultPeriod);
  const [identities, setIdentities] = useState<SigningIdentity[]>([]);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!opened) return;
    void api()['identities.list']({}).then((list) => setIdentities(list.filter((i) => !i.expired)), () => setIdentities([]));
  }, [opened]);

  const close = () => {
    setPassphrase('');
    onClose();
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
    <Modal opened={shown} onClose={close} title={t('title')} size="lg" centered>
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
  );
}
