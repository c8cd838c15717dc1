import { useEffect, useState } from 'react';
import { ActionIcon, Badge, Button, Group, Modal, Paper, Select, Stack, Switch, Text, Textarea, TextInput, Title, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconEye, IconFileTypeDocx } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReportPreview } from '../../../../shared/contract/reports';
import type { Audit } from '../../../../shared/domain/audits';
import {
  MAX_COVER_TEXT,
  MAX_FOOTER_TEXT,
  REQUIRED_SECTIONS,
  type ReportTemplate,
} from '../../../../shared/domain/report-templates';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { deliver } from '../../components/files';
import { PdfFrame } from './PdfFrame';
import { ErrorAlert } from '../../components/ErrorAlert';

const templateError = (t: Parameters<typeof errorMessage>[0], err: unknown) => errorMessage(t, err, 'templates');

/**
 * The organisation's report template: the sections in order (moved with up/down buttons, shown
 * or hidden, required ones locked on), cover text and footer; a preview of any audit's report with
 * the template as it stands, before it is saved.
 */
export function ReportTemplateSettings() {
  const { t, i18n } = useTranslation('templates');
  const [saved, setSaved] = useState<ReportTemplate | null>(null);
  const [draft, setDraft] = useState<ReportTemplate | null>(null);
  const [audits, setAudits] = useState<Audit[]>([]);
  const [auditId, setAuditId] = useState<string | null>(null);
  const [preview, setPreview] = useState<ReportPreview | null>(null);
  const [busy, setBusy] = useState<'save' | 'preview' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'sv' ? 'sv' : 'en';

  useEffect(() => {
    api()['reportTemplate.get']({})
      .then((tpl) => {
        setSaved(tpl);
        setDraft(tpl);
      })
      .catch((err: unknown) => setError(templateError(t, err)));
    api()['audits.list']({ search: '' })
      .then((list) => {
        setAudits(list);
        // the most recent audit that has been conducted makes the most telling preview: it has findings
        const conducted = (a: Audit) => (['in_progress', 'reported', 'closed'].includes(a.status) ? 0 : 1);
        const latest = [...list].sort((a, b) => conducted(a) - conducted(b) || (b.startDate ?? '').localeCompare(a.startDate ?? ''))[0];
        setAuditId((current) => current ?? latest?.id ?? null);
      })
      .catch(() => setAudits([]));
  }, [t]);

  if (!draft || !saved) {
    return <ErrorAlert error={error} />;
  }

  const sectionName = (id: string) => t(`sections.${id}`);
  const changed = JSON.stringify(draft) !== JSON.stringify(saved);
  const edit = (patch: Partial<ReportTemplate>) => {
    setError(null);
    setDraft({ ...draft, ...patch });
  };
  const move = (index: number, by: -1 | 1) => {
    const sections = [...draft.sections];
    const [item] = sections.splice(index, 1);
    if (!item) return;
    sections.splice(index + by, 0, item);
    edit({ sections });
  };
  const toggle = (index: number, visible: boolean) => edit({ sections: draft.sections.map((s, i) => (i === index ? { ...s, visible } : s)) });

  const save = async () => {
    setBusy('save');
    setError(null);
    try {
      const tpl = await api()['reportTemplate.save'](draft);
      setSaved(tpl);
      setDraft(tpl);
      notifications.show({ color: 'green', autoClose: 3000, message: t('saved') });
    } catch (err) {
      setError(templateError(t, err));
    } finally {
      setBusy(null);
    }
  };

  const showPreview = async () => {
    if (!auditId) return;
    setBusy('preview');
    setError(null);
    try {
      setPreview(await api()['reports.preview']({ auditId, lang, template: draft }));
    } catch (err) {
      setError(templateError(t, err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <Paper p="lg" component="section" aria-labelledby="report-template-title">
      <Stack gap="md">
        <div>
          <Title order={4} id="report-template-title">
            {t('title')}
          </Title>
          <Text size="sm" c="dimmed" mt={4}>
            {t('intro')}
          </Text>
        </div>

        <Stack gap={4}>
          <Text size="sm" fw={500} id="report-template-sections">
            {t('sectionsTitle')}
          </Text>
          <Stack gap={2} component="ol" aria-label={t('sectionsLabel')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {draft.sections.map((s, i) => {
              const name = sectionName(s.id);
              const required = REQUIRED_SECTIONS.has(s.id);
              return (
                <Group
                  key={s.id}
                  component="li"
                  justify="space-between"
                  wrap="nowrap"
                  px="xs"
                  py={4}
                  style={{ borderBottom: '1px solid var(--mantine-color-gray-2)', opacity: s.visible ? 1 : 0.55 }}
                >
                  <Group gap="sm" wrap="nowrap">
                    <Text size="sm" c="dimmed" w={22} ta="right">
                      {s.visible ? draft.sections.slice(0, i + 1).filter((x) => x.visible).length : '–'}
                    </Text>
                    <Text size="sm">{name}</Text>
                    {required && (
                      <Tooltip label={t('requiredHelp')} multiline w={260}>
                        <Badge size="xs" variant="light" color="gray">
                          {t('required')}
                        </Badge>
                      </Tooltip>
                    )}
                  </Group>
                  <Group gap={6} wrap="nowrap">
                    <Switch
                      size="sm"
                      checked={s.visible}
                      disabled={required}
                      aria-label={t('show', { section: name })}
                      onChange={(e) => toggle(i, e.currentTarget.checked)}
                    />
                    <ActionIcon variant="subtle" color="gray" disabled={i === 0} aria-label={t('moveUp', { section: name })} onClick={() => move(i, -1)}>
                      <IconArrowUp size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      disabled={i === draft.sections.length - 1}
                      aria-label={t('moveDown', { section: name })}
                      onClick={() => move(i, 1)}
                    >
                      <IconArrowDown size={16} />
                    </ActionIcon>
                  </Group>
                </Group>
              );
            })}
          </Stack>
        </Stack>

        <Textarea
          label={t('coverText')}
          description={t('coverTextHelp')}
          autosize
          minRows={2}
          maxLength={MAX_COVER_TEXT}
          value={draft.coverText}
          onChange={(e) => edit({ coverText: e.currentTarget.value })}
        />
        <TextInput
          label={t('footerText')}
          description={t('footerTextHelp')}
          maxLength={MAX_FOOTER_TEXT}
          value={draft.footerText}
          onChange={(e) => edit({ footerText: e.currentTarget.value })}
        />
        <Text size="xs" c="dimmed">
          {t('logo')}
        </Text>

        <ErrorAlert error={error} />

        <Group gap="sm">
          <Button onClick={() => void save()} loading={busy === 'save'} disabled={!changed}>
            {t('common:actions.save')}
          </Button>
          <Button variant="default" disabled={!changed} onClick={() => setDraft(saved)}>
            {t('reset')}
          </Button>
        </Group>

        <Select
          label={t('previewAudit')}
          description={audits.length ? t('previewAuditHelp') : t('noAudits')}
          data={audits.map((a) => ({ value: a.id, label: `${a.number} · ${a.title}` }))}
          value={auditId}
          onChange={setAuditId}
          searchable
          disabled={!audits.length}
        />
        <Group gap="sm">
          <Button variant="default" leftSection={<IconEye size={16} />} disabled={!auditId} loading={busy === 'preview'} onClick={() => void showPreview()}>
            {t('preview')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileTypeDocx size={16} />}
            disabled={!auditId}
            onClick={() => auditId && void deliver(t, () => api()['reports.previewDocx']({ auditId, lang, template: draft }), templateError)}
          >
            {t('previewWord')}
          </Button>
        </Group>
      </Stack>
      {preview && (
        <Modal opened onClose={() => setPreview(null)} title={t('previewTitle')} size="80%" centered>
          <PdfFrame base64={preview.base64} title={t('previewTitle')} />
        </Modal>
      )}
    </Paper>
  );
}
