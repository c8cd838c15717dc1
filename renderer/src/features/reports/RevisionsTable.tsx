import { useState } from 'react';
import { ActionIcon, Badge, Button, Code, CopyButton, Group, Modal, Paper, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconDownload, IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportRevision } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { deliver } from '../../components/files';
import { formatMoment } from '../../components/dates';
import { PdfFrame } from './PdfFrame';
import { TableHead } from '../../components/TableHead';

/** Every issued revision, newest first, with its SHA-256; each can be viewed or saved, byte for byte as issued. */
export function RevisionsTable({ revisions }: { revisions: ReportRevision[] }) {
  const { t } = useTranslation('reports');
  const [viewing, setViewing] = useState<{ revision: ReportRevision; base64: string } | null>(null);

  const save = (revision: ReportRevision) => void deliver(t, () => api()['reports.save']({ id: revision.id }));
  const view = async (revision: ReportRevision) => {
    try {
      const content = await api()['reports.content']({ id: revision.id });
      setViewing({ revision, base64: content.base64 });
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  return (
    <Paper p="lg" component="section" aria-label={t('revisions.title')}>
      <Stack gap="sm">
        <Title order={4}>{t('revisions.title')}</Title>
        {revisions.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('revisions.empty')}
          </Text>
        ) : (
          <Table verticalSpacing="sm" aria-label={t('revisions.title')}>
            <TableHead columns={[t('revisions.revision'), t('revisions.issuedAt'), t('revisions.signer'), t('revisions.sha256'), '']} />
            <Table.Tbody>
              {revisions.map((r, i) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text fw={600}>{r.revision}</Text>
                      <Badge size="sm" variant="light" color={i === 0 ? 'green' : 'gray'}>
                        {i === 0 ? t('revisions.current') : t('revisions.superseded')}
                      </Badge>
                      <Badge size="sm" variant="outline" color="gray">
                        {r.lang.toUpperCase()}
                      </Badge>
                    </Group>
                    {r.correctionReason && (
                      <Text size="xs" c="dimmed" mt={4}>
                        {t('revisions.correction', { reason: r.correctionReason })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatMoment(r.issuedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.signerName}</Text>
                    <Text size="xs" c="dimmed">
                      {r.signerRole}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Code fz="xs" title={r.sha256}>
                        {r.sha256.slice(0, 16)}…
                      </Code>
                      <CopyButton value={r.sha256}>
                        {({ copied, copy }) => (
                          <Tooltip label={copied ? t('revisions.copied') : t('revisions.copy')}>
                            <ActionIcon variant="subtle" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label={`${t('revisions.copy')} ${r.revision}`}>
                              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </CopyButton>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="xs" variant="subtle" leftSection={<IconEye size={14} />} onClick={() => void view(r)} aria-label={`${t('revisions.view')} ${r.revision}`}>
                        {t('revisions.view')}
                      </Button>
                      <Button size="xs" variant="light" leftSection={<IconDownload size={14} />} onClick={() => save(r)} aria-label={`${t('revisions.save')} ${r.revision}`}>
                        {t('revisions.save')}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      {viewing && (
        <Modal opened onClose={() => setViewing(null)} title={t('revisions.viewTitle', { revision: viewing.revision.revision })} size="80%" centered>
          <PdfFrame base64={viewing.base64} title={viewing.revision.fileName} />
        </Modal>
      )}
    </Paper>
  );
}
