import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, List, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowBackUp, IconCircleCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { APPROVER_ROLE, type ApprovalDecision, type ApprovalState, type ApprovalStatus, type ApprovalSubject } from '../../../../shared/domain/approvals';
import { api } from '../../api/client';
import { formatMoment } from '../../components/dates';
import { errorMessage, fieldErrors } from '../../components/errors';
import { PanelHeader } from '../../components/PanelHeader';
import { useAppStore } from '../../stores/appStore';
import { useOrgStore } from '../org/orgStore';
import { ErrorAlert } from '../../components/ErrorAlert';

export const APPROVAL_COLOR: Record<ApprovalState, string> = { none: 'gray', approved: 'green', stale: 'orange', returned: 'red' };

interface Props {
  subjectKind: ApprovalSubject;
  subjectId: string;
  /** What the panel's title names, e.g. "year plan 2027"; the subject's kind when left out. */
  label?: string;
  /** Changes whenever the subject is saved, so a stale approval shows at once. */
  version?: unknown;
  /** After a decision: the page may offer a status change it refused before. */
  onDecided?(status: ApprovalStatus): void;
  /** In a narrow card: buttons under the history rather than beside the title. */
  compact?: boolean;
}

/**
 * The approval step of a programme, year plan, audit plan or report: where it stands, every
 * decision with who and when, and, for the person using the app when they lead audits, Approve and
 * Return with comment.
 */
export function ApprovalPanel({ subjectKind, subjectId, label, version, onDecided, compact = false }: Props) {
  const { t } = useTranslation('approvals');
  const [status, setStatus] = useState<ApprovalStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<ApprovalDecision | null>(null);
  const me = useAppStore((s) => s.info?.currentPersonId ?? null);
  const person = useOrgStore((s) => s.people.find((p) => p.id === me) ?? null);
  const subject = label ?? t(`subject.${subjectKind}`).toLocaleLowerCase();

  const load = useCallback(() => {
    api()['approvals.status']({ subjectKind, subjectId })
      .then(setStatus)
      .catch((err: unknown) => setError(errorMessage(t, err, 'approvals')));
  }, [subjectKind, subjectId, t]);

  useEffect(() => load(), [load, version]);

  const mayDecide = person !== null && !person.archived && person.roles.includes(APPROVER_ROLE);
  const buttons =
    mayDecide && status ? (
      <>
        <Button size="xs" color="green" leftSection={<IconCircleCheck size={14} />} onClick={() => setDeciding('approved')} disabled={status.state === 'approved'}>
          {t('approve')}
        </Button>
        <Button size="xs" variant="default" leftSection={<IconArrowBackUp size={14} />} onClick={() => setDeciding('returned')}>
          {t('return')}
        </Button>
      </>
    ) : undefined;
  return (
    <Paper p={compact ? 'sm' : 'md'} withBorder={compact} component="section" aria-label={t('panelTitle', { subject })}>
      <Stack gap="xs">
        <PanelHeader
          title={
            <Group gap="xs">
              {t('panelTitle', { subject })}
              {status && (
                <Badge color={APPROVAL_COLOR[status.state]} variant="light" data-testid="approval-state">
                  {t(`state.${status.state}`)}
                </Badge>
              )}
            </Group>
          }
          help={status?.required ? t(`required.${subjectKind}`) : undefined}
          error={error}
          actions={compact ? undefined : buttons}
        />
        {status?.state === 'stale' && (
          <Alert color="orange" icon={<IconAlertTriangle size={16} />} role="status" p="xs">
            {t('staleHelp', { subject: t(`subject.${subjectKind}`) })}
          </Alert>
        )}
        {status && <History status={status} />}
        {compact && buttons && <Group gap="xs">{buttons}</Group>}
        {!mayDecide && (
          <Text size="xs" c="dimmed">
            {person ? t('notApprover', { name: person.name }) : t('chooseYourself')}
          </Text>
        )}
      </Stack>
      {deciding && status && person && (
        <DecisionModal
          decision={deciding}
          subject={subject}
          approverName={person.name}
          onClose={() => setDeciding(null)}
          onSubmit={async (comment) => {
            const next = await api()['approvals.decide']({ subjectKind, subjectId, decision: deciding, approverPersonId: person.id, comment });
            setStatus(next);
            setDeciding(null);
            notifications.show({ color: 'green', message: t(`done.${deciding}`), autoClose: 2000 });
            onDecided?.(next);
          }}
        />
      )}
    </Paper>
  );
}

function History({ status }: { status: ApprovalStatus }) {
  const { t } = useTranslation('approvals');
  if (status.history.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('noHistory')}
      </Text>
    );
  }
  return (
    <List size="sm" spacing={4} aria-label={t('history')} listStyleType="none" ml={0}>
      {status.history.map((a) => (
        <List.Item key={a.id}>
          <Text size="sm" span fw={500} c={a.decision === 'returned' ? 'red' : undefined}>
            {t('entry', { decision: t(`decision.${a.decision}`), name: a.approverName, date: formatMoment(a.decidedAt) })}
          </Text>
          {a.stale && a.decision === 'approved' && (
            <Badge ml="xs" size="xs" color="orange" variant="outline">
              {t('staleMark')}
            </Badge>
          )}
          {a.comment && (
            <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {a.comment}
            </Text>
          )}
        </List.Item>
      ))}
    </List>
  );
}

function DecisionModal(props: { decision: ApprovalDecision; subject: string; approverName: string; onClose(): void; onSubmit(comment: string): Promise<void> }) {
  const { t } = useTranslation('approvals');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const returning = props.decision === 'returned';
  const title = t(returning ? 'returnTitle' : 'approveTitle', { subject: props.subject });
  const submit = async () => {
    setError(null);
    setCommentError(null);
    if (returning && comment.trim() === '') {
      setCommentError(t('common:validation.comment_required'));
      return;
    }
    setBusy(true);
    try {
      await props.onSubmit(comment.trim());
    } catch (err) {
      const fields = fieldErrors(t, err);
      if (fields.comment) setCommentError(fields.comment);
      else setError(errorMessage(t, err, 'approvals'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={props.onClose} title={title} centered>
      <form
        aria-label={title}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <ErrorAlert error={error} />
          <Text size="sm">{t(returning ? 'returnText' : 'approveText', { subject: props.subject, name: props.approverName })}</Text>
          <Textarea
            label={t('comment')}
            description={returning ? t('commentHelp') : undefined}
            withAsterisk={returning}
            autosize
            minRows={3}
            value={comment}
            error={commentError}
            onChange={(e) => setComment(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} color={returning ? 'red' : 'green'}>
              {t(returning ? 'return' : 'approve')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
