import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ActionIcon, Anchor, Badge, Button, FileInput, Group, NumberInput, Paper, SimpleGrid, Stack, Table, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconFileTypePdf, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { RULE_ROLES, type CompetenceProfile, type CompetenceRule } from '../../../../shared/domain/competence';
import { api } from '../../api/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../components/errors';
import { deliver, readAsBase64 } from '../../components/files';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { TableHead } from '../../components/TableHead';
import { useBusyCall } from '../../components/useBusyCall';

type RoleRule = Omit<CompetenceRule, 'role'> & { role: (typeof RULE_ROLES)[number] };
const NO_RULE = (role: RoleRule['role']): RoleRule => ({ role, courses: [], minAuditsPerformed: 0, minAuditsAsLead: 0 });

/** Auditors' training, the audits they have performed, the rules per role, and the printable register. */
export function CompetencePage() {
  const { t, i18n } = useTranslation('competence');
  const [profiles, setProfiles] = useState<CompetenceProfile[] | null>(null);
  const [rules, setRules] = useState<RoleRule[]>(RULE_ROLES.map(NO_RULE));
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState<CompetenceProfile | null>(null);
  const [removing, setRemoving] = useState<{ id: string; course: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      Promise.all([api()['competence.profiles']({ includeArchived: false }), api()['competence.rules']({})]).then(
        ([p, r]) => {
          setProfiles(p);
          setRules(RULE_ROLES.map((role) => (r.find((x) => x.role === role) as RoleRule | undefined) ?? NO_RULE(role)));
          setError(null);
        },
        (err: unknown) => setError(errorMessage(t, err)),
      ),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const register = async () => {
    setBusy(true);
    await deliver(t, () => api()['competence.registerPdf']({ lang: i18n.language === 'en' ? 'en' : 'sv' }));
    setBusy(false);
  };

  const registerButton = (
    <Button leftSection={<IconFileTypePdf size={16} />} variant="default" loading={busy} onClick={() => void register()}>
      {t('register')}
    </Button>
  );

  return (
    <Page gap="lg" title={t('title')} help={t('intro')} error={error} actions={registerButton}>
      <Paper withBorder p="md">
        <Title order={4}>{t('rules.title')}</Title>
        <Text size="sm" c="dimmed" mb="sm">
          {t('rules.intro')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {rules.map((rule) => (
            <RuleEditor key={JSON.stringify(rule)} rule={rule} onSaved={() => void load()} />
          ))}
        </SimpleGrid>
      </Paper>
      <Title order={3}>{t('people')}</Title>
      {profiles?.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
      {profiles?.map((p) => (
        <Paper withBorder p="md" key={p.personId} aria-label={p.name} component="section">
          <Group justify="space-between" mb="xs">
            <div>
              <Title order={4}>{p.name}</Title>
              <Text size="sm" c="dimmed">
                {t('performed')}: {t('performedValue', { lead: p.performed.asLead, auditor: p.performed.asAuditor })}
              </Text>
            </div>
            <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(p)} aria-label={`${t('addRecord')}: ${p.name}`}>
              {t('addRecord')}
            </Button>
          </Group>
          {p.records.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('noRecords')}
            </Text>
          ) : (
            <Table>
              <TableHead columns={[t('fields.course'), t('fields.completedOn'), t('certificate'), t('fields.note'), '']} />
              <Table.Tbody>
                {p.records.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{r.course}</Table.Td>
                    <Table.Td>{r.completedOn}</Table.Td>
                    <Table.Td>
                      {r.certificateSha256 ? (
                        <Anchor component="button" type="button" size="sm" onClick={() => void deliver(t, () => api()['competence.certificate']({ id: r.id }))}>
                          {r.certificateName || t('downloadCertificate')}
                        </Anchor>
                      ) : (
                        '–'
                      )}
                    </Table.Td>
                    <Table.Td>{r.note}</Table.Td>
                    <Table.Td>
                      <ActionIcon variant="subtle" color="red" aria-label={`${t('removeRecord')} ${r.course}`} onClick={() => setRemoving({ id: r.id, course: r.course, name: p.name })}>
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Paper>
      ))}
      {adding && <RecordForm profile={adding} onClose={() => setAdding(null)} onSaved={() => { setAdding(null); void load(); }} />}
      <ConfirmDialog
        opened={removing !== null}
        title={t('removeRecord')}
        text={removing ? t('removeConfirm', { course: removing.course, name: removing.name }) : ''}
        confirm={t('removeRecord')}
        onClose={() => setRemoving(null)}
        onConfirm={async () => {
          if (!removing) return;
          try {
            await api()['competence.removeRecord']({ id: removing.id });
          } catch (err) {
            setError(errorMessage(t, err));
          }
          setRemoving(null);
          void load();
        }}
      />
    </Page>
  );
}

function RuleEditor({ rule, onSaved }: { rule: RoleRule; onSaved(): void }) {
  const { t } = useTranslation('competence');
  const [value, setValue] = useState(rule);
  const { error: message, fields: errors, run } = useBusyCall(t);
  const save = () =>
    run(async () => {
      await api()['competence.setRule'](value);
      onSaved();
    });
  return (
    <Stack gap="xs" aria-label={t(`roles.${rule.role}`)} component="section">
      <Badge variant="light">{t(`roles.${rule.role}`)}</Badge>
      <TagsInput label={t('rules.courses')} description={t('rules.coursesHelp')} value={value.courses} onChange={(courses) => setValue({ ...value, courses })} error={errors['courses']} />
      <Group grow>
        <NumberInput label={t('rules.minAuditsPerformed')} min={0} max={100} value={value.minAuditsPerformed} onChange={(n) => setValue({ ...value, minAuditsPerformed: Number(n) || 0 })} error={errors['minAuditsPerformed']} />
        <NumberInput label={t('rules.minAuditsAsLead')} min={0} max={100} value={value.minAuditsAsLead} onChange={(n) => setValue({ ...value, minAuditsAsLead: Number(n) || 0 })} error={errors['minAuditsAsLead']} />
      </Group>
      {message && Object.keys(errors).length === 0 && (
        <Text size="sm" c="red" role="alert">
          {message}
        </Text>
      )}
      <Group justify="flex-end">
        <Button size="xs" onClick={() => void save()} aria-label={`${t('rules.save')}: ${t(`roles.${rule.role}`)}`}>
          {t('rules.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function RecordForm({ profile, onClose, onSaved }: { profile: CompetenceProfile; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('competence');
  const [course, setCourse] = useState('');
  const [completedOn, setCompletedOn] = useState('');
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const { busy, error, fields: errors, run } = useBusyCall(t);
  const submit = (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    void run(async () => {
      const certificate = file ? { fileName: file.name, contentBase64: await readAsBase64(file) } : null;
      await api()['competence.addRecord']({ personId: profile.personId, course, completedOn, note, certificate });
      onSaved();
    });
  };
  return (
    <FormModal title={`${t('addRecord')}: ${profile.name}`} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <TextInput label={t('fields.course')} withAsterisk value={course} onChange={(e) => setCourse(e.currentTarget.value)} error={errors['course']} />
      <TextInput type="date" label={t('fields.completedOn')} withAsterisk value={completedOn} onChange={(e) => setCompletedOn(e.currentTarget.value)} error={errors['completedOn']} />
      <Textarea label={t('fields.note')} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors['note']} />
      <FileInput label={t('fields.certificate')} description={t('fields.certificateHelp')} accept="application/pdf,image/jpeg,image/png" clearable value={file} onChange={setFile} error={errors['certificate']} />
    </FormModal>
  );
}
