import { useEffect, useRef } from 'react';
import { Badge, Group, Progress, ScrollArea, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconPaperclip } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ChecklistResult } from '../../../../shared/domain/audits';
import { checklistProgress, type ChecklistEntry } from '../../../../shared/domain/findings';
import { RESULT_COLOR, ResultBadge } from './FindingBadges';
import classes from './conduct.module.css';

interface Props {
  items: ChecklistEntry[];
  current: number;
  resultOf(item: ChecklistEntry): ChecklistResult;
  onSelect(index: number): void;
}

const SECTIONS: ChecklistResult[] = ['conforming', 'observation', 'nonconforming', 'not_applicable'];

/** The left column: how far the audit has come, and every question with its answer at a glance. */
export function ChecklistQuestionList({ items, current, resultOf, onSelect }: Props) {
  const { t } = useTranslation('conduct');
  const progress = checklistProgress(items.map((i) => ({ result: resultOf(i) })));
  const currentRef = useRef<HTMLButtonElement>(null);
  const viewport = useRef<HTMLDivElement>(null);
  // Keeps the current question in view inside the list only; scrollIntoView would move the page too.
  useEffect(() => {
    const list = viewport.current;
    const row = currentRef.current;
    if (!list || !row) return;
    const top = row.getBoundingClientRect().top - list.getBoundingClientRect().top + list.scrollTop;
    if (top < list.scrollTop || top + row.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTo({ top: Math.max(0, top - list.clientHeight / 3) });
    }
  }, [current]);

  return (
    <Stack gap="sm">
      <div>
        <Group justify="space-between" mb={6}>
          <Text size="sm" fw={600}>
            {t('checklist.progress', { answered: progress.answered, total: progress.total })}
          </Text>
          <Text size="sm" c="dimmed">
            {progress.percent} %
          </Text>
        </Group>
        <Progress.Root size="lg" aria-label={t('checklist.progress', { answered: progress.answered, total: progress.total })}>
          {SECTIONS.map((r) =>
            progress.byResult[r] > 0 ? (
              <Tooltip key={r} label={`${t(`result.${r}`)}: ${progress.byResult[r]}`}>
                <Progress.Section value={(progress.byResult[r] * 100) / Math.max(1, progress.total)} color={r === 'not_applicable' ? 'gray.5' : RESULT_COLOR[r]} />
              </Tooltip>
            ) : null,
          )}
        </Progress.Root>
        <Group gap="xs" mt={6}>
          {SECTIONS.filter((r) => progress.byResult[r] > 0).map((r) => (
            <Badge key={r} size="xs" variant="dot" color={r === 'not_applicable' ? 'gray' : RESULT_COLOR[r]}>
              {t(`result.${r}`)} {progress.byResult[r]}
            </Badge>
          ))}
        </Group>
      </div>
      <ScrollArea.Autosize mah="calc(100vh - 360px)" type="auto" offsetScrollbars viewportRef={viewport}>
        <nav aria-label={t('checklist.questions')}>
          <ol className={classes.questionList}>
            {items.map((item, i) => {
              const result = resultOf(item);
              const active = i === current;
              return (
                <li key={item.id}>
                  <UnstyledButton
                    ref={active ? currentRef : undefined}
                    className={classes.question}
                    data-active={active || undefined}
                    aria-current={active ? 'step' : undefined}
                    aria-label={`${i + 1}. ${item.text} – ${t(`result.${result}`)}`}
                    onClick={() => onSelect(i)}
                  >
                    <Group gap={8} wrap="nowrap" align="flex-start">
                      <Text size="xs" c="dimmed" w={22} ta="right" pt={2} style={{ flexShrink: 0 }}>
                        {i + 1}
                      </Text>
                      <div style={{ minWidth: 0, flex: 1 }}>
                        <Text size="sm" lineClamp={2} fw={active ? 600 : 400}>
                          {item.text}
                        </Text>
                        <Group gap={6} mt={4}>
                          <ResultBadge result={result} size="xs" />
                          <Text size="xs" c="dimmed">
                            {item.clauseNumber ?? t('checklist.noClause')}
                          </Text>
                          {item.attachmentCount > 0 && (
                            <Group gap={2} c="dimmed">
                              <IconPaperclip size={12} aria-hidden />
                              <Text size="xs">{item.attachmentCount}</Text>
                            </Group>
                          )}
                          {item.findings.length > 0 && (
                            <Group gap={2} c="orange.8">
                              <IconAlertTriangle size={12} aria-hidden />
                              <Text size="xs">{item.findings.length}</Text>
                            </Group>
                          )}
                        </Group>
                      </div>
                    </Group>
                  </UnstyledButton>
                </li>
              );
            })}
          </ol>
        </nav>
      </ScrollArea.Autosize>
    </Stack>
  );
}
