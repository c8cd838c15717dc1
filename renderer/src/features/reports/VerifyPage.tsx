import { useState, type ReactNode } from 'react';
import { Alert, Code, FileInput, Group, Loader, Paper, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCircleX, IconInfoCircle, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { verdictReason, type CheckState, type VerificationCheck, type VerifyOutcome } from '../../../../shared/domain/reports';
import { api } from '../../api/client';
import { errorMessage } from '../../components/errors';
import { readAsBase64 } from '../../components/files';
import { formatMoment } from '../../components/dates';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TableHead } from '../../components/TableHead';

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
    <Page maw={980} title={t('verify.title')} help={t('verify.intro')}>
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
      <ErrorAlert error={error} />
      {result && <VerifyResult result={result} />}
    </Page>
  );
}

const MOMENT_PARAMS = new Set(['time', 'issuedAt', 'newerIssuedAt', 'notBefore', 'notAfter']);

const VERDICT_STYLE = {
  valid: { color: 'green', icon: <IconShieldCheck size={28} /> },
  untrusted: { color: 'yellow', icon: <IconAlertTriangle size={28} /> },
  invalid: { color: 'red', icon: <IconShieldX size={28} /> },
} as const;

export function VerifyResult({ result }: { result: VerifyOutcome }) {
  const { t } = useTranslation('reports');
  const name = result.fileName || 'PDF';
  const checkText = (c: VerificationCheck) => {
    const params: Record<string, string | number> = { ...c.params };
    for (const [k, v] of Object.entries(params)) if (MOMENT_PARAMS.has(k) && typeof v === 'string' && v) params[k] = formatMoment(v);
    return t(`verify.checks.${c.key}.${c.outcome}`, params);
  };
  const reason = verdictReason(result.checks);
  const title = t(`verify.${result.verdict}Title`);
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
        color={VERDICT_STYLE[result.verdict].color}
        variant="filled"
        icon={VERDICT_STYLE[result.verdict].icon}
        title={<Text fw={700} size="lg">{title}</Text>}
        role="status"
        aria-label={title}
      >
        {result.verdict === 'invalid'
          ? t('verify.invalidText', { file: name, reason: reason ? checkText(reason) : '' })
          : t(`verify.${result.verdict}Text`, { file: name })}
      </Alert>
      <Paper p="lg" component="section" aria-label={t('verify.checksTitle')}>
        <Title order={4} mb="sm">
          {t('verify.checksTitle')}
        </Title>
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }} aria-label={t('verify.checksTitle')}>
          {result.checks.map((c, i) => (
            <Group key={`${c.key}-${i}`} component="li" gap="sm" wrap="nowrap" align="flex-start" data-state={c.state}>
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
      {result.signatures.length > 1 && <SignatureTable result={result} />}
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

/** Every signature in the file: the first is the issued report's, any later one is what changed it. */
function SignatureTable({ result }: { result: VerifyOutcome }) {
  const { t } = useTranslation('reports');
  const yesNo = (v: boolean) => t(v ? 'verify.yes' : 'verify.no');
  return (
    <Paper p="lg" component="section" aria-label={t('verify.signaturesTitle')}>
      <Title order={4} mb="sm">
        {t('verify.signaturesTitle')}
      </Title>
      <Table withTableBorder aria-label={t('verify.signaturesTitle')}>
        <TableHead columns={['number', 'signer', 'time', 'intact', 'wholeFile', 'trusted'].map((c) => t(`verify.signatureColumns.${c}`))} />
        <Table.Tbody>
          {result.signatures.map((s) => (
            <Table.Tr key={s.index}>
              <Table.Td>{t('verify.signatureNumber', { index: s.index })}</Table.Td>
              <Table.Td>{s.signer?.subjectName ?? '—'}</Table.Td>
              <Table.Td>{s.signingTime ? formatMoment(s.signingTime) : '—'}</Table.Td>
              <Table.Td>{yesNo(s.integrityValid)}</Table.Td>
              <Table.Td>{yesNo(s.coversWholeFile)}</Table.Td>
              <Table.Td>{yesNo(s.trusted)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
