import { useEffect, useState } from 'react';
import { Anchor, Badge, Divider, Drawer, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isNonconformity, type Finding } from '../../../../shared/domain/findings';
import { FindingCaseLink } from '../cases/FindingCaseLink';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { AttachmentsPanel } from './AttachmentsPanel';
import { FindingStatusBadge, FindingTypeBadge } from './FindingBadges';
import { useOrgStore } from '../org/orgStore';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';

function Part({ label, text }: { label: string; text: string }) {
  if (!text.trim()) return null;
  return (
    <div>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase" mb={2}>
        {label}
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {text}
      </Text>
    </div>
  );
}

/** One finding read from the register; changes are made in its audit, where the lock applies. */
export function FindingDrawer({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation('findings');
  const { unitName, processName } = useOrgStore();
  const [finding, setFinding] = useState<Finding | null>(null);
  const [failed, setFailed] = useState<string | null>(null);

  useEffect(() => {
    const get = api()['findings.get'];
    get({ id }).then(setFinding, (err: unknown) => setFailed(errorMessage(t, err)));
  }, [id, t]);

  const nc = finding ? isNonconformity(finding.type) : false;
  return (
    <Drawer opened onClose={onClose} position="right" size="xl" title={finding ? t('detail', { number: finding.number }) : ''}>
      <ErrorAlert error={failed} />
      {!finding && !failed && (
        <Loading />
      )}
      {finding && (
        <Stack gap="md">
          <Group gap="xs">
            <FindingTypeBadge type={finding.type} size="md" />
            <FindingStatusBadge status={finding.status} />
            {finding.clauseNumbers.map((c) => (
              <Badge key={c} variant="outline" color="gray">
                {c}
              </Badge>
            ))}
            <Badge variant="light" color="gray">
              {t(`conduct:source.${finding.requirementSource}`)}
            </Badge>
          </Group>
          {nc && <FindingCaseLink findingId={finding.id} />}
          <Anchor component={Link} to={`/audits/${finding.auditId}?tab=findings`} size="sm" onClick={onClose}>
            <Group gap={4}>
              {t('openAudit', { number: finding.auditNumber })}: {finding.auditTitle}
              <IconArrowRight size={14} />
            </Group>
          </Anchor>
          <Group gap="xl">
            {finding.unitId && <Part label={t('conduct:finding.unit')} text={unitName(finding.unitId)} />}
            {finding.processId && <Part label={t('conduct:finding.process')} text={processName(finding.processId)} />}
          </Group>
          <Divider />
          <Part label={t('conduct:finding.requirement')} text={finding.requirement} />
          <Part label={t('conduct:finding.evidence')} text={finding.evidence} />
          <Part label={nc ? t('conduct:finding.statementNc') : t('conduct:finding.statement')} text={finding.statement} />
          <Part label={t('conduct:finding.response')} text={finding.auditeeResponse} />
          <Divider />
          <AttachmentsPanel ownerType="finding" ownerId={finding.id} readOnly />
        </Stack>
      )}
    </Drawer>
  );
}
