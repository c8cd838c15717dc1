import { useCallback, useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Stepper, Tabs, Text, Title } from '@mantine/core';
import { IconChecklist, IconHistory, IconInfoCircle, IconListDetails, IconSearch, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { localDay, type CaseDetail, type CaseStatus } from '../../../../shared/domain/cases';
import { api } from '../../api/client';
import { useOrgStore } from '../org/orgStore';
import { ActionsPanel } from './ActionsPanel';
import { AnalysisPanel } from './AnalysisPanel';
import { CaseStatusBadge, DueBadge, SeverityBadge } from './CaseBadges';
import { CaseDetailsForm } from './CaseForm';
import { CaseHistory } from './CaseHistory';
import { VerificationPanel } from './VerificationPanel';
import { errorMessage } from '../../components/errors';
import { useCasesStore } from './casesStore';
import { TabList } from '../../components/TabList';
import { BackLink } from '../../components/BackLink';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';

const TABS = ['details', 'analysis', 'actions', 'verification', 'history'] as const;
type Tab = (typeof TABS)[number];

/** Where the work is for a case in this status. */
const WORK_TAB: Record<CaseStatus, Tab> = {
  open: 'analysis',
  reopened: 'actions',
  action_planned: 'actions',
  implemented: 'verification',
  closed: 'verification',
};
const STEP: Record<CaseStatus, number> = { open: 0, reopened: 0, action_planned: 1, implemented: 2, closed: 4 };
const NEXT_COLOR: Record<CaseStatus, string> = { open: 'blue', reopened: 'orange', action_planned: 'cyan', implemented: 'violet', closed: 'green' };

export function CaseDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const [params, setParams] = useSearchParams();
  const { unitName, processName } = useOrgStore();
  const refreshRegister = useCasesStore((s) => s.refresh);
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  const load = useCallback(
    () =>
      api()['cases.get']({ id }).then(
        (d) => {
          setDetail(d);
          setFailed(null);
        },
        (err: unknown) => setFailed(errorMessage(t, err, 'cases')),
      ),
    [id, t],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const changed = (c: CaseDetail) => {
    setDetail(c);
    void refreshRegister();
  };

  const back = <BackLink to="/cases" label={t('detail.back')} />;

  if (failed) {
    return (
      <Stack>
        {back}
        <ErrorAlert error={failed} title={t('common:errors.title')} />
      </Stack>
    );
  }
  if (!detail) {
    return (
      <Loading />
    );
  }

  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : WORK_TAB[detail.status];
  const goTo = (next: Tab) => setParams({ tab: next }, { replace: true });
  const lastVerdict = detail.verifications.at(-1);
  const nextTab = WORK_TAB[detail.status];

  return (
    <Stack gap="md">
      {back}
      <div>
        <Group gap="sm" wrap="nowrap" align="center">
          <Badge size="lg" variant="outline" color="gray">{detail.number}</Badge>
          <Title order={2}>{detail.title}</Title>
        </Group>
        <Group gap="xs" mt={8}>
          <CaseStatusBadge status={detail.status} labelled />
          <SeverityBadge severity={detail.severity} />
          <DueBadge state={detail.dueState} due={detail.nextDue} today={localDay(new Date())} />
          <Text size="sm" c="dimmed">
            {t(`source.${detail.source}`)}
            {detail.sourceReference && !detail.finding ? ` · ${detail.sourceReference}` : ''} · {unitName(detail.unitId)}
            {detail.processId ? ` · ${processName(detail.processId)}` : ''}
          </Text>
        </Group>
        {detail.finding && (
          <Text size="sm" mt={6}>
            <Anchor component={Link} to={`/audits/${detail.finding.auditId}?tab=findings`}>
              {t('detail.fromFinding', { audit: detail.finding.auditNumber, finding: detail.finding.number })}
            </Anchor>
            <Text span c="dimmed" size="sm"> · {detail.finding.auditTitle}</Text>
          </Text>
        )}
      </div>

      <Paper p="md">
        <Stepper active={STEP[detail.status]} size="sm" allowNextStepsSelect={false} color={detail.status === 'reopened' ? 'orange' : undefined}>
          <Stepper.Step label={t('detail.steps.open')} description={detail.status === 'reopened' ? t('status.reopened') : detail.detectedOn} />
          <Stepper.Step label={t('detail.steps.action_planned')} />
          <Stepper.Step label={t('detail.steps.implemented')} />
          <Stepper.Step label={t('detail.steps.closed')} description={detail.closedOn ?? undefined} />
        </Stepper>
      </Paper>

      <Alert color={NEXT_COLOR[detail.status]} icon={<IconInfoCircle size={18} />} role="status">
        <Group justify="space-between" wrap="nowrap">
          <Text size="sm">
            {t(`detail.next.${detail.status}`, { date: detail.closedOn ?? lastVerdict?.verifiedOn ?? '' })}
            {detail.status === 'closed' && ` ${t('detail.closedNote')}`}
          </Text>
          {detail.status !== 'closed' && tab !== nextTab && (
            <Button size="xs" variant="white" onClick={() => goTo(nextTab)}>
              {t(`detail.goTo.${nextTab}`)}
            </Button>
          )}
        </Group>
      </Alert>

      <Tabs value={tab} onChange={(v) => v && goTo(v as Tab)} keepMounted={false}>
        <TabList
          tabs={[
            { value: 'details', icon: IconListDetails, label: t('detail.tabs.details') },
            { value: 'analysis', icon: IconSearch, label: t('detail.tabs.analysis') },
            { value: 'actions', icon: IconChecklist, label: t('detail.tabs.actions'), aside: detail.actions.length ? <Badge size="xs" variant="light" circle>{detail.actions.length}</Badge> : undefined },
            { value: 'verification', icon: IconShieldCheck, label: t('detail.tabs.verification') },
            { value: 'history', icon: IconHistory, label: t('detail.tabs.history') },
          ]}
        />
        <Tabs.Panel value="details"><CaseDetailsForm key={detail.id} detail={detail} onSaved={changed} /></Tabs.Panel>
        <Tabs.Panel value="analysis"><AnalysisPanel key={detail.id} detail={detail} onSaved={changed} /></Tabs.Panel>
        <Tabs.Panel value="actions"><ActionsPanel detail={detail} onChanged={changed} /></Tabs.Panel>
        <Tabs.Panel value="verification"><VerificationPanel detail={detail} onChanged={changed} /></Tabs.Panel>
        <Tabs.Panel value="history"><CaseHistory caseId={detail.id} revision={detail.revision} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
