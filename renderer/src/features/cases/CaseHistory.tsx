import { useEffect, useState } from 'react';
import { Paper, Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AuditTrailEntry } from '../../../../shared/contract/app';
import { api } from '../../api/client';
import { formatMoment } from '../../components/dates';

/** The line under an entry: the action it was about, or the evidence of a verification. */
function detailOf(e: AuditTrailEntry): string {
  const field = (v: unknown, key: string) => (v && typeof v === 'object' && key in v ? String((v as Record<string, unknown>)[key]) : '');
  if (e.action.endsWith('_action')) return field(e.after, 'description') || field(e.before, 'description');
  if (e.action.startsWith('verify_')) return field((e.after as { verification?: unknown } | null)?.verification, 'evidence');
  return '';
}

/** Who changed what and when, from the audit trail; `revision` reloads it after each change. */
export function CaseHistory({ caseId, revision }: { caseId: string; revision: number }) {
  const { t, i18n } = useTranslation('cases');
  const [entries, setEntries] = useState<AuditTrailEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    void api()['trail.list']({ entityId: caseId, limit: 500 }).then((e) => live && setEntries(e));
    return () => {
      live = false;
    };
  }, [caseId, revision]);
  if (!entries) return null;
  const when = formatMoment;
  return (
    <Paper p="lg">
      {entries.length === 0 ? (
        <Text size="sm" c="dimmed">{t('history.empty')}</Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} aria-label={t('history.label')}>
          {entries.map((e) => {
            const status = (e.after as { status?: string } | null)?.status;
            return (
              <Timeline.Item key={e.id} title={t(`history.${e.action}`, { status: status ? t(`status.${status}`).toLocaleLowerCase(i18n.language) : '', defaultValue: e.action })}>
                {detailOf(e) && <Text size="sm">{detailOf(e)}</Text>}
                <Text size="xs" c="dimmed">
                  {when(e.at)} · {e.actor}
                  {e.importedFrom && ` · ${t('history.imported', { at: when(e.importedFrom.importedAt) })}`}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Paper>
  );
}
