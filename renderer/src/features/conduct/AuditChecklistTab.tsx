import { useEffect, useState } from 'react';
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Audit, ChecklistItem } from '../../../../shared/domain/audits';
import { api } from '../../api/client';

/** The audit's checklist, read only: answering it is added by the audit-conduct feature. */
export function AuditChecklistTab({ audit }: { audit: Audit; onChanged(): void }) {
  const { t } = useTranslation('audits');
  const [items, setItems] = useState<ChecklistItem[]>([]);
  useEffect(() => {
    void api()['checklist.list']({ auditId: audit.id }).then(setItems);
  }, [audit.id, audit.revision]);
  return (
    <Paper p="md">
      <Stack gap={6}>
        {items.length === 0 && <Text c="dimmed">{t('checklistPlan.empty')}</Text>}
        {items.map((item, i) => (
          <Group key={item.id} gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed" w={28} ta="right">{i + 1}.</Text>
            <Badge variant="light" color="gray">{item.clauseNumber ?? t('checklistPlan.noClause')}</Badge>
            <Text size="sm">{item.text}</Text>
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
