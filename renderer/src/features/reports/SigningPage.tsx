import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { ActionIcon, Badge, Button, Code, FileButton, Group, Image, Menu, Paper, Table, Text } from '@mantine/core';
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
import { Page } from '../../components/Page';
import { Section } from '../../components/Section';
import { TableHead } from '../../components/TableHead';
import { ConfirmDialog } from '../../components/ConfirmDialog';

/** Report logo, signing identities and trusted certificates: what issuing and verifying rely on. */
export function SigningPage() {
  const { t } = useTranslation('reports');
  return (
    <Page maw={1100} title={t('signing.title')} help={t('signing.intro')}>
      <IdentitiesPanel />
      <TrustPanel />
      <LogoPanel />
    </Page>
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
    <Section
      title={t('signing.identities.title')}
      help={t('signing.identities.intro')}
      actions={
        <>
          <Button variant="default" leftSection={<IconFileImport size={16} />} onClick={() => setDialog('import')}>
            {t('signing.identities.import')}
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog('create')}>
            {t('signing.identities.create')}
          </Button>
        </>
      }
    >
      <CertificateTable
        label={t('signing.identities.title')}
        empty={identities.length === 0 && t('signing.identities.empty')}
        columns={[t('signing.identities.name'), t('signing.identities.fingerprint'), t('signing.identities.validTo'), t('signing.identities.status')]}
      >
        {identities.map((i) => (
          <Table.Tr key={i.id}>
            <CertificateCells name={i.subjectName} detail={[i.email, i.organisation].filter(Boolean).join(' · ')} fingerprint={i.fingerprint} notAfter={i.notAfter} />
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
      </CertificateTable>
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
        <RemoveDialog
          title={t('signing.identities.removeTitle')}
          text={t('signing.identities.removeConfirm', { name: removing.subjectName })}
          confirm={t('signing.identities.remove')}
          onClose={() => setRemoving(null)}
          remove={() => api()['identities.remove']({ id: removing.id })}
          onRemoved={() => {
            notifications.show({ message: t('signing.identities.removed') });
            load();
          }}
        />
      )}
    </Section>
  );
}

/**
 * Asks before removing a certificate; closes once it is gone, and stays open with a message if it
 * could not be. Without its own title, the dialog is headed by the act, as its button is.
 */
function RemoveDialog({
  remove,
  onRemoved,
  onClose,
  title,
  ...words
}: {
  title?: string;
  text: string;
  confirm: string;
  remove(): Promise<unknown>;
  onRemoved(): void;
  onClose(): void;
}) {
  const { t } = useTranslation('reports');
  return (
    <ConfirmDialog
      opened
      title={title ?? words.confirm}
      {...words}
      onClose={onClose}
      onConfirm={() =>
        void remove()
          .then(() => {
            onClose();
            onRemoved();
          })
          .catch((err: unknown) => fail(t, err))
      }
    />
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
  const added = () => {
    setAdding(false);
    notifications.show({ color: 'green', message: t('signing.trust.added') });
    load();
  };
  useEffect(() => {
    load();
    // trusting one of our own identities happens in the panel above
    window.addEventListener('granska:trust-changed', load);
    return () => window.removeEventListener('granska:trust-changed', load);
  }, [load]);

  return (
    <Section
      title={t('signing.trust.title')}
      help={t('signing.trust.intro')}
      actions={
        <Button variant="default" leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
          {t('signing.trust.add')}
        </Button>
      }
    >
      <CertificateTable
        label={t('signing.trust.title')}
        empty={certificates.length === 0 && t('signing.trust.empty')}
        columns={[t('signing.trust.labelColumn'), t('signing.identities.fingerprint'), t('signing.identities.validTo')]}
      >
        {certificates.map((c) => (
          <Table.Tr key={c.id}>
            <CertificateCells name={c.label} detail={`${t('signing.trust.subject')} ${c.subjectName}`} fingerprint={c.fingerprint} notAfter={c.notAfter} />
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
      </CertificateTable>
      {removing && (
        <RemoveDialog
          text={t('signing.trust.removeConfirm', { name: removing.label })}
          confirm={t('signing.trust.remove')}
          onClose={() => setRemoving(null)}
          remove={() => api()['trust.remove']({ id: removing.id })}
          onRemoved={load}
        />
      )}
      {adding && <AddTrustModal onClose={() => setAdding(false)} onAdded={added} />}
    </Section>
  );
}

function LogoPanel() {
  const { t } = useTranslation('reports');
  const [logo, setLogo] = useState<Logo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const resetFile = useRef<() => void>(null);

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
      resetFile.current?.();
    }
  };

  return (
    <Section title={t('signing.logo.title')} help={t('signing.logo.help')} error={error}>
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
        <FileButton
          onChange={(file) => void upload(file ?? undefined)}
          accept="image/png,image/jpeg"
          resetRef={resetFile}
          inputProps={{ 'aria-label': t('signing.logo.upload') }}
        >
          {(props) => (
            <Button variant="default" leftSection={<IconUpload size={16} />} {...props}>
              {t('signing.logo.upload')}
            </Button>
          )}
        </FileButton>
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
    </Section>
  );
}

/** The certificate tables' frame: its headers, or a sentence when there is nothing to list. */
function CertificateTable({ label, empty, columns, children }: { label: string; empty: string | false; columns: string[]; children: ReactNode }) {
  if (empty) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <Table verticalSpacing="sm" aria-label={label}>
      <TableHead columns={[...columns, '']} />
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
}

/** Who a certificate names, its fingerprint and its last valid day: the first cells of either table. */
function CertificateCells({ name, detail, fingerprint, notAfter }: { name: string; detail: string; fingerprint: string; notAfter: string }) {
  return (
    <>
      <Table.Td>
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="xs" c="dimmed">
          {detail}
        </Text>
      </Table.Td>
      <Table.Td maw={320}>
        <Code fz="xs" style={{ wordBreak: 'break-all' }}>
          {fingerprint}
        </Code>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{formatDate(notAfter)}</Text>
      </Table.Td>
    </>
  );
}
