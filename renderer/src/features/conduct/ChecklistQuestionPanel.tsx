import { useEffect, useRef } from 'react';
import { Alert, Badge, Button, CopyButton, Divider, Group, Kbd, Paper, SegmentedControl, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowDown, IconArrowUp, IconCircleCheck, IconCloudOff, IconLoader2, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CHECKLIST_RESULTS, type ChecklistResult } from '../../../../shared/domain/audits';
import type { ChecklistEntry } from '../../../../shared/domain/findings';
import { AttachmentsPanel } from './AttachmentsPanel';
import type { AnswerFields, SaveState } from './autosave';
import { FindingTypeBadge, RESULT_COLOR } from './FindingBadges';
import classes from './conduct.module.css';

export type AnswerValues = Required<AnswerFields>;
type TextField = 'evidence' | 'sampled' | 'interviewed';

interface Props {
  item: ChecklistEntry;
  n: number;
  total: number;
  values: AnswerValues;
  clauseTitle: string;
  readOnly: boolean;
  saveState: SaveState;
  conflict: AnswerFields | null;
  /** The field to put the cursor in once this question shows (kept when moving between questions). */
  focusField: string | null;
  onFocused(): void;
  onText(field: TextField, value: string): void;
  onResult(result: ChecklistResult): void;
  onBlur(): void;
  onPrevious(): void;
  onNext(): void;
  onRaise(): void;
  onOpenFinding(id: string): void;
  onAttachmentCount(count: number): void;
  onDismissConflict(): void;
}

/** The current question: its answer, evidence, sample, interviews, files and findings. */
export function ChecklistQuestionPanel(p: Props) {
  const { t } = useTranslation('conduct');
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!p.focusField || !root.current) return;
    const target = root.current.querySelector<HTMLElement>(
      p.focusField === 'result' ? '[data-field="result"] input:checked' : `[data-field="${p.focusField}"]`,
    );
    target?.focus();
    p.onFocused();
    // Only when the question changes: that is when the cursor must follow.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.item.id]);

  const resultOptions = CHECKLIST_RESULTS.map((r, i) => ({
    value: r,
    label: (
      <Group gap={0} wrap="nowrap" justify="center">
        <Kbd className={classes.kbd} aria-hidden>
          {i + 1}
        </Kbd>
        <span>{t(`result.${r}`)}</span>
      </Group>
    ),
  }));

  return (
    <Paper p="lg" ref={root} component="section" aria-label={t('checklist.question', { n: p.n, total: p.total })}>
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="nowrap">
          <Group gap="xs">
            <Badge variant="outline" color="gray" size="lg">
              {p.item.clauseNumber ?? t('checklist.noClause')}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('checklist.question', { n: p.n, total: p.total })}
              {p.clauseTitle && ` · ${p.clauseTitle}`}
            </Text>
          </Group>
          <SaveStatus state={p.saveState} />
        </Group>
        <Title order={3} fw={600} style={{ lineHeight: 1.35 }}>
          {p.item.text}
        </Title>

        {p.conflict && <ConflictNotice lost={p.conflict} onDismiss={p.onDismissConflict} />}

        <div>
          <Text size="sm" fw={500} mb={6} id={`result-label-${p.item.id}`}>
            {t('result.label')}
          </Text>
          <SegmentedControl
            data-field="result"
            fullWidth
            value={p.values.result}
            onChange={(v) => p.onResult(v as ChecklistResult)}
            data={resultOptions}
            disabled={p.readOnly}
            color={RESULT_COLOR[p.values.result] === 'gray' ? 'gray' : RESULT_COLOR[p.values.result]}
            aria-labelledby={`result-label-${p.item.id}`}
            transitionDuration={120}
          />
        </div>

        <Textarea
          data-field="evidence"
          label={t('checklist.evidence')}
          placeholder={t('checklist.evidencePlaceholder')}
          autosize
          minRows={5}
          maxRows={16}
          value={p.values.evidence}
          readOnly={p.readOnly}
          onChange={(e) => p.onText('evidence', e.currentTarget.value)}
          onBlur={p.onBlur}
        />
        <Group grow align="flex-start">
          {(['sampled', 'interviewed'] as const).map((field) => (
            <TextInput
              key={field}
              data-field={field}
              label={t(`checklist.${field}`)}
              placeholder={t(`checklist.${field}Placeholder`)}
              value={p.values[field]}
              readOnly={p.readOnly}
              onChange={(e) => p.onText(field, e.currentTarget.value)}
              onBlur={p.onBlur}
            />
          ))}
        </Group>

        <AttachmentsPanel key={p.item.id} ownerType="checklist_item" ownerId={p.item.id} readOnly={p.readOnly} onCountChange={p.onAttachmentCount} />

        <Divider />
        <Group justify="space-between" align="center">
          <Group gap="xs">
            {p.item.findings.length > 0 && (
              <Text size="sm" c="dimmed">
                {t('checklist.raisedFrom')}:
              </Text>
            )}
            {p.item.findings.map((f) => (
              <Button key={f.id} variant="light" color="gray" size="compact-sm" onClick={() => p.onOpenFinding(f.id)} rightSection={<FindingTypeBadge type={f.type} size="xs" />}>
                {f.number}
              </Button>
            ))}
          </Group>
          {!p.readOnly && (
            <Button variant="light" color="orange" leftSection={<IconAlertTriangle size={16} />} onClick={p.onRaise} rightSection={<Kbd size="xs">Ctrl+Shift+F</Kbd>}>
              {t('checklist.raise')}
            </Button>
          )}
        </Group>
        <Group justify="space-between">
          <Button variant="default" leftSection={<IconArrowUp size={16} />} onClick={p.onPrevious} disabled={p.n <= 1}>
            {t('checklist.previous')}
          </Button>
          <Button leftSection={<IconArrowDown size={16} />} onClick={p.onNext} disabled={p.n >= p.total}>
            {t('checklist.next')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function SaveStatus({ state }: { state: SaveState }) {
  const { t, i18n } = useTranslation('conduct');
  const view = (() => {
    switch (state.kind) {
      case 'saved':
        return { icon: <IconCircleCheck size={16} />, color: 'teal.8', text: t('autosave.saved', { time: state.at.toLocaleTimeString(i18n.language === 'sv' ? 'sv-SE' : 'en-GB') }) };
      case 'saving':
        return { icon: <IconLoader2 size={16} />, color: 'dimmed', text: t('autosave.saving') };
      case 'pending':
        return { icon: <IconPencil size={16} />, color: 'dimmed', text: t('autosave.pending') };
      case 'offline':
        return { icon: <IconCloudOff size={16} />, color: 'red.7', text: t('autosave.offline') };
      default:
        return { icon: <IconCircleCheck size={16} />, color: 'dimmed', text: t('autosave.unchanged') };
    }
  })();
  return (
    <Group gap={4} c={view.color} role="status" aria-live="polite" wrap="nowrap" style={{ flexShrink: 0 }}>
      {view.icon}
      <Text size="sm" c={view.color}>
        {view.text}
      </Text>
    </Group>
  );
}

function ConflictNotice({ lost, onDismiss }: { lost: AnswerFields; onDismiss(): void }) {
  const { t } = useTranslation('conduct');
  const texts = (['evidence', 'sampled', 'interviewed'] as const).filter((f) => lost[f]);
  return (
    <Alert color="yellow" role="alert" title={t('autosave.conflictTitle')} withCloseButton closeButtonLabel={t('autosave.dismiss')} onClose={onDismiss}>
      <Stack gap="xs">
        <Text size="sm">{t('autosave.conflict')}</Text>
        {texts.map((f) => (
          <div key={f}>
            <Text size="xs" fw={600}>
              {t('autosave.yourText', { field: t(`checklist.${f}`) })}
            </Text>
            <Group gap="xs" align="flex-start" wrap="nowrap">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', flex: 1 }} bg="white" p={6}>
                {lost[f]}
              </Text>
              <CopyButton value={lost[f] ?? ''}>
                {({ copied, copy }) => (
                  <Button size="compact-xs" variant="default" onClick={copy}>
                    {copied ? t('autosave.copied') : t('autosave.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </div>
        ))}
      </Stack>
    </Alert>
  );
}
