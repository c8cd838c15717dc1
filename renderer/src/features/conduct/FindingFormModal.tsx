import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Alert, Button, Group, Modal, MultiSelect, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconLock, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Audit } from '../../../../shared/domain/audits';
import {
  FINDING_TYPES,
  findingFields,
  isNonconformity,
  REQUIREMENT_SOURCES,
  type ChecklistEntry,
  type Finding,
  type FindingType,
  type RequirementSource,
} from '../../../../shared/domain/findings';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { useSaveForm } from '../../components/useSaveForm';
import { useSchemaForm } from '../../components/useSchemaForm';
import { useOrgStore } from '../org/orgStore';
import { AttachmentsPanel, PendingFiles, uploadPending } from './AttachmentsPanel';
import { useStandard } from './useStandard';
import { Loading } from '../../components/Loading';
import { ErrorAlert } from '../../components/ErrorAlert';

type FormValues = {
  type: string;
  clauseNumbers: string[];
  requirementSource: string;
  requirement: string;
  evidence: string;
  statement: string;
  unitId: string | null;
  processId: string | null;
  auditeeResponse: string;
};

const fromFinding = (f: Finding): FormValues => ({
  type: f.type, clauseNumbers: f.clauseNumbers, requirementSource: f.requirementSource, requirement: f.requirement,
  evidence: f.evidence, statement: f.statement, unitId: f.unitId, processId: f.processId, auditeeResponse: f.auditeeResponse,
});

const blank = (audit: Audit): FormValues => ({
  type: 'observation', clauseNumbers: [], requirementSource: 'iso', requirement: '', evidence: '', statement: '',
  unitId: audit.unitIds[0] ?? null, processId: audit.processIds[0] ?? null, auditeeResponse: '',
});

interface Props {
  audit: Audit;
  /** The finding to show and edit; null for a new one. */
  finding: Finding | null;
  /** A new finding raised from this checklist question, prefilled from its answer. */
  raiseFrom: { item: ChecklistEntry; n: number } | null;
  onClose(): void;
  onSaved(finding: Finding): void;
}

/** One finding: the statement in its parts, the clauses, where it was found, the files, the auditee's answer. */
export function FindingFormModal({ audit, finding, raiseFrom, onClose, onSaved }: Props) {
  const { t, i18n } = useTranslation('conduct');
  const [initial, setInitial] = useState<FormValues | null>(finding ? fromFinding(finding) : raiseFrom ? null : blank(audit));
  const [failed, setFailed] = useState<string | null>(null);
  const lang = i18n.language === 'sv' ? 'sv' : 'en';

  useEffect(() => {
    if (!raiseFrom) return;
    const prefill = api()['findings.prefill'];
    prefill({ checklistItemId: raiseFrom.item.id, lang }).then((draft) => setInitial({ ...draft.fields }), (err: unknown) => setFailed(errorMessage(t, err)));
  }, [raiseFrom, lang, t]);

  const title = finding ? t('findings.edit', { number: finding.number }) : raiseFrom ? t('findings.raiseTitle', { n: raiseFrom.n }) : t('findings.new');
  return (
    <Modal opened onClose={onClose} title={title} size="xl" centered closeOnClickOutside={false}>
      <ErrorAlert error={failed} />
      {!initial && !failed && (
        <Loading h={160} />
      )}
      {initial && (
        <FindingForm audit={audit} finding={finding} raiseFrom={raiseFrom} initial={initial} title={title} onClose={onClose} onSaved={onSaved} />
      )}
    </Modal>
  );
}

function FindingForm({ audit, finding, raiseFrom, initial, title, onClose, onSaved }: Props & { initial: FormValues; title: string }) {
  const { t, i18n } = useTranslation('conduct');
  const lang = i18n.language === 'sv' ? 'sv' : 'en';
  const standard = useStandard(audit.standardId);
  const { units, processes } = useOrgStore();
  const [pending, setPending] = useState<File[]>([]);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const locked = audit.locked || !!finding?.locked;
  const form = useSchemaForm<FormValues>(findingFields, initial);
  const statementRef = useRef<HTMLTextAreaElement>(null);
  // Raised from a question, everything else is prefilled: the cursor waits where the words go.
  // (The form appears after the prefill arrives, too late for the modal's own autofocus.)
  useEffect(() => {
    if (!raiseFrom) return;
    const id = setTimeout(() => statementRef.current?.focus(), 50);
    return () => clearTimeout(id);
  }, [raiseFrom]);

  const { submit, error, busy } = useSaveForm(
    form,
    async (v) => {
      const fields = { ...v, type: v.type as FindingType, requirementSource: v.requirementSource as RequirementSource };
      if (finding) return api()['findings.update']({ id: finding.id, revision: finding.revision, fields });
      const created = await api()['findings.create']({ auditId: audit.id, checklistItemId: raiseFrom?.item.id ?? null, lang, fields });
      if (pending.length) await uploadPending(t, 'finding', created.id, pending);
      notifications.show({ color: 'green', message: t('findings.created', { number: created.number }), autoClose: 3000 });
      return created;
    },
    (saved) => {
      onSaved(saved);
      onClose();
    },
  );

  const remove = async () => {
    if (!finding) return;
    try {
      await api()['findings.delete']({ id: finding.id, revision: finding.revision });
      notifications.show({ message: t('findings.deleted', { number: finding.number }) });
      onSaved(finding);
      onClose();
    } catch (err) {
      setConfirmDelete(false);
      notifications.show({ color: 'red', message: errorMessage(t, err) });
    }
  };

  const clauseOptions = useMemo(() => {
    if (!standard) return form.values.clauseNumbers.map((n) => ({ value: n, label: n }));
    const label = (n: string) => `${n} ${standard.clauses.find((c) => c.number === n)?.title[lang] ?? ''}`.trim();
    const inAudit = new Set(audit.clauseNumbers);
    return [
      { group: audit.number, items: standard.clauses.filter((c) => inAudit.has(c.number)).map((c) => ({ value: c.number, label: label(c.number) })) },
      { group: standard.name[lang], items: standard.clauses.filter((c) => !inAudit.has(c.number)).map((c) => ({ value: c.number, label: label(c.number) })) },
    ].filter((g) => g.items.length > 0);
  }, [standard, audit.clauseNumbers, audit.number, lang, form.values.clauseNumbers]);

  const pick = <T extends { id: string; name: string; archived: boolean }>(rows: T[], current: string | null) =>
    rows.filter((r) => !r.archived || r.id === current).map((r) => ({ value: r.id, label: r.name }));

  const nc = isNonconformity(form.values.type as FindingType);
  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && !locked) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={submit} onKeyDown={onKeyDown} noValidate aria-label={title}>
      <Stack gap="sm">
        {locked && (
          <Alert color="gray" icon={<IconLock size={18} />}>
            {t('findings.locked')}
          </Alert>
        )}
        <ErrorAlert error={error} icon={<IconAlertCircle size={18} />} />
        {raiseFrom && (
          <Text size="sm" c="dimmed">
            {t('findings.fromQuestion')} {raiseFrom.n}: {raiseFrom.item.text}
          </Text>
        )}
        <Group grow align="flex-start">
          <Select
            label={t('finding.type')}
            withAsterisk
            allowDeselect={false}
            data={FINDING_TYPES.map((v) => ({ value: v, label: t(`type.${v}`) }))}
            readOnly={locked}
            {...form.getInputProps('type')}
          />
          <Select
            label={t('finding.source')}
            allowDeselect={false}
            data={REQUIREMENT_SOURCES.map((v) => ({ value: v, label: t(`source.${v}`) }))}
            readOnly={locked}
            {...form.getInputProps('requirementSource')}
          />
        </Group>
        <MultiSelect
          label={t('finding.clauses')}
          placeholder={form.values.clauseNumbers.length ? undefined : t('finding.clausesPlaceholder')}
          withAsterisk
          searchable
          data={clauseOptions}
          readOnly={locked}
          maxDropdownHeight={280}
          {...form.getInputProps('clauseNumbers')}
        />
        <Textarea label={t('finding.requirement')} description={t('finding.requirementHelp')} withAsterisk={nc} autosize minRows={2} maxRows={6} readOnly={locked} {...form.getInputProps('requirement')} />
        <Textarea label={t('finding.evidence')} description={t('finding.evidenceHelp')} withAsterisk={nc} autosize minRows={2} maxRows={8} readOnly={locked} {...form.getInputProps('evidence')} />
        <Textarea
          label={nc ? t('finding.statementNc') : t('finding.statement')}
          description={nc ? t('finding.statementNcHelp') : undefined}
          withAsterisk
          autosize
          minRows={3}
          maxRows={10}
          readOnly={locked}
          ref={statementRef}
          {...form.getInputProps('statement')}
        />
        <Group grow align="flex-start">
          <Select label={t('finding.unit')} clearable searchable data={pick(units, form.values.unitId)} readOnly={locked} {...form.getInputProps('unitId')} />
          <Select label={t('finding.process')} clearable searchable data={pick(processes, form.values.processId)} readOnly={locked} {...form.getInputProps('processId')} />
        </Group>
        <Textarea label={t('finding.response')} description={t('finding.responseHelp')} autosize minRows={2} maxRows={6} readOnly={locked} {...form.getInputProps('auditeeResponse')} />
        {finding ? (
          <AttachmentsPanel ownerType="finding" ownerId={finding.id} readOnly={locked} />
        ) : (
          <PendingFiles files={pending} onChange={setPending} />
        )}

        {confirmDelete && finding && (
          <Alert color="red" role="alertdialog" title={t('findings.deleteConfirm', { number: finding.number })}>
            <Group justify="flex-end" gap="xs">
              <Button variant="default" size="xs" onClick={() => setConfirmDelete(false)}>
                {t('common:actions.cancel')}
              </Button>
              <Button color="red" size="xs" onClick={() => void remove()}>
                {t('findings.delete')}
              </Button>
            </Group>
          </Alert>
        )}
        <Group justify="space-between" mt="sm">
          <div>
            {finding && !locked && (
              <Button variant="subtle" color="red" leftSection={<IconTrash size={16} />} onClick={() => setConfirmDelete(true)}>
                {t('findings.delete')}
              </Button>
            )}
          </div>
          <Group gap="sm">
            {!locked && (
              <Text size="xs" c="dimmed">
                {t('findings.saveHint')}
              </Text>
            )}
            <Button variant="default" onClick={onClose}>
              {locked ? t('common:actions.close') : t('common:actions.cancel')}
            </Button>
            {!locked && (
              <Button type="submit" loading={busy}>
                {t('common:actions.save')}
              </Button>
            )}
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
