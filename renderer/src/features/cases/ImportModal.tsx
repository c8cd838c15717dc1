import { useState } from 'react';
import { Alert, Badge, Button, FileInput, Group, Loader, Modal, ScrollArea, Select, SimpleGrid, Stack, Stepper, Table, Text, Title } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconFileImport, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_FIELDS,
  REQUIRED_IMPORT_FIELDS,
  type ImportField,
  type ImportIssue,
  type ImportMapping,
  type ImportPreview,
  type ImportResult,
} from '../../../../shared/domain/case-import';
import { api } from '../../api/client';
import { readAsBase64 } from '../../components/files';
import { errorMessage } from '../../components/errors';
import { PanelHeader } from '../../components/PanelHeader';
import { ErrorAlert } from '../../components/ErrorAlert';

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Import of an existing deviation register: choose a file, check the suggested column mapping
 * against a preview and the validation report, then accept. Nothing is saved before acceptance;
 * rows with errors are skipped and listed with their reasons.
 */
export function ImportModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('cases');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = result ? 2 : preview ? 1 : 0;

  const check = async (f: { name: string; base64: string }, mapping: ImportMapping | null) => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await api()['cases.importPreview']({ fileName: f.name, base64: f.base64, mapping }));
    } catch (err) {
      setError(errorMessage(t, err, 'cases'));
    } finally {
      setBusy(false);
    }
  };

  const choose = async (picked: File | null) => {
    setPreview(null);
    if (!picked) return setFile(null);
    const f = { name: picked.name, base64: await readAsBase64(picked) };
    setFile(f);
    await check(f, null);
  };

  const remap = (field: ImportField, column: string | null) => {
    if (!file || !preview) return;
    const mapping: ImportMapping = { ...preview.mapping, [field]: column === null ? null : Number(column) };
    void check(file, mapping);
  };

  const accept = async () => {
    if (!file || !preview) return;
    setBusy(true);
    setError(null);
    try {
      setResult(await api()['cases.importCommit']({ fileName: file.name, base64: file.base64, mapping: preview.mapping, acceptedRowCount: preview.validRows }));
    } catch (err) {
      setError(errorMessage(t, err, 'cases'));
      // The file or the register changed: show the report as it stands now.
      await check(file, preview.mapping);
    } finally {
      setBusy(false);
    }
  };

  const issueText = (i: ImportIssue) => t(`import.issues.${i.message}`, { field: t(`import.fields.${i.field}`), value: i.value ?? '' });
  const fieldLabel = (f: ImportField) => t(`import.fields.${f}`);
  const mapped = preview ? IMPORT_FIELDS.filter((f) => preview.mapping[f] !== undefined && preview.mapping[f] !== null) : [];

  return (
    <Modal opened onClose={onClose} title={t('import.title')} size="90%" centered>
      <Stack gap="md">
        <Stepper active={step} size="sm" allowNextStepsSelect={false}>
          <Stepper.Step label={t('import.steps.file')} icon={<IconUpload size={16} />} />
          <Stepper.Step label={t('import.steps.map')} icon={<IconFileImport size={16} />} />
          <Stepper.Step label={t('import.steps.done')} icon={<IconCheck size={16} />} />
        </Stepper>
        <ErrorAlert error={error} icon={<IconAlertCircle size={18} />} />
        {step < 2 && (
          <FileInput
            label={t('import.file')}
            description={t('import.fileHelp')}
            placeholder={t('import.choose')}
            accept={ACCEPT}
            clearable
            leftSection={<IconUpload size={16} />}
            onChange={(f) => void choose(f)}
          />
        )}
        {busy && (
          <Group gap="xs">
            <Loader size="sm" />
            <Text size="sm">{t('import.reading')}</Text>
          </Group>
        )}
        {preview && !result && (
          <>
            <Alert color={preview.validRows ? 'blue' : 'yellow'} role="status" title={t('import.summary', { valid: preview.validRows, total: preview.totalRows })}>
              {t('import.policy')}
            </Alert>
            <div>
              <PanelHeader title={t('import.mapping')} help={t('import.mappingHelp')} mb="xs" />
              <SimpleGrid cols={{ base: 2, md: 4, lg: 6 }} spacing="xs" verticalSpacing="xs">
                {IMPORT_FIELDS.map((f) => (
                  <Select
                    key={f}
                    label={fieldLabel(f)}
                    withAsterisk={REQUIRED_IMPORT_FIELDS.includes(f)}
                    placeholder={t('import.notMapped')}
                    data={preview.columns.map((c) => ({ value: String(c.index), label: c.name }))}
                    value={preview.mapping[f] === undefined || preview.mapping[f] === null ? null : String(preview.mapping[f])}
                    onChange={(v) => remap(f, v)}
                    clearable
                    size="xs"
                  />
                ))}
              </SimpleGrid>
              {preview.missingRequired.length > 0 && (
                <Alert color="red" mt="sm" role="alert">
                  {t('import.missingRequired', { fields: preview.missingRequired.map(fieldLabel).join(', ') })}
                </Alert>
              )}
            </div>
            <div>
              <Title order={4} mb="xs">{t('import.preview')}</Title>
              <ScrollArea h={260} type="auto">
                <Table striped withTableBorder withColumnBorders fz="xs" aria-label={t('import.preview')} stickyHeader>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('import.row')}</Table.Th>
                      <Table.Th miw={220}>{t('import.report')}</Table.Th>
                      {mapped.map((f) => <Table.Th key={f}>{fieldLabel(f)}</Table.Th>)}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {preview.preview.map((r) => (
                      <Table.Tr key={r.line} bg={r.issues.length ? 'var(--mantine-color-red-0)' : undefined}>
                        <Table.Td>{r.line}</Table.Td>
                        <Table.Td>
                          {r.issues.length ? <Text size="xs" c="red.8">{r.issues.map(issueText).join('; ')}</Text> : <Badge color="green" variant="light" size="sm">{t('import.ok')}</Badge>}
                        </Table.Td>
                        {mapped.map((f) => <Table.Td key={f} style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{r.values[f]}</Table.Td>)}
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea>
            </div>
            <div>
              <Title order={4} mb="xs">{t('import.report')}</Title>
              {preview.errors.length === 0 ? (
                <Text size="sm" c="green.8">{t('import.noErrors')}</Text>
              ) : (
                <>
                  <Text size="sm" mb={4}>{t('import.errorsSummary', { count: preview.errors.length })}</Text>
                  <ScrollArea.Autosize mah={180} type="auto">
                    <ul aria-label={t('import.report')} style={{ margin: 0, paddingLeft: 20 }}>
                      {preview.errors.map((r) => (
                        <li key={r.line}>
                          <Text size="sm">
                            <b>{t('import.row')} {r.line}:</b> {r.issues.map(issueText).join('; ')}
                          </Text>
                        </li>
                      ))}
                    </ul>
                  </ScrollArea.Autosize>
                </>
              )}
            </div>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>{t('common:actions.cancel')}</Button>
              <Button
                leftSection={<IconCheck size={16} />}
                disabled={busy || preview.validRows === 0 || preview.missingRequired.length > 0}
                onClick={() => void accept()}
              >
                {preview.validRows ? t('import.accept', { count: preview.validRows }) : t('import.nothing')}
              </Button>
            </Group>
          </>
        )}
        {result && (
          <>
            <Alert color="green" icon={<IconCheck size={18} />} role="status" title={t('import.done', { count: result.imported })}>
              {result.numbers.length > 0 && <Text size="sm">{t('import.numbers', { first: result.numbers[0], last: result.numbers.at(-1) })}</Text>}
              {result.skipped.length > 0 && <Text size="sm">{t('import.skipped', { count: result.skipped.length })}</Text>}
            </Alert>
            <Group justify="flex-end">
              <Button onClick={onClose}>{t('common:actions.close')}</Button>
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}
