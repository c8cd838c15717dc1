import { useCallback, useEffect, useState } from 'react';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, Modal, MultiSelect, Paper, PasswordInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconDownload, IconFileTypePdf, IconPlus, IconSignature, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { OUTPUT_KINDS, REVIEW_INPUTS, type ManagementReview, type OutputKind, type ReviewOutputFields } from '../../../../shared/domain/managementReview';
import type { SigningIdentity } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../components/errors';
import { deliver } from '../../components/files';
import { PanelHeader } from '../../components/PanelHeader';
import { useBusyCall } from '../../components/useBusyCall';
import { useOrgStore } from '../org/orgStore';
import { ErrorAlert } from '../../components/ErrorAlert';

type Output = ReviewOutputFields & { key: string; caseId?: string | null; caseNumber?: string | null };
type Draft = Omit<ManagementReview, 'outputs'> & { outputs: Output[] };

const toDraft = (r: ManagementReview): Draft => ({ ...r, outputs: r.outputs.map((o) => ({ ...o, key: o.id })) });
let nextKey = 0;

/**
 * One management review: the meeting, the inputs a–f (prefilled when the draft was made, every word
 * editable), the decisions with their actions, and issuing it as signed minutes. Issued, it is read
 * only, with its signed PDF and links to the cases its actions became.
 */
export function ReviewDetailPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('managementReview');
  const navigate = useNavigate();
  const org = useOrgStore();
  const [draft, setDraft] = useState<Draft | null>(null);
  const { busy, error, setError, fields: errors, run } = useBusyCall(t, 'managementReview', { fieldPrefix: 'fields.' });
  const [saved, setSaved] = useState(false);
  const [issuing, setIssuing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const lang = i18n.language === 'en' ? 'en' : 'sv';

  const load = useCallback(
    () => api()['managementReview.get']({ id }).then((r) => setDraft(toDraft(r)), (err: unknown) => setError(errorMessage(t, err, 'managementReview'))),
    [id, t, setError],
  );
  useEffect(() => {
    void load();
    if (!org.loaded) void org.load();
  }, [load, org]);

  if (!draft) return <PanelHeader order={2} title={t('title')} error={error} />;
  const locked = draft.status === 'issued';
  const set = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const setOutput = (i: number, patch: Partial<Output>) => set({ outputs: draft.outputs.map((o, j) => (j === i ? { ...o, ...patch } : o)) });
  const people = org.people.filter((p) => !p.archived || draft.participantIds.includes(p.id)).map((p) => ({ value: p.id, label: p.name }));
  const units = org.units.filter((u) => !u.archived).map((u) => ({ value: u.id, label: u.name }));

  const save = (): Promise<ManagementReview | null> =>
    run(async () => {
      const r = await api()['managementReview.update']({
        id: draft.id,
        revision: draft.revision,
        fields: {
          title: draft.title, meetingDate: draft.meetingDate, periodFrom: draft.periodFrom, periodTo: draft.periodTo,
          participantIds: draft.participantIds, otherParticipants: draft.otherParticipants, inputs: draft.inputs, conclusions: draft.conclusions,
          outputs: draft.outputs.map(({ key: _key, caseId: _c, caseNumber: _n, ...o }) => o),
        },
      });
      setDraft(toDraft(r));
      setSaved(true);
      return r;
    });

  // Only empty inputs are filled: nothing the meeting wrote is replaced.
  const refill = async () => {
    try {
      const { lines } = await api()['managementReview.prefill']({ from: draft.periodFrom, to: draft.periodTo, lang });
      const inputs = { ...draft.inputs };
      for (const k of REVIEW_INPUTS) if (!inputs[k].trim() && lines[k]?.length) inputs[k] = lines[k].join('\n');
      set({ inputs });
    } catch (err) {
      setError(errorMessage(t, err, 'managementReview'));
    }
  };

  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/management-review" size="sm">
        ← {t('back')}
      </Anchor>
      <PanelHeader
        order={2}
        title={
          <Group gap="sm">
            {draft.title}
            <Badge color={locked ? 'teal' : 'gray'} variant="light">
              {t(`status.${draft.status}`)}
            </Badge>
          </Group>
        }
        help={locked ? t('issued', { at: draft.issuedAt ? new Date(draft.issuedAt).toLocaleString(i18n.language === 'en' ? 'en-GB' : 'sv-SE', { dateStyle: 'medium', timeStyle: 'short' }) : '' }) : t('intro')}
        error={error}
        actions={
          locked ? (
            <Button leftSection={<IconDownload size={16} />} onClick={() => void deliver(t, () => api()['managementReview.pdf']({ id: draft.id }))}>
              {t('download')}
            </Button>
          ) : (
            <Group gap="xs">
              <Button variant="default" color="red" leftSection={<IconTrash size={16} />} onClick={() => setRemoving(true)}>
                {t('remove')}
              </Button>
              <Button variant="default" leftSection={<IconFileTypePdf size={16} />} onClick={() => void save().then((r) => r && deliver(t, () => api()['managementReview.preview']({ id: draft.id, lang })))}>
                {t('preview')}
              </Button>
              <Button variant="light" loading={busy} onClick={() => void save()}>
                {t('save')}
              </Button>
              <Button leftSection={<IconSignature size={16} />} onClick={() => void save().then((r) => r && setIssuing(true))}>
                {t('issue')}
              </Button>
            </Group>
          )
        }
      />
      {saved && (
        <Text size="sm" c="teal" role="status">
          {t('saved')}
        </Text>
      )}
      {locked && <Alert color="gray">{t('lockedNote')}</Alert>}

      <Paper withBorder p="md" component="section" aria-label={t('sections.meeting')}>
        <Title order={4} mb="sm">
          {t('sections.meeting')}
        </Title>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <TextInput label={t('fields.title')} withAsterisk readOnly={locked} value={draft.title} onChange={(e) => set({ title: e.currentTarget.value })} error={errors['title']} />
          <TextInput type="date" label={t('fields.meetingDate')} withAsterisk readOnly={locked} value={draft.meetingDate} onChange={(e) => set({ meetingDate: e.currentTarget.value })} error={errors['meetingDate']} />
          <TextInput type="date" label={t('fields.periodFrom')} withAsterisk readOnly={locked} value={draft.periodFrom} onChange={(e) => set({ periodFrom: e.currentTarget.value })} error={errors['periodFrom']} />
          <TextInput type="date" label={t('fields.periodTo')} withAsterisk readOnly={locked} value={draft.periodTo} onChange={(e) => set({ periodTo: e.currentTarget.value })} error={errors['periodTo']} />
        </SimpleGrid>
        <MultiSelect mt="sm" label={t('fields.participants')} data={people} searchable readOnly={locked} value={draft.participantIds} onChange={(participantIds) => set({ participantIds })} />
        <TextInput mt="sm" label={t('fields.otherParticipants')} readOnly={locked} value={draft.otherParticipants} onChange={(e) => set({ otherParticipants: e.currentTarget.value })} />
      </Paper>

      <Paper withBorder p="md" component="section" aria-label={t('sections.inputs')}>
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={4}>{t('sections.inputs')}</Title>
            <Text size="sm" c="dimmed">
              {t('fromGranska')}
            </Text>
          </div>
          {!locked && (
            <Button size="xs" variant="light" onClick={() => void refill()}>
              {t('refill')}
            </Button>
          )}
        </Group>
        <Stack gap="sm">
          {REVIEW_INPUTS.map((k) => (
            <Textarea
              key={k}
              label={t(`inputs.${k}`)}
              autosize
              minRows={2}
              maxRows={12}
              readOnly={locked}
              value={draft.inputs[k]}
              onChange={(e) => set({ inputs: { ...draft.inputs, [k]: e.currentTarget.value } })}
              error={errors[`inputs.${k}`]}
            />
          ))}
        </Stack>
      </Paper>

      <Paper withBorder p="md" component="section" aria-label={t('sections.outputs')}>
        <Title order={4} mb="sm">
          {t('sections.outputs')}
        </Title>
        <Textarea label={t('fields.conclusions')} autosize minRows={2} readOnly={locked} value={draft.conclusions} onChange={(e) => set({ conclusions: e.currentTarget.value })} />
        {draft.outputs.length === 0 && (
          <Text size="sm" c="dimmed" mt="sm">
            {t('output.none')}
          </Text>
        )}
        <Stack gap="md" mt="md">
          {draft.outputs.map((o, i) => (
            <Paper key={o.key} withBorder p="sm" component="fieldset" aria-label={`${t('output.decision')} ${i + 1}`} style={{ borderStyle: 'solid' }}>
              <Group justify="space-between" align="flex-start">
                <Select
                  label={t('output.kind')}
                  data={OUTPUT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
                  value={o.kind}
                  readOnly={locked}
                  allowDeselect={false}
                  onChange={(v) => setOutput(i, { kind: (v ?? 'improvement') as OutputKind })}
                  w={260}
                />
                {o.caseNumber ? (
                  <Anchor component={Link} to={`/cases/${o.caseId}`} size="sm">
                    {t('output.case')} {o.caseNumber}
                  </Anchor>
                ) : (
                  !locked && (
                    <ActionIcon variant="subtle" color="red" aria-label={t('output.remove', { n: i + 1 })} onClick={() => set({ outputs: draft.outputs.filter((_, j) => j !== i) })}>
                      <IconTrash size={16} />
                    </ActionIcon>
                  )
                )}
              </Group>
              <Textarea mt="xs" label={t('output.decision')} withAsterisk autosize minRows={1} readOnly={locked} value={o.decision} onChange={(e) => setOutput(i, { decision: e.currentTarget.value })} error={errors[`outputs.${i}.decision`]} />
              <TextInput mt="xs" label={t('output.action')} readOnly={locked} value={o.action ?? ''} onChange={(e) => setOutput(i, { action: e.currentTarget.value })} error={errors[`outputs.${i}.action`]} />
              <SimpleGrid cols={{ base: 1, md: 3 }} mt="xs">
                <Select label={t('output.unit')} data={units} searchable clearable readOnly={locked} value={o.unitId ?? null} onChange={(v) => setOutput(i, { unitId: v })} error={errors[`outputs.${i}.unitId`]} />
                <Select label={t('output.owner')} data={people} searchable clearable readOnly={locked} value={o.ownerId ?? null} onChange={(v) => setOutput(i, { ownerId: v })} error={errors[`outputs.${i}.ownerId`]} />
                <TextInput type="date" label={t('output.due')} readOnly={locked} value={o.dueDate ?? ''} onChange={(e) => setOutput(i, { dueDate: e.currentTarget.value || null })} error={errors[`outputs.${i}.dueDate`]} />
              </SimpleGrid>
            </Paper>
          ))}
        </Stack>
        {!locked && (
          <Button mt="md" variant="light" leftSection={<IconPlus size={16} />} onClick={() => set({ outputs: [...draft.outputs, { key: `new-${nextKey++}`, kind: 'improvement', decision: '', action: '', unitId: null, ownerId: null, dueDate: null }] })}>
            {t('output.add')}
          </Button>
        )}
      </Paper>

      {issuing && (
        <IssueModal
          review={draft}
          lang={lang}
          onClose={() => setIssuing(false)}
          onIssued={(r) => {
            setIssuing(false);
            setDraft(toDraft(r));
          }}
        />
      )}
      <ConfirmDialog
        opened={removing}
        title={t('remove')}
        text={t('removeConfirm', { title: draft.title })}
        confirm={t('remove')}
        onClose={() => setRemoving(false)}
        onConfirm={async () => {
          try {
            await api()['managementReview.remove']({ id: draft.id, revision: draft.revision });
            navigate('/management-review');
          } catch (err) {
            setError(errorMessage(t, err, 'managementReview'));
            setRemoving(false);
          }
        }}
      />
    </Stack>
  );
}

/** The passphrase lives only in this dialog and the one call that signs. */
function IssueModal({ review, lang, onClose, onIssued }: { review: Draft; lang: 'sv' | 'en'; onClose(): void; onIssued(r: ManagementReview): void }) {
  const { t } = useTranslation('managementReview');
  const [identities, setIdentities] = useState<SigningIdentity[] | null>(null);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void api()['identities.list']({}).then(
      (list) => {
        const usable = list.filter((i) => !i.expired);
        setIdentities(usable);
        setIdentityId(usable[0]?.id ?? null);
      },
      () => setIdentities([]),
    );
  }, []);
  const issue = async () => {
    if (!identityId) return;
    setBusy(true);
    try {
      onIssued(await api()['managementReview.issue']({ id: review.id, revision: review.revision, lang, identityId, passphrase }));
    } catch (err) {
      setError(errorMessage(t, err, 'managementReview'));
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t('issueTitle')} size="lg" centered>
      <form
        aria-label={t('issueTitle')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void issue();
        }}
      >
        <Stack gap="sm">
          <Text size="sm">{t('issueHelp')}</Text>
          <ErrorAlert error={error} />
          {identities?.length === 0 && <Alert color="yellow">{t('noIdentity')}</Alert>}
          <Select
            label={t('identity')}
            data={(identities ?? []).map((i) => ({ value: i.id, label: [i.subjectName, i.organisation].filter(Boolean).join(', ') }))}
            value={identityId}
            onChange={setIdentityId}
            allowDeselect={false}
          />
          <PasswordInput label={t('passphrase')} withAsterisk autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!identityId || !passphrase} leftSection={<IconSignature size={16} />}>
              {t('issue')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
