import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecklist, IconFileText, IconLock, IconSearch, IconTrash, IconClipboardList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { TransitionOption } from '../../../../shared/contract/audits';
import type { Audit, AuditStatus } from '../../../../shared/domain/audits';
import { DEFAULT_STANDARD_ID, type Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { useAppStore } from '../../stores/appStore';
import { AuditChecklistTab } from '../conduct/AuditChecklistTab';
import { AuditFindingsTab } from '../conduct/AuditFindingsTab';
import { AuditReportTab } from '../reports/AuditReportTab';
import { AuditStatusBadge } from './AuditBadges';
import { AuditPlanForm, planValues } from './AuditPlanForm';
import { PlanChecklist } from './PlanChecklist';
import { ConflictsPanel } from '../packages/ConflictsPanel';
import { PackageActions } from '../packages/PackageActions';
import { useDataVersion } from '../../stores/dataStore';
import { useStandardStore } from './standardStore';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TabList } from '../../components/TabList';
import { ApprovalPanel } from '../approvals/ApprovalPanel';
import { BackLink } from '../../components/BackLink';
import { ErrorAlert } from '../../components/ErrorAlert';

const TABS = ['plan', 'checklist', 'findings', 'report'] as const;

/** `/audits/new` plans a new audit; `/audits/:id` shows one with its plan, checklist, findings and report. */
export function AuditDetailPage() {
  const { id = 'new' } = useParams();
  const [params, setParams] = useSearchParams();
  const { t } = useTranslation('audits');
  const navigate = useNavigate();
  const currentPersonId = useAppStore((s) => s.info?.currentPersonId ?? null);
  const loadStandard = useStandardStore((s) => s.load);
  const [audit, setAudit] = useState<Audit | null>(null);
  const [standard, setStandard] = useState<Standard | null>(null);
  const [options, setOptions] = useState<TransitionOption[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [merges, setMerges] = useState(0);
  const dataVersion = useDataVersion();
  const isNew = id === 'new';

  const reload = useCallback(() => {
    const getAudit = api()['audits.get'];
    const work = isNew
      ? loadStandard(DEFAULT_STANDARD_ID).then((s) => {
          setAudit(null);
          setStandard(s);
        })
      : getAudit({ id })
          .then((a) => Promise.all([a, loadStandard(a.standardId), api()['audits.transitions']({ id })]))
          .then(([a, s, o]) => {
            setAudit(a);
            setStandard(s);
            setOptions(o);
          });
    return work.catch((err: unknown) => setFailed(errorMessage(t, err)));
  }, [id, isNew, loadStandard, t]);

  useEffect(() => {
    void reload();
  }, [reload, dataVersion]);

  const onSaved = (saved: Audit) => {
    if (isNew) navigate(`/audits/${saved.id}`, { replace: true });
    else {
      setAudit(saved);
      void api()['audits.transitions']({ id: saved.id }).then(setOptions);
    }
  };

  const transition = async (to: AuditStatus) => {
    if (!audit) return;
    try {
      const next = await api()['audits.transition']({ id: audit.id, revision: audit.revision, to });
      notifications.show({ color: 'green', message: t('transition.done', { status: t(`status.${to}`).toLocaleLowerCase() }), autoClose: 2000 });
      setAudit(next);
      setOptions(await api()['audits.transitions']({ id: audit.id }));
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = async () => {
    if (!audit) return;
    try {
      await api()['audits.delete']({ id: audit.id, revision: audit.revision });
      navigate('/audits');
    } catch (err) {
      setConfirmDelete(false);
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  if (failed) {
    return (
<ErrorAlert error={failed} title={t('common:errors.title')} />
    );
  }
  if (!standard || (!isNew && !audit)) {
    return (
      <Center h={200}>
        <Loader aria-label={t('common:state.loading')} />
      </Center>
    );
  }

  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as string) : 'plan';
  const readOnly = !!audit && (audit.locked || audit.status === 'closed');
  const initial = planValues(audit, { leadPersonId: currentPersonId });

  return (
    <Stack gap="md">
      <BackLink to="/audits" label={t('back')} />
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div style={{ flex: 1, minWidth: 0 }}>
          <Group gap="sm" wrap="nowrap">
            {audit && (
              <Badge size="lg" variant="outline" color="gray" style={{ flexShrink: 0 }}>
                {audit.number}
              </Badge>
            )}
            <Title order={2}>{audit ? audit.title : t('plan.new')}</Title>
          </Group>
          {audit && (
            <Group gap="xs" mt={6}>
              <AuditStatusBadge status={audit.status} />
              <Text size="sm" c="dimmed">
                {t(`type.${audit.type}`)}
                {audit.startDate && ` · ${audit.startDate}${audit.endDate && audit.endDate !== audit.startDate ? ` – ${audit.endDate}` : ''}`}
              </Text>
              {audit.locked && (
                <Badge color="gray" variant="light" leftSection={<IconLock size={12} />}>
                  {t('locked')}
                </Badge>
              )}
            </Group>
          )}
          {audit && (
            <Group mt="xs">
              <PackageActions audit={audit} onImported={() => setMerges((n) => n + 1)} />
            </Group>
          )}
        </div>
        {audit && (
          <Group gap="xs" justify="flex-end" style={{ flexShrink: 0 }}>
            {options.map((o) => {
              const reason = o.check.ok ? (dirty ? t('transition.saveFirst') : null) : t(`transition.refused.${o.check.reason}`);
              const button = (
                <Button
                  key={o.to}
                  variant={o.to === 'draft' || (audit.status === 'in_progress' && o.to === 'planned') ? 'default' : 'filled'}
                  disabled={!!reason}
                  onClick={() => void transition(o.to)}
                >
                  {t(`transition.to.${o.to}`)}
                </Button>
              );
              return reason ? (
                <Tooltip key={o.to} label={reason} multiline w={280} withArrow>
                  <span>{button}</span>
                </Tooltip>
              ) : (
                button
              );
            })}
            {audit.status === 'draft' && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
                {t('delete.button')}
              </Button>
            )}
            <ConfirmDialog
              opened={confirmDelete}
              title={t('delete.title', { number: audit.number })}
              text={t('delete.text')}
              confirm={t('delete.confirm')}
              onClose={() => setConfirmDelete(false)}
              onConfirm={() => void remove()}
            />
          </Group>
        )}
      </Group>
      {audit && <ConflictsPanel auditId={audit.id} version={merges + dataVersion} onResolved={() => void reload()} />}
      {audit && options.some((o) => !o.check.ok && o.check.reason === 'impartiality_unjustified') && (
        <Alert color="yellow" role="status">
          {t('transition.refused.impartiality_unjustified')}
        </Alert>
      )}

      {isNew || !audit ? (
        <AuditPlanForm audit={null} standard={standard} initial={initial} readOnly={false} onSaved={onSaved} />
      ) : (
        <Tabs value={tab} onChange={(v) => setParams(v && v !== 'plan' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
          <TabList
            tabs={[
              { value: 'plan', icon: IconClipboardList, label: t('tabs.plan') },
              { value: 'checklist', icon: IconChecklist, label: t('tabs.checklist') },
              { value: 'findings', icon: IconSearch, label: t('tabs.findings') },
              { value: 'report', icon: IconFileText, label: t('tabs.report') },
            ]}
          />
          <Tabs.Panel value="plan">
            <Stack gap="md">
              <AuditPlanForm key={audit.id} audit={audit} standard={standard} initial={initial} readOnly={readOnly} onSaved={onSaved} onDirtyChange={setDirty} />
              <ApprovalPanel
                subjectKind="audit_plan"
                subjectId={audit.id}
                version={audit.revision}
                onDecided={() => void api()['audits.transitions']({ id: audit.id }).then(setOptions)}
              />
              <PlanChecklist audit={audit} standard={standard} readOnly={readOnly} />
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="checklist">
            <AuditChecklistTab audit={audit} onChanged={() => void reload()} />
          </Tabs.Panel>
          <Tabs.Panel value="findings">
            <AuditFindingsTab audit={audit} onChanged={() => void reload()} />
          </Tabs.Panel>
          <Tabs.Panel value="report">
            <AuditReportTab audit={audit} onChanged={() => void reload()} />
          </Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
