import { useCallback, useEffect, useMemo, useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Paper, Select, Stack, Switch, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconArrowDown, IconArrowUp, IconEdit, IconPlus, IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { questionFields, type Question } from '../../../../shared/domain/audits';
import type { Standard } from '../../../../shared/domain/standards';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useStandardStore } from './standardStore';
import { SearchInput } from '../../components/SearchInput';

/** The organisation's own questions per clause, in Swedish and English; checklists are generated from them. */
export function QuestionBank({ standardId }: { standardId: string }) {
  const { t, i18n } = useTranslation('programme');
  const lang = i18n.language === 'sv' ? 'sv' : 'en';
  const loadStandard = useStandardStore((s) => s.load);
  const [standard, setStandard] = useState<Standard | null>(null);
  const [questions, setQuestions] = useState<Question[]>([]);
  const [clause, setClause] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [editing, setEditing] = useState<Question | 'new' | null>(null);

  const load = useCallback(
    () => api()['questions.list']({ standardId, search: '', includeArchived: true }).then(setQuestions),
    [standardId],
  );
  useEffect(() => {
    void load();
    void loadStandard(standardId).then(setStandard);
  }, [load, loadStandard, standardId]);

  const visible = useMemo(() => {
    const needle = search.trim().toLocaleLowerCase('sv');
    return questions.filter(
      (q) =>
        (showArchived || !q.archived) &&
        (!clause || q.clauseNumber === clause) &&
        (!needle || `${q.textSv} ${q.textEn}`.toLocaleLowerCase('sv').includes(needle)),
    );
  }, [questions, clause, search, showArchived]);

  const groups = useMemo(() => {
    const out: { clause: string; items: Question[] }[] = [];
    for (const q of visible) {
      const last = out.at(-1);
      if (last?.clause === q.clauseNumber) last.items.push(q);
      else out.push({ clause: q.clauseNumber, items: [q] });
    }
    return out;
  }, [visible]);

  const act = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      await load();
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  if (!standard) return null;
  const clauseTitle = (n: string) => standard.clauses.find((c) => c.number === n)?.title[lang] ?? '';
  const clauseOptions = standard.clauses.map((c) => ({ value: c.number, label: `${c.number} ${c.title[lang]}` }));

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('questions.intro')}
      </Text>
      <Group justify="space-between" align="flex-end">
        <Group align="flex-end">
          <SearchInput label={t('common:actions.search')} value={search} onChange={setSearch} w={240} />
          <Select w={320} label={t('questions.clause')} placeholder={t('questions.allClauses')} searchable clearable data={clauseOptions} value={clause} onChange={setClause} />
          <Switch label={t('common:fields.showArchived')} checked={showArchived} onChange={(e) => setShowArchived(e.currentTarget.checked)} mb={6} />
        </Group>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
          {t('questions.new')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('questions.count', { count: visible.length })}
      </Text>
      <Stack gap="sm" aria-label={t('questions.title')} role="list">
        {groups.map((g) => (
          <Paper key={g.clause} p="sm" role="listitem">
            <Text fw={600} size="sm" mb={6}>
              {g.clause} {clauseTitle(g.clause)}
            </Text>
            <Stack gap={6}>
              {g.items.map((q, i) => (
                <Group key={q.id} wrap="nowrap" align="flex-start" gap="xs" opacity={q.archived ? 0.55 : 1}>
                  <Box style={{ flex: 1 }}>
                    <Text size="sm">{lang === 'sv' ? q.textSv : q.textEn}</Text>
                    <Text size="xs" c="dimmed">
                      {lang === 'sv' ? q.textEn : q.textSv}
                    </Text>
                  </Box>
                  {q.archived && <Badge color="gray" variant="light">{t('common:state.archived')}</Badge>}
                  <Group gap={2} wrap="nowrap">
                    {!q.archived && (
                      <>
                        <ActionIcon variant="subtle" color="gray" disabled={i === 0} aria-label={t('questions.up')} onClick={() => void act(() => api()['questions.move']({ id: q.id, direction: 'up' }))}>
                          <IconArrowUp size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          disabled={!g.items.slice(i + 1).some((x) => !x.archived)}
                          aria-label={t('questions.down')}
                          onClick={() => void act(() => api()['questions.move']({ id: q.id, direction: 'down' }))}
                        >
                          <IconArrowDown size={16} />
                        </ActionIcon>
                      </>
                    )}
                    <ActionIcon variant="subtle" color="gray" aria-label={t('questions.edit')} onClick={() => setEditing(q)}>
                      <IconEdit size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={q.archived ? t('common:actions.restore') : t('common:actions.archive')}
                      onClick={() => void act(() => api()['questions.archive']({ id: q.id, revision: q.revision, archived: !q.archived }))}
                    >
                      {q.archived ? <IconRestore size={16} /> : <IconArchive size={16} />}
                    </ActionIcon>
                  </Group>
                </Group>
              ))}
            </Stack>
          </Paper>
        ))}
        {groups.length === 0 && <Text c="dimmed">{t('questions.empty')}</Text>}
      </Stack>
      {editing && (
        <QuestionForm
          question={editing === 'new' ? null : editing}
          standardId={standardId}
          defaultClause={clause}
          clauseOptions={clauseOptions}
          onClose={() => setEditing(null)}
          onSaved={() => void load()}
        />
      )}
    </Stack>
  );
}

function QuestionForm({
  question,
  standardId,
  defaultClause,
  clauseOptions,
  onClose,
  onSaved,
}: {
  question: Question | null;
  standardId: string;
  defaultClause: string | null;
  clauseOptions: { value: string; label: string }[];
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation('programme');
  const form = useSchemaForm<{ standardId: string; clauseNumber: string; textSv: string; textEn: string }>(questionFields, {
    standardId,
    clauseNumber: question?.clauseNumber ?? defaultClause ?? '',
    textSv: question?.textSv ?? '',
    textEn: question?.textEn ?? '',
  });
  const { submit, error, busy } = useSaveForm(
    form,
    (fields) => (question ? api()['questions.update']({ id: question.id, revision: question.revision, fields }) : api()['questions.create'](fields)),
    () => {
      onSaved();
      onClose();
    },
  );
  return (
    <FormModal title={question ? t('questions.edit') : t('questions.new')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <Select label={t('questions.clause')} withAsterisk searchable data={clauseOptions} {...form.getInputProps('clauseNumber')} />
      <Textarea label={t('questions.textSv')} withAsterisk autosize minRows={2} data-autofocus {...form.getInputProps('textSv')} />
      <Textarea label={t('questions.textEn')} withAsterisk autosize minRows={2} {...form.getInputProps('textEn')} />
    </FormModal>
  );
}
