import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Grid, Group, Kbd, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { CHECKLIST_RESULTS, type Audit, type ChecklistResult } from '../../../../shared/domain/audits';
import type { ChecklistEntry, Finding } from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { AnswerAutosaver, type AnswerFields, type SaveState } from './autosave';
import { ChecklistQuestionList } from './ChecklistQuestionList';
import { ChecklistQuestionPanel, type AnswerValues } from './ChecklistQuestionPanel';
import { FindingFormModal } from './FindingFormModal';
import { clauseTitle, useStandard } from './useStandard';
import classes from './conduct.module.css';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Pause in typing after which an answer is saved; well inside the promise of "within a second". */
const AUTOSAVE_DELAY_MS = 400;
const RETRY_MS = 2000;

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && !['radio', 'checkbox', 'button', 'submit'].includes((target as HTMLInputElement).type);
}

/**
 * Conducting the audit: the question list on the left, the current question on the right, every
 * edit saved as it is typed. Built for the keyboard: 1–5 answer, Alt+↑/↓ (or J/K, or Ctrl+Enter)
 * move between questions, Ctrl+Shift+F raises a finding from the question.
 */
export function AuditChecklistTab({ audit, onChanged }: { audit: Audit; onChanged(): void }) {
  const { t, i18n } = useTranslation('conduct');
  const standard = useStandard(audit.standardId);
  const [params, setParams] = useSearchParams();
  const [items, setItems] = useState<ChecklistEntry[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  /** What the person typed, newer than anything the server has confirmed; shown in preference. */
  const [drafts, setDrafts] = useState<Record<string, AnswerFields>>({});
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const [conflicts, setConflicts] = useState<Record<string, AnswerFields>>({});
  const [lockedNow, setLockedNow] = useState(false);
  const [raising, setRaising] = useState<{ item: ChecklistEntry; n: number } | null>(null);
  const [openFinding, setOpenFinding] = useState<Finding | null>(null);
  const [focusField, setFocusField] = useState<string | null>(null);
  const savers = useRef(new Map<string, AnswerAutosaver>());
  const readOnly = audit.locked || lockedNow;

  const load = useCallback(() => {
    const list = api()['checklist.list'];
    return list({ auditId: audit.id }).then(
      (entries) => {
        setItems(entries);
        return entries;
      },
      (err: unknown) => {
        setFailed(errorMessage(t, err));
        return null;
      },
    );
  }, [audit.id, t]);

  useEffect(() => {
    void load();
  }, [load]);

  // Leaving the tab, the page or the window sends whatever is still waiting.
  useEffect(() => {
    const all = savers.current;
    const flushAll = () => all.forEach((s) => void s.flush());
    const onHide = () => document.visibilityState === 'hidden' && flushAll();
    window.addEventListener('beforeunload', flushAll);
    window.addEventListener('pagehide', flushAll);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('beforeunload', flushAll);
      window.removeEventListener('pagehide', flushAll);
      document.removeEventListener('visibilitychange', onHide);
      flushAll();
    };
  }, []);

  const count = items?.length ?? 0;
  const requested = Number(params.get('q') ?? '1');
  const index = Math.min(Math.max(Number.isFinite(requested) ? requested - 1 : 0, 0), Math.max(count - 1, 0));
  const item = items?.[index] ?? null;

  const valuesOf = useCallback(
    (i: ChecklistEntry): AnswerValues => ({
      result: drafts[i.id]?.result ?? i.result,
      evidence: drafts[i.id]?.evidence ?? i.evidence,
      sampled: drafts[i.id]?.sampled ?? i.sampled,
      interviewed: drafts[i.id]?.interviewed ?? i.interviewed,
    }),
    [drafts],
  );

  const handleConflict = useCallback(
    async (itemId: string, lost: AnswerFields) => {
      const fresh = await load();
      const now = fresh?.find((i) => i.id === itemId);
      if (now) savers.current.get(itemId)?.rebase(now.revision);
      setDrafts((d) => {
        const next = { ...d };
        delete next[itemId];
        return next;
      });
      setConflicts((c) => ({ ...c, [itemId]: lost }));
    },
    [load],
  );

  const saverFor = (target: ChecklistEntry): AnswerAutosaver => {
    let saver = savers.current.get(target.id);
    if (!saver) {
      saver = new AnswerAutosaver(target.id, target.revision, {
        delayMs: AUTOSAVE_DELAY_MS,
        retryMs: RETRY_MS,
        save: (id, revision, fields) => api()['checklist.update']({ id, revision, fields }),
        onSaved: (entry) => setItems((list) => list?.map((i) => (i.id === entry.id ? entry : i)) ?? list),
        onState: (state) => setSaveStates((s) => ({ ...s, [target.id]: state })),
        onConflict: (lost) => void handleConflict(target.id, lost),
        onLocked: () => {
          setLockedNow(true);
          notifications.show({ color: 'red', message: t('checklist.locked') });
        },
      });
      savers.current.set(target.id, saver);
    }
    return saver;
  };

  const edit = (fields: AnswerFields, immediate = false) => {
    if (!item || readOnly) return;
    setDrafts((d) => ({ ...d, [item.id]: { ...d[item.id], ...fields } }));
    saverFor(item).change(fields, immediate);
  };

  const go = (to: number) => {
    if (!items || to < 0 || to >= items.length || to === index) return;
    if (item) void savers.current.get(item.id)?.flush();
    const active = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setFocusField(active?.closest('[data-field]')?.getAttribute('data-field') ?? null);
    setParams(
      (p) => {
        p.set('q', String(to + 1));
        return p;
      },
      { replace: true },
    );
  };

  const raise = async () => {
    if (!item || readOnly) return;
    // The finding is prefilled from the answer, so the answer must be stored first.
    await savers.current.get(item.id)?.flush();
    setRaising({ item, n: index + 1 });
  };

  const showFinding = async (id: string) => {
    try {
      setOpenFinding(await api()['findings.get']({ id }));
    } catch (err) {
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  const modalOpen = raising !== null || openFinding !== null;
  const keyState = useRef({ go, edit, raise, index, modalOpen, count });
  useEffect(() => {
    keyState.current = { go, edit, raise, index, modalOpen, count };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keyState.current;
      if (k.modalOpen || k.count === 0 || e.defaultPrevented) return;
      // A dialog (image preview, confirmation) has the keyboard to itself.
      if (document.querySelector('[role="dialog"]')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (e.altKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
        e.preventDefault();
        k.go(k.index + (e.key === 'ArrowDown' ? 1 : -1));
      } else if (mod && e.key === 'Enter') {
        e.preventDefault();
        k.go(k.index + 1);
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        void k.raise();
      } else if (!isTyping(e.target) && !mod && !e.altKey) {
        if (/^[1-5]$/.test(e.key)) {
          e.preventDefault();
          k.edit({ result: CHECKLIST_RESULTS[Number(e.key) - 1] as ChecklistResult }, true);
        } else if (e.key === 'j' || e.key === 'k') {
          e.preventDefault();
          k.go(k.index + (e.key === 'j' ? 1 : -1));
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (failed) {
    return <ErrorAlert error={failed} />;
  }
  if (!items) {
    return (
      <Loading />
    );
  }
  if (items.length === 0) {
    return (
      <Paper p="lg">
        <Text c="dimmed">{t('checklist.empty')}</Text>
      </Paper>
    );
  }

  return (
    <Stack gap="md">
      {readOnly && (
        <Alert color="gray" icon={<IconLock size={18} />} role="status">
          {t('checklist.locked')}
        </Alert>
      )}
      <Grid gutter="md" align="flex-start">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Paper p="md" className={classes.sticky}>
            <ChecklistQuestionList items={items} current={index} resultOf={(i) => valuesOf(i).result} onSelect={go} />
            <ShortcutHelp />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8 }}>
          {item && (
            <ChecklistQuestionPanel
              item={item}
              n={index + 1}
              total={items.length}
              values={valuesOf(item)}
              clauseTitle={clauseTitle(standard, item.clauseNumber, i18n.language)}
              readOnly={readOnly}
              saveState={saveStates[item.id] ?? { kind: 'idle' }}
              conflict={conflicts[item.id] ?? null}
              focusField={focusField}
              onFocused={() => setFocusField(null)}
              onText={(field, value) => edit({ [field]: value })}
              onResult={(result) => edit({ result }, true)}
              onBlur={() => void savers.current.get(item.id)?.flush()}
              onPrevious={() => go(index - 1)}
              onNext={() => go(index + 1)}
              onRaise={() => void raise()}
              onOpenFinding={(id) => void showFinding(id)}
              onAttachmentCount={(n) => setItems((list) => list?.map((i) => (i.id === item.id ? { ...i, attachmentCount: n } : i)) ?? list)}
              onDismissConflict={() =>
                setConflicts((c) => {
                  const next = { ...c };
                  delete next[item.id];
                  return next;
                })
              }
            />
          )}
        </Grid.Col>
      </Grid>
      {modalOpen && (
        // one modal for both ways in: a new finding raised from a question, or an existing one opened
        <FindingFormModal
          key={openFinding ? openFinding.id : `raise-${raising?.item.id}`}
          audit={audit}
          finding={openFinding}
          raiseFrom={openFinding ? null : raising}
          onClose={() => {
            setRaising(null);
            setOpenFinding(null);
          }}
          onSaved={() => {
            void load();
            onChanged();
          }}
        />
      )}
    </Stack>
  );
}

function ShortcutHelp() {
  const { t } = useTranslation('conduct');
  const rows: [string[], string][] = [
    [['1', '–', '5'], t('checklist.shortcutResult')],
    [['Alt+↓', 'Alt+↑'], t('checklist.shortcutMove')],
    [['Ctrl+Enter'], t('checklist.shortcutNext')],
    [['J', 'K'], t('checklist.shortcutMoveTyping')],
    [['Ctrl+Shift+F'], t('checklist.shortcutRaise')],
  ];
  return (
    <Stack gap={4} mt="md" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }} aria-label={t('checklist.shortcuts')}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {t('checklist.shortcuts')}
      </Text>
      {rows.map(([keys, label]) => (
        <Group key={label} gap={6} wrap="nowrap">
          <Group gap={2} wrap="nowrap" miw={120}>
            {keys.map((k) => (k === '–' ? <Text key={k} size="xs">–</Text> : <Kbd key={k} size="xs">{k}</Kbd>))}
          </Group>
          <Text size="xs" c="dimmed">
            {label}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}
