import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash, IconWand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Audit, ChecklistItem } from '../../../../shared/domain/audits';
import type { Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { PanelHeader } from '../../components/PanelHeader';

/**
 * The planning side of the checklist: generated from the plan's clauses out of the question bank,
 * then questions added, removed and put in order. Answering happens on the Checklist tab.
 */
export function PlanChecklist({ audit, standard, readOnly }: { audit: Audit; standard: Standard; readOnly: boolean }) {
  const { t, i18n } = useTranslation('audits');
  const lang = i18n.language === 'sv' ? 'sv' : 'en';
  const [items, setItems] = useState<ChecklistItem[] | null>(null);
  const [text, setText] = useState('');
  const [clause, setClause] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => api()['checklist.list']({ auditId: audit.id }).then(setItems), [audit.id]);
  useEffect(() => {
    void load();
  }, [load, audit.revision]);

  const run = async (action: () => Promise<ChecklistItem[]>) => {
    setBusy(true);
    try {
      setItems(await action());
      return true;
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
      void load();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, by: -1 | 1) => {
    if (!items) return;
    const ids = items.map((i) => i.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id as string);
    void run(() => api()['checklist.reorder']({ auditId: audit.id, ids }));
  };

  const clauseOptions = audit.clauseNumbers.map((n) => {
    const c = standard.clauses.find((x) => x.number === n);
    return { value: n, label: c ? `${n} ${c.title[lang]}` : n };
  });

  return (
    <Paper p="md" component="section" aria-label={t('checklistPlan.title')}>
      <Group justify="space-between" mb="xs">
        <PanelHeader title={t('checklistPlan.title')} help={t('checklistPlan.intro')} />
        {!readOnly && (
          <Button
            leftSection={<IconWand size={16} />}
            variant="light"
            loading={busy}
            onClick={() =>
              void run(() => api()['checklist.generate']({ auditId: audit.id, lang })).then(
                (ok) => ok && notifications.show({ color: 'green', message: t('checklistPlan.generated'), autoClose: 2000 }),
              )
            }
          >
            {t('checklistPlan.generate')}
          </Button>
        )}
      </Group>
      {items && items.length === 0 && (
        <Text c="dimmed" size="sm" my="md">
          {t('checklistPlan.empty')}
        </Text>
      )}
      <Stack gap={4} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('checklistPlan.list')}>
        {items?.map((item, i) => (
          <Group key={item.id} component="li" gap="xs" wrap="nowrap" py={4} style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="sm" c="dimmed" w={28} ta="right">
              {i + 1}.
            </Text>
            <Badge variant="light" color="gray" w={72} style={{ flexShrink: 0 }}>
              {item.clauseNumber ?? t('checklistPlan.noClause')}
            </Badge>
            <Text size="sm" style={{ flex: 1 }}>
              {item.text}
            </Text>
            {!readOnly && (
              <Group gap={2} wrap="nowrap">
                <ActionIcon variant="subtle" color="gray" disabled={busy || i === 0} aria-label={t('checklistPlan.up', { n: i + 1 })} onClick={() => move(i, -1)}>
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon variant="subtle" color="gray" disabled={busy || i === items.length - 1} aria-label={t('checklistPlan.down', { n: i + 1 })} onClick={() => move(i, 1)}>
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  disabled={busy}
                  aria-label={t('checklistPlan.remove', { n: i + 1 })}
                  onClick={() => void run(() => api()['checklist.remove']({ auditId: audit.id, id: item.id }))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            )}
          </Group>
        ))}
      </Stack>
      {!readOnly && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            void run(() => api()['checklist.add']({ auditId: audit.id, text, clauseNumber: clause })).then((ok) => {
              if (ok) setText('');
            });
          }}
        >
          <Group mt="md" align="flex-end" gap="xs" wrap="nowrap">
            <Select w={260} label={t('checklistPlan.clause')} clearable searchable data={clauseOptions} value={clause} onChange={setClause} />
            <TextInput style={{ flex: 1 }} label={t('checklistPlan.newQuestion')} value={text} onChange={(e) => setText(e.currentTarget.value)} />
            <Button type="submit" variant="default" leftSection={<IconPlus size={16} />} disabled={!text.trim() || busy}>
              {t('checklistPlan.add')}
            </Button>
          </Group>
        </form>
      )}
    </Paper>
  );
}
