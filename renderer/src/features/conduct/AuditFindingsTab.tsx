import { isNonconformity } from '../../../../shared/domain/findings';
import { useCallback, useEffect, useState } from 'react';
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import { IconLock, IconPaperclip, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Audit } from '../../../../shared/domain/audits';
import { FINDING_TYPES, type Finding } from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { FindingCaseLink } from '../cases/FindingCaseLink';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useOrgStore } from '../org/orgStore';
import { useDataVersion } from '../../stores/dataStore';
import { FindingFormModal } from './FindingFormModal';
import { FindingStatusBadge, FindingTypeBadge, TYPE_COLOR } from './FindingBadges';
import { ErrorAlert } from '../../components/ErrorAlert';

/** The audit's findings in number order, with a count per type; each opens for editing. */
export function AuditFindingsTab({ audit, onChanged }: { audit: Audit; onChanged(): void }) {
  const { t } = useTranslation('conduct');
  const unitName = useOrgStore((s) => s.unitName);
  const [findings, setFindings] = useState<Finding[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [editing, setEditing] = useState<Finding | 'new' | null>(null);
  // Findings that arrived in a package or a sync show without leaving the tab.
  const dataVersion = useDataVersion();

  const load = useCallback(() => {
    const list = api()['findings.list'];
    return list({ auditId: audit.id }).then(setFindings, (err: unknown) => setFailed(errorMessage(t, err)));
  }, [audit.id, t]);

  useEffect(() => {
    void load();
  }, [load, dataVersion]);

  const columns: Column<Finding>[] = [
    { key: 'number', header: t('finding.number'), width: '150px', render: (f) => <Text fw={600} size="sm">{f.number}</Text> },
    { key: 'type', header: t('finding.type'), width: '240px', render: (f) => <FindingTypeBadge type={f.type} /> },
    { key: 'clauses', header: t('finding.clausesShort'), width: '90px', render: (f) => f.clauseNumbers.join(', ') },
    {
      key: 'statement',
      header: t('finding.statement'),
      width: '3fr',
      // The attachment count sits with the statement so the statement keeps the width it needs.
      render: (f) => (
        <>
          <Text size="sm" truncate title={f.statement} miw={0}>
            {f.statement}
          </Text>
          {f.attachmentCount > 0 && (
            <Group gap={2} c="dimmed" wrap="nowrap" style={{ flexShrink: 0 }} aria-label={`${t('attachments.title')}: ${f.attachmentCount}`}>
              <IconPaperclip size={14} />
              <Text size="xs">{f.attachmentCount}</Text>
            </Group>
          )}
        </>
      ),
    },
    { key: 'unit', header: t('finding.unit'), width: '1.3fr', render: (f) => <Text size="sm" truncate>{unitName(f.unitId)}</Text> },
    { key: 'status', header: t('finding.status'), width: '100px', render: (f) => <FindingStatusBadge status={f.status} /> },
    {
      key: 'case',
      header: t('cases:findingLink.case'),
      width: '190px',
      // The case lives on after the report is locked, so it is reachable from here in every state.
      render: (f) =>
        isNonconformity(f.type) ? (
          <div onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.stopPropagation()} role="presentation">
            <FindingCaseLink findingId={f.id} compact />
          </div>
        ) : null,
    },
  ];

  if (failed) {
    return <ErrorAlert error={failed} />;
  }

  return (
    <Stack gap="md">
      {audit.locked && (
        <Alert color="gray" icon={<IconLock size={18} />} role="status">
          {t('findings.locked')}
        </Alert>
      )}
      <Group justify="space-between">
        <Group gap="xs">
          {FINDING_TYPES.map((type) => {
            const n = findings?.filter((f) => f.type === type).length ?? 0;
            return n > 0 ? (
              <Badge key={type} color={TYPE_COLOR[type]} variant="light" size="lg">
                {t(`type.${type}`)}: {n}
              </Badge>
            ) : null;
          })}
        </Group>
        {!audit.locked && (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
            {t('findings.new')}
          </Button>
        )}
      </Group>
      <VirtualTable
        label={t('findings.title')}
        rows={findings ?? []}
        columns={columns}
        rowKey={(f) => f.id}
        onOpen={(f) => setEditing(f)}
        empty={findings ? t('findings.empty') : t('common:state.loading')}
        rowHeight={48}
        maxHeight="calc(100vh - 330px)"
      />
      {editing && (
        <FindingFormModal
          audit={audit}
          finding={editing === 'new' ? null : editing}
          raiseFrom={null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            void load();
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}
