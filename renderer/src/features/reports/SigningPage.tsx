import { useCallback, useEffect, useRef, useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Code, Group, Image, Menu, Modal, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDotsVertical, IconDownload, IconFileImport, IconPlus, IconShieldCheck, IconTrash, IconUpload } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Logo } from '../../../../shared/contract/reports';
import type { SigningIdentity, TrustedCertificate } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { useAppStore } from '../../stores/appStore';
import { deliver, readAsBase64 } from '../../components/files';
import { formatDate } from '../../components/dates';
import { AddTrustModal, CreateIdentityModal, ImportIdentityModal } from './IdentityModals';

/** Report logo, signing identities and trusted certificates: what issuing and verifying rely on. */
export function SigningPage() {
  const { t } = useTranslation('reports');
  return (
    <Stack maw={1100} gap="md">
      <div>
        <Title order={2}>{t('signing.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('signing.intro')}
        </Text>
      </div>
      <IdentitiesPanel />
      <TrustPanel />
      <LogoPanel />
    </Stack>
  );
}

const fail = (t: TFunction, err: unknown) => notifications.show({ color: 'red', message: errorMessage(t, err) });

function IdentitiesPanel() {
  const { t } = useTranslation('reports');
  const organisation = useAppStore((s) => s.info?.organisationName ?? '');
  const [identities, setIdentities] = useState<SigningIdentity[]>([]);
  const [dialog, setDialog] = useState<'create' | 'import' | null>(null);
  const [removing, setRemoving] = useState<SigningIdentity | null>(null);

  const load = useCallback(() => {
    api()['identities.list']({}).then(setIdentities).catch((err: unknown) => fail(t, err));
  }, [t]);
  useEffect(() => load(), [load]);

  const added = (message: string) => {
    setDialog(null);
    notifications.show({ color: 'green', autoClose: 8000, message });
    load();
  };

  return (
    <Paper p="lg" component="section" aria-label={t('signing.identities.title')}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div style={{ flex: 1, minWidth: 0 }}>
            <Title order={4}>{t('signing.identities.title')}</Title>
            <Text size="sm" c="dimmed" maw={720}>
              {t('signing.identities.intro')}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setDialog('import')}>
              {t('signing.identities.import')}
            </Button>
            <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog('create')}>
              {t('signing.identities.create')}
            </Button>
          </Group>
        </Group>
        {identities.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('signing.identities.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('signing.identities.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('signing.identities.name')}</Table.Th>
                <Table.Th>{t('signing.identities.fingerprint')}</Table.Th>
                <Table.Th>{t('signing.identities.validTo')}</Table.Th>
                <Table.Th>{t('signing.identities.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {identities.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {i.subjectName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {[i.email, i.organisation].filter(Boolean).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                      {i.fingerprint}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(i.notAfter)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge size="sm" variant="light" color={i.expired ? 'red' : 'green'}>
                        {i.expired ? t('signing.identities.expired') : t('signing.identities.valid')}
                      </Badge>
                      {i.selfSigned && (
                        <Badge size="sm" variant="outline" color="gray">
                          {t('signing.identities.selfSigned')}
                        </Badge>
                      )}
                      {i.trusted && (
                        <Badge size="sm" variant="light" color="granska" leftSection={<IconShieldCheck size={11} />}>
                          {t('signing.identities.trusted')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('signing.identities.actions', { name: i.subjectName })}>
                          <IconDotsVertical size={16} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconDownload size={14} />} onClick={() => void deliver(t, () => api()['identities.certificate']({ id: i.id }))}>
                          {t('signing.identities.exportCertificate')}
                        </Menu.Item>
                        {!i.trusted && (
                          <Menu.Item
                            leftSection={<IconShieldCheck size={14} />}
                            onClick={() =>
                              void api()['trust.add']({ identityId: i.id })
                                .then(() => {
                                  notifications.show({ color: 'green', message: t('signing.trust.added') });
                                  load();
                                  window.dispatchEvent(new Event('granska:trust-changed'));
                                })
                                .catch((err: unknown) => fail(t, err))
                            }
                          >
                            {t('signing.identities.trust')}
                          </Menu.Item>
                        )}
                        <Menu.Divider />
                        <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(i)}>
                          {t('signing.identities.remove')}
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {dialog === 'create' && (
        <CreateIdentityModal
          organisation={organisation}
          onClose={() => setDialog(null)}
          onCreated={(i) => added(t('signing.create.created', { fingerprint: i.fingerprint }))}
        />
      )}
      {dialog === 'import' && (
        <ImportIdentityModal onClose={() => setDialog(null)} onImported={(i) => added(t('signing.import.imported', { fingerprint: i.fingerprint }))} />
      )}
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={t('signing.identities.removeTitle')} centered>
          <Stack>
            <Text size="sm">{t('signing.identities.removeConfirm', { name: removing.subjectName })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color="red"
                onClick={() =>
                  void api()['identities.remove']({ id: removing.id })
                    .then(() => {
                      setRemoving(null);
                      notifications.show({ message: t('signing.identities.removed') });
                      load();
                    })
                    .catch((err: unknown) => fail(t, err))
                }
              >
                {t('signing.identities.remove')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Paper>
  );
}

function TrustPanel() {
  const { t } = useTranslation('reports');
  const [certificates, setCertificates] = useState<TrustedCertificate[]>([]);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<TrustedCertificate | null>(null);

  const load = useCallback(() => {
    api()['trust.list']({}).then(setCertificates).catch((err: unknown) => fail(t, err));
  }, [t]);
  useEffect(() => {
    load();
    // trusting one of our own identities happens in the panel above
    window.addEventListener('granska:trust-changed', load);
    return () => window.removeEventListener('granska:trust-changed', load);
  }, [load]);

  return (
    <Paper p="lg" component="section" aria-label={t('signing.trust.title')}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Title order={4}>{t('signing.trust.title')}</Title>
            <Text size="sm" c="dimmed">
              {t('signing.trust.intro')}
            </Text>
          </div>
          <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            {t('signing.trust.add')}
          </Button>
        </Group>
        {certificates.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('signing.trust.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('signing.trust.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('signing.trust.labelColumn')}</Table.Th>
                <Table.Th>{t('signing.identities.fingerprint')}</Table.Th>
                <Table.Th>{t('signing.identities.validTo')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {certificates.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm" fw={600}>
                      {c.label}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('signing.trust.subject')} {c.subjectName}
                    </Text>
                  </Table.Td>
                  <Table.Td maw={320}>
                    <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                      {c.fingerprint}
                    </Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(c.notAfter)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('signing.trust.remove')} ${c.label}`}
                      onClick={() => setRemoving(c)}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {removing && (
        <Modal opened onClose={() => setRemoving(null)} title={t('signing.trust.remove')} centered>
          <Stack>
            <Text size="sm">{t('signing.trust.removeConfirm', { name: removing.label })}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRemoving(null)}>
                {t('common:actions.cancel')}
              </Button>
              <Button
                color="red"
                onClick={() =>
                  void api()['trust.remove']({ id: removing.id })
                    .then(() => {
                      setRemoving(null);
                      load();
                    })
                    .catch((err: unknown) => fail(t, err))
                }
              >
                {t('signing.trust.remove')}
              </Button>
            </Group>
          </Stack>
        </Modal>
      )}
      {adding && (
        <AddTrustModal
          onClose={() => setAdding(false)}
          onAdded={() => {
            setAdding(false);
            notifications.show({ color: 'green', message: t('signing.trust.added') });
            load();
          }}
        />
      )}
    </Paper>
  );
}

function LogoPanel() {
  const { t } = useTranslation('reports');
  const [logo, setLogo] = useState<Logo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    api()['reports.logo']({}).then(setLogo).catch((err: unknown) => setError(errorMessage(t, err)));
  }, [t]);

  const upload = async (file: File | undefined) => {
    if (!file) return;
    setError(null);
    try {
      setLogo(await api()['reports.setLogo']({ fileName: file.name, contentBase64: await readAsBase64(file) }));
      notifications.show({ color: 'green', message: t('common:state.saved') });
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      if (input.current) input.current.value = '';
    }
  };

  return (
    <Paper p="lg" component="section" aria-label={t('signing.logo.title')}>
      <Stack gap="sm">
        <div>
          <Title order={4}>{t('signing.logo.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('signing.logo.help')}
          </Text>
        </div>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group align="center" gap="lg">
          {logo ? (
            <Paper withBorder p="xs" bg="white">
              <Image src={`data:${logo.mime};base64,${logo.base64}`} alt={t('signing.logo.alt')} h={64} w="auto" fit="contain" />
            </Paper>
          ) : (
            <Text size="sm" c="dimmed">
              {t('signing.logo.none')}
            </Text>
          )}
          <input
            ref={input}
            type="file"
            accept="image/png,image/jpeg"
            hidden
            aria-label={t('signing.logo.upload')}
            onChange={(e) => void upload(e.currentTarget.files?.[0])}
          />
          <Button variant="default" leftSection={<IconUpload size={16} />} onClick={() => input.current?.click()}>
            {t('signing.logo.upload')}
          </Button>
          {logo && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() =>
                void api()['reports.removeLogo']({})
                  .then(() => setLogo(null))
                  .catch((err: unknown) => setError(errorMessage(t, err)))
              }
            >
              {t('signing.logo.remove')}
            </Button>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
