import { useState, type ReactNode } from 'react';
import { Alert, Code, FileInput, Group, Loader, Paper, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CheckState, VerificationCheck, VerifyOutcome } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { readAsBase64 } from '../../components/files';
import { formatMoment } from '../../components/dates';

const STATE_ICON: Record<CheckState, { color: string; icon: ReactNode }> = {
  pass: { color: 'green', icon: <IconCircleCheck size={16} /> },
  fail: { color: 'red', icon: <IconCircleX size={16} /> },
  warn: { color: 'yellow', icon: <IconAlertTriangle size={16} /> },
  info: { color: 'gray', icon: <IconInfoCircle size={16} /> },
};

/** Open a PDF and see, check by check, whether it is genuine and unchanged. */
export function VerifyPage() {
  const { t } = useTranslation('reports');
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<VerifyOutcome | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const verify = async (chosen: File | null) => {
    setFile(chosen);
    setResult(null);
    setError(null);
    if (!chosen) return;
    setBusy(true);
    try {
      setResult(await api()['verify.pdf']({ fileName: chosen.name, contentBase64: await readAsBase64(chosen) }));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack maw={980} gap="md">
      <div>
        <Title order={2}>{t('verify.title')}</Title>
        <Text c="dimmed" size="sm" maw={760}>
          {t('verify.intro')}
        </Text>
      </div>
      <Paper p="lg">
        <FileInput
          label={t('verify.file')}
          placeholder={t('verify.filePlaceholder')}
          accept="application/pdf,.pdf"
          value={file}
          onChange={(f) => void verify(f)}
          clearable
          maw={480}
        />
      </Paper>
      {busy && <Loader aria-label={t('common:state.loading')} />}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {result && <VerifyResult result={result} />}
    </Stack>
  );
}

export function VerifyResult({ result }: { result: VerifyOutcome }) {
  const { t } = useTranslation('reports');
  const name = result.fileName || 'PDF';
  const checkText = (c: VerificationCheck) => {
    const params: Record<string, string | number> = { ...c.params };
    if (c.key === 'signing_time' && typeof params.time === 'string' && params.time) params.time = formatMoment(params.time);
    if (c.key === 'issued' && typeof params.issuedAt === 'string') params.issuedAt = formatMoment(params.issuedAt);
    return t(`verify.checks.${c.key}.${c.outcome}`, params);
  };
  const details: [string, string][] = [];
  if (result.signer) {
    details.push([t('verify.signer'), result.signer.subjectName]);
    if (result.signer.email) details.push([t('verify.email'), result.signer.email]);
    if (result.signer.organisation) details.push([t('verify.organisation'), result.signer.organisation]);
    details.push([t('verify.fingerprint'), result.signer.fingerprintSha256]);
    details.push([t('verify.validTo'), formatMoment(result.signer.notAfter)]);
  }
  if (result.level) details.push([t('verify.level'), result.level]);
  if (result.signingTime) details.push([t('verify.signingTime'), formatMoment(result.signingTime)]);
  if (result.reason) details.push([t('verify.reason'), result.reason]);
  if (result.digestSha256) details.push([t('verify.digest'), result.digestSha256]);
  if (result.byteRange.length) details.push([t('verify.byteRange'), result.byteRange.join(' ')]);
  details.push([t('verify.fileSha256'), result.fileSha256]);

  return (
    <Stack gap="md">
      <Alert
        color={result.valid ? 'green' : 'red'}
        variant="filled"
        icon={result.valid ? <IconShieldCheck size={28} /> : <IconShieldX size={28} />}
        title={<Text fw={700} size="lg">{result.valid ? t('verify.validTitle') : t('verify.invalidTitle')}</Text>}
        role="status"
        aria-label={result.valid ? t('verify.validTitle') : t('verify.invalidTitle')}
      >
        {result.valid ? t('verify.validText', { file: name }) : t('verify.invalidText', { file: name })}
      </Alert>
      <Paper p="lg" component="section" aria-label={t('verify.checksTitle')}>
        <Title order={4} mb="sm">
          {t('verify.checksTitle')}
        </Title>
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('verify.checksTitle')}>
          {result.checks.map((c) => (
            <Group key={c.key} component="li" gap="sm" wrap="nowrap" align="flex-start" data-state={c.state}>
              <ThemeIcon color={STATE_ICON[c.state].color} variant="light" radius="xl" size="md" aria-label={t(`verify.state.${c.state}`)}>
                {STATE_ICON[c.state].icon}
              </ThemeIcon>
              <Text size="sm" pt={3}>
                {checkText(c)}
              </Text>
            </Group>
          ))}
        </Stack>
      </Paper>
      <Paper p="lg" component="section" aria-label={t('verify.detailsTitle')}>
        <Title order={4} mb="sm">
          {t('verify.detailsTitle')}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder>
          <Table.Tbody>
            {details.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={260}>{label}</Table.Th>
                <Table.Td>
                  {/^[0-9A-Fa-f:]{40,}$/.test(value) ? (
                    <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                      {value}
                    </Code>
                  ) : (
                    value
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </Stack>
  );
}
