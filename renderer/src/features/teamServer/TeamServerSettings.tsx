import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { TeamServerStatus } from '../../../../shared/contract/teamServer';
import { api } from '../../api/client';
import { dataChanged } from '../../stores/dataStore';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useBusyCall } from '../../components/useBusyCall';

/** The conflict queue (shared with package import) is on each audit's page. */
const auditRoute = (id: string) => `/audits/${id}`;

/**
 * Settings › Team server: address, sign in, Synchronise. Until a person signs in here the app makes
 * no network call at all.
 */
export function TeamServerSettings() {
  const { t, i18n } = useTranslation('teamServer');
  const [status, setStatus] = useState<TeamServerStatus | null>(null);
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, setError, fields, run: call } = useBusyCall(t);
  const [doing, setDoing] = useState<'signIn' | 'sync' | 'signOut' | null>(null);

  useEffect(() => {
    void api()['teamServer.status']({}).then((s) => {
      setStatus(s);
      setUrl(s.url ?? '');
      setName(s.user?.name ?? '');
    });
  }, []);

  const run = <T,>(kind: 'signIn' | 'sync' | 'signOut', fn: () => Promise<T>): Promise<T | null> => {
    setDoing(kind);
    // the token may have ended (revoked): show what is true now
    return call(fn, () => void api()['teamServer.status']({}).then(setStatus));
  };

  const signIn = () =>
    run('signIn', async () => {
      const s = await api()['teamServer.signIn']({ url, name, password });
      setPassword('');
      setStatus(s);
    });
  const signOut = () => run('signOut', async () => setStatus(await api()['teamServer.signOut']({})));
  const synchronise = () =>
    run('sync', async () => {
      const r = await api()['teamServer.synchronise']({});
      if (r.applied > 0 || r.conflicts > 0) dataChanged();
      setStatus(r.status);
      notifications.show({ message: t('synced', { pushed: r.pushed, applied: r.applied, conflicts: r.conflicts }), color: r.conflicts ? 'orange' : 'green' });
      if (r.refusedAudits.length) setError(t('refusedAudits', { count: r.refusedAudits.length }));
    });

  const lastSync = status?.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString(i18n.language === 'sv' ? 'sv-SE' : 'en-GB') : null;

  return (
    <Paper p="lg" aria-labelledby="team-server-title">
      <Stack>
        <div>
          <Title order={4} id="team-server-title">
            {t('title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('intro')}
          </Text>
        </div>
        <ErrorAlert error={error} />
        {status?.signedIn && status.user ? (
          <Stack gap="xs">
            <Group gap="xs">
              <Text size="sm">{t('signedInAs', { name: status.user.name, url: status.url })}</Text>
              <Badge variant="light">{t(`role.${status.user.role}`)}</Badge>
            </Group>
            <Text size="sm">{lastSync ? t('lastSync', { time: lastSync }) : t('neverSynced')}</Text>
            <Text size="sm">{t('unsent', { count: status.unsentChanges })}</Text>
            <Group>
              <Button onClick={() => void synchronise()} loading={busy && doing === 'sync'}>
                {t('synchronise')}
              </Button>
              <Button variant="default" onClick={() => void signOut()} loading={busy && doing === 'signOut'}>
                {t('signOut')}
              </Button>
            </Group>
          </Stack>
        ) : (
          <Stack gap="xs">
            <TextInput label={t('address')} description={t('addressHelp')} placeholder="https://granska.example.se" value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={fields.url} />
            <Group grow align="flex-start">
              <TextInput label={t('name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fields.name} autoComplete="username" />
              <PasswordInput label={t('password')} value={password} onChange={(e) => setPassword(e.currentTarget.value)} error={fields.password} autoComplete="current-password" />
            </Group>
            <Group>
              <Button onClick={() => void signIn()} loading={busy && doing === 'signIn'}>
                {t('signIn')}
              </Button>
            </Group>
          </Stack>
        )}
        {status && status.openConflicts > 0 && (
          <Alert color="orange" title={t('conflicts', { count: status.openConflicts })}>
            <Stack gap={4}>
              {status.conflictAudits.map((a) => (
                <Anchor key={a.id} component={Link} to={auditRoute(a.id)} size="sm">
                  {t('conflictsInAudit', { number: a.number, count: a.count })}
                </Anchor>
              ))}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
