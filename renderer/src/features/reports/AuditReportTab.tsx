import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Center, Grid, Group, List, Loader, Paper, SegmentedControl, Stack, Text, ThemeIcon, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconEye, IconFileTypeDocx, IconInfoCircle, IconLock, IconLockOpen, IconPencil, IconPointFilled, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportPreview } from '../../../../shared/contract/reports';
import type { Audit } from '../../../../shared/domain/audits';
import type { Lang } from '../../../../shared/domain/common';
import type { ReportOverview } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { deliver } from '../../components/files';
import { ConclusionsForm } from './ConclusionsForm';
import { CorrectionDialog } from './CorrectionDialog';
import { formatMoment } from '../../components/dates';
import { IssueDialog } from './IssueDialog';
import { PdfFrame } from './PdfFrame';
import { RevisionsTable } from './RevisionsTable';
import { ApprovalPanel } from '../approvals/ApprovalPanel';
import { ErrorAlert } from '../../components/ErrorAlert';

/**
 * The audit's report: the lead's conclusions, a preview of the unsigned draft, issuing with a
 * signature (which locks the audit), corrections as new revisions, and every issued revision.
 */
export function AuditReportTab({ audit, onChanged }: { audit: Audit; onChanged(): void }) {
  const { t, i18n } = useTranslation('reports');
  const [overview, setOverview] = useState<ReportOverview | null>(null);
  const [lang, setLang] = useState<Lang>(i18n.language === 'en' ? 'en' : 'sv');
  const [preview, setPreview] = useState<(ReportPreview & { issued: number | null }) | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [dialog, setDialog] = useState<'issue' | 'correction' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api()['reports.status']({ auditId: audit.id })
      .then(setOverview)
      .catch((err: unknown) => setError(errorMessage(t, err)));
  }, [audit.id, t]);

  // the audit's revision changes with every save, issue and correction: reload what depends on it
  useEffect(() => load(), [load, audit.revision]);

  // a locked audit's report is the issued one: show exactly that file, not a fresh draft
  const showPreview = async (issued: ReportOverview['revisions'][number] | null) => {
    setPreviewing(true);
    setError(null);
    try {
      setPreview(
        issued
          ? { ...(await api()['reports.content']({ id: issued.id })), issued: issued.revision }
          : { ...(await api()['reports.preview']({ auditId: audit.id, lang })), issued: null },
      );
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setPreviewing(false);
    }
  };

  const changed = () => {
    setPreview(null);
    onChanged();
    load();
  };

  if (!overview) {
    return error ? (
      <ErrorAlert error={error} />
    ) : (
      <Center h={160}>
        <Loader aria-label={t('common:state.loading')} />
      </Center>
    );
  }

  const latest = overview.revisions[0] ?? null;
  const canIssue = overview.blockers.length === 0;
  const canCorrect = latest !== null && overview.locked && !overview.openCorrection;

  return (
    <Stack gap="md">
      <Paper p="lg" component="section" aria-label={t('tab.statusTitle')}>
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <Stack gap={4}>
              <Group gap="xs">
                <Title order={4}>{t('tab.statusTitle')}</Title>
                <Badge
                  color={overview.locked ? 'gray' : 'granska'}
                  variant="light"
                  leftSection={overview.locked ? <IconLock size={12} /> : <IconLockOpen size={12} />}
                >
                  {overview.locked ? t('tab.locked') : t('tab.unlocked')}
                </Badge>
              </Group>
              <Text size="sm">
                {latest
                  ? t('tab.issued', { revision: latest.revision, date: formatMoment(latest.issuedAt), signer: latest.signerName })
                  : t('tab.notIssued')}
              </Text>
            </Stack>
            <Stack gap={4} align="flex-end">
              <Text size="xs" fw={500} id="report-lang">
                {t('tab.language')}
              </Text>
              <SegmentedControl
                aria-labelledby="report-lang"
                size="xs"
                value={lang}
                onChange={(v) => {
                  setLang(v as Lang);
                  setPreview(null);
                }}
                data={[
                  { value: 'sv', label: t('common:language.sv') },
                  { value: 'en', label: t('common:language.en') },
                ]}
              />
            </Stack>
          </Group>

          {overview.openCorrection && (
            <Alert color="orange" icon={<IconPencil size={18} />} role="status">
              {t('tab.correctionOpen', { reason: overview.openCorrection.reason, next: overview.nextRevision })}
            </Alert>
          )}
          {overview.lockedWithoutReport && (
            <Alert color="gray" icon={<IconInfoCircle size={18} />} role="status">
              {t('tab.lockedWithoutReport')}
            </Alert>
          )}
          {!overview.lockedWithoutReport && !canIssue && !(overview.blockers.length === 1 && overview.blockers[0] === 'locked') && (
            <Alert color="yellow" title={t('tab.blockersTitle')} role="status">
              <List size="sm" spacing={2} icon={<IconPointFilled size={10} />}>
                {overview.blockers.map((b) => (
                  <List.Item key={b}>{t(`tab.blockers.${b}`)}</List.Item>
                ))}
              </List>
            </Alert>
          )}
          {canIssue && (
            <Group gap="xs">
              <ThemeIcon color="green" variant="light" size="sm" radius="xl">
                <IconCircleCheck size={14} />
              </ThemeIcon>
              <Text size="sm">{t('tab.readyToIssue', { revision: overview.nextRevision })}</Text>
            </Group>
          )}
          <ErrorAlert error={error} />

          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconEye size={16} />}
              loading={previewing}
              onClick={() => void showPreview(overview.locked ? latest : null)}
            >
              {overview.locked && latest ? t('tab.viewIssued') : t('tab.preview')}
            </Button>
            <Tooltip label={t('templates:word.help')} multiline w={260}>
              <Button
                variant="default"
                leftSection={<IconFileTypeDocx size={16} />}
                onClick={() =>
                  void deliver(
                    t,
                    () => (overview.locked && latest ? api()['reports.docx']({ id: latest.id }) : api()['reports.previewDocx']({ auditId: audit.id, lang })),
                    (tt, err) => errorMessage(tt, err, 'templates'),
                  )
                }
              >
                {t('templates:word.export')}
              </Button>
            </Tooltip>
            {!overview.locked && (
              <Button leftSection={<IconSignature size={16} />} disabled={!canIssue} onClick={() => setDialog('issue')}>
                {t('tab.issue')}
              </Button>
            )}
            {canCorrect && (
              <Button variant="light" color="orange" leftSection={<IconPencil size={16} />} onClick={() => setDialog('correction')}>
                {t('tab.startCorrection')}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      <ApprovalPanel subjectKind="report" subjectId={audit.id} version={audit.revision} onDecided={() => load()} />

      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <ConclusionsForm key={`${audit.id}:${audit.revision}`} audit={audit} onSaved={changed} />
            <RevisionsTable revisions={overview.revisions} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper p="lg" component="section" aria-label={t('preview.title')}>
            <Stack gap="sm">
              <Group justify="space-between">
                <Title order={4}>{t('preview.title')}</Title>
                {preview && (
                  <Text size="sm" c="dimmed">
                    {t('preview.pages', { count: preview.pages })} ·{' '}
                    {preview.issued === null ? t('preview.draftNote') : t('preview.issuedNote', { revision: preview.issued })}
                  </Text>
                )}
              </Group>
              {preview ? (
                <PdfFrame base64={preview.base64} title={t('preview.frame')} />
              ) : (
                <Text size="sm" c="dimmed">
                  {t('preview.empty')}
                </Text>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>

      {dialog === 'issue' && (
        <IssueDialog
          audit={audit}
          revision={overview.nextRevision}
          lang={lang}
          onClose={() => setDialog(null)}
          onIssued={(issued) => {
            setDialog(null);
            notifications.show({ color: 'green', autoClose: 6000, message: t('issue.issued', { revision: issued.revision, sha256: issued.sha256 }) });
            changed();
          }}
        />
      )}
      {dialog === 'correction' && latest && (
        <CorrectionDialog
          audit={audit}
          revision={latest.revision}
          onClose={() => setDialog(null)}
          onStarted={() => {
            setDialog(null);
            notifications.show({ color: 'orange', message: t('correction.started') });
            changed();
          }}
        />
      )}
    </Stack>
  );
}
