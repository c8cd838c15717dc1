import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Anchor, Badge, Button, Group, Table, Text, TextInput } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import type { ManagementReviewSummary } from '../../../../shared/domain/managementReview';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { FormModal } from '../../components/FormModal';
import { Page } from '../../components/Page';
import { useBusyCall } from '../../components/useBusyCall';

/** The management reviews held and being prepared, newest first, and the way to start the next one. */
export function ManagementReviewPage() {
  const { t } = useTranslation('managementReview');
  const [reviews, setReviews] = useState<ManagementReviewSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(
    () => api()['managementReview.list']({}).then(setReviews, (err: unknown) => setError(errorMessage(t, err, 'managementReview'))),
    [t],
  );
  useEffect(() => {
    void load();
  }, [load]);

  const newButton = (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      {t('new')}
    </Button>
  );
  return (
    <Page gap="lg" title={t('title')} help={t('intro')} error={error} actions={newButton}>
      {reviews?.length === 0 && <Text c="dimmed">{t('empty')}</Text>}
      {reviews && reviews.length > 0 && (
        <Table striped aria-label={t('title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.title')}</Table.Th>
              <Table.Th>{t('columns.meetingDate')}</Table.Th>
              <Table.Th>{t('columns.period')}</Table.Th>
              <Table.Th>{t('columns.status')}</Table.Th>
              <Table.Th>{t('columns.outputs')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {reviews.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/management-review/${r.id}`}>
                    {r.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.meetingDate}</Table.Td>
                <Table.Td>
                  {r.periodFrom} – {r.periodTo}
                </Table.Td>
                <Table.Td>
                  <Badge color={r.status === 'issued' ? 'teal' : 'gray'} variant="light">
                    {t(`status.${r.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{r.outputs}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {creating && <NewReview onClose={() => setCreating(false)} />}
    </Page>
  );
}

/** Last calendar year, reviewed early this year: the usual rhythm of a yearly management review. */
function defaults(today = new Date()) {
  const year = today.getFullYear() - 1;
  const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  return { meetingDate: day(today), periodFrom: `${year}-01-01`, periodTo: `${year}-12-31`, year };
}

function NewReview({ onClose }: { onClose(): void }) {
  const { t, i18n } = useTranslation('managementReview');
  const navigate = useNavigate();
  const d = defaults();
  const [title, setTitle] = useState(t('defaultTitle', { year: d.year }));
  const [meetingDate, setMeetingDate] = useState(d.meetingDate);
  const [periodFrom, setPeriodFrom] = useState(d.periodFrom);
  const [periodTo, setPeriodTo] = useState(d.periodTo);
  const { busy, error, fields: errors, run } = useBusyCall(t, 'managementReview', { fieldPrefix: 'fields.' });
  const submit = (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    void run(async () => {
      const created = await api()['managementReview.create']({ lang: i18n.language === 'en' ? 'en' : 'sv', fields: { title, meetingDate, periodFrom, periodTo } });
      navigate(`/management-review/${created.id}`);
    });
  };
  return (
    <FormModal title={t('new')} opened onClose={onClose} onSubmit={submit} error={error} busy={busy}>
      <TextInput label={t('fields.title')} withAsterisk value={title} onChange={(e) => setTitle(e.currentTarget.value)} error={errors['title']} />
      <TextInput type="date" label={t('fields.meetingDate')} withAsterisk value={meetingDate} onChange={(e) => setMeetingDate(e.currentTarget.value)} error={errors['meetingDate']} />
      <Group grow>
        <TextInput type="date" label={t('fields.periodFrom')} withAsterisk value={periodFrom} onChange={(e) => setPeriodFrom(e.currentTarget.value)} error={errors['periodFrom']} />
        <TextInput type="date" label={t('fields.periodTo')} withAsterisk value={periodTo} onChange={(e) => setPeriodTo(e.currentTarget.value)} error={errors['periodTo']} />
      </Group>
      <Text size="sm" c="dimmed">
        {t('fields.inputsHelp')}
      </Text>
    </FormModal>
  );
}
