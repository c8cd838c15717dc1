import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, skipPostgres, startCluster, type Cluster } from '../helpers/postgres';
import { tempDir } from '../helpers/tmp';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const built = fs.existsSync(CLI);
if (!built) console.warn('Skipping team server CLI tests: dist/cli/granska.cjs is not built (npm run build).');

function granska(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

/** Starts `granska server` as the README says and resolves with its address once it listens. */
function startServer(args: string[], env: Record<string, string> = {}): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [CLI, 'server', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (https?:\/\/[\d.]+:\d+)/.exec(out);
      if (m?.[1]) resolve({ proc, url: m[1] });
    });
    proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    proc.once('exit', (code) => reject(new Error(`granska server exited (${code}): ${err}`)));
  });
}

const stop = (proc: ChildProcess) =>
  new Promise<void>((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill('SIGTERM');
  });

describe.skipIf((!built && !process.env.CI) || skipPostgres())('granska server', () => {
  let cluster: Cluster;
  let pg: string;
  const dir = tempDir();

  beforeAll(async () => {
    cluster = await startCluster();
    pg = cluster.createDatabase('cli');
  }, 120_000);
  afterAll(() => cluster?.destroy());

  it('adds users with a password from the environment, refusing weak input with a reason', () => {
    const env = { GRANSKA_SERVER_PASSWORD: 'a long enough secret' };
    const added = granska(['server', 'user', 'add', '--pg', pg, '--name', 'karin', '--role', 'coordinator'], env);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('Added coordinator karin');
    const auditor = granska(['server', 'user', 'add', '--name', 'anna', '--role', 'auditor', '--person-id', 'p-anna'], { ...env, GRANSKA_PG: pg });
    expect(auditor.status).toBe(0);
    const noPerson = granska(['server', 'user', 'add', '--pg', pg, '--name', 'bo', '--role', 'auditor'], env);
    expect(noPerson.status).toBe(1);
    expect(noPerson.stderr).toContain('needs --person-id');
    const short = granska(['server', 'user', 'add', '--pg', pg, '--name', 'bo', '--role', 'coordinator'], { GRANSKA_SERVER_PASSWORD: 'short' });
    expect(short.stderr).toContain('at least 12 characters');
    const unset = granska(['server', 'user', 'add', '--pg', pg, '--name', 'bo', '--role', 'coordinator', '--password-env', 'NOT_SET_ANYWHERE']);
    expect(unset.stderr).toContain('NOT_SET_ANYWHERE is not set');
    const unknownPerson = granska(['server', 'user', 'add', '--pg', pg, '--name', 'bo', '--role', 'auditor', '--person-email', 'bo@sjovik.example'], env);
    expect(unknownPerson.stderr).toContain('no person with the e-mail bo@sjovik.example has reached the server yet');
    const list = granska(['server', 'user', 'list', '--pg', pg, '--json']);
    expect(JSON.parse(list.stdout)).toEqual([
      { name: 'anna', role: 'auditor', personId: 'p-anna', activeTokens: 0 },
      { name: 'karin', role: 'coordinator', personId: null, activeTokens: 0 },
    ]);
  });

  it('serves sign-in and sync on the given port; a revoked token is refused at once', async () => {
    const port = await freePort();
    const { proc, url } = await startServer(['--pg', pg, '--port', String(port)]);
    try {
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const signIn = await fetch(`${url}/v1/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'anna', password: 'a long enough secret' }),
      });
      const { token } = (await signIn.json()) as { token: string };
      const pull = () => fetch(`${url}/v1/pull`, { headers: { authorization: `Bearer ${token}` } });
      expect((await pull()).status).toBe(200);
      const revoked = granska(['server', 'token', 'revoke', '--pg', pg, '--name', 'anna']);
      expect(revoked.stdout).toContain('Revoked 1 token(s) of anna');
      const after = await pull();
      expect(after.status).toBe(401);
      expect(await after.json()).toEqual({ error: { code: 'unauthorized', params: { reason: 'token' } } });
      expect(granska(['server', 'token', 'revoke', '--pg', pg, '--name', 'nobody']).stderr).toContain('no user named nobody');
    } finally {
      await stop(proc);
    }
  });

  it('serves HTTPS with a given certificate and key', async () => {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const { proc, url } = await startServer(['--pg', pg, '--port', String(await freePort()), '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(url).toMatch(/^https:/);
      // trusting exactly the given certificate: the laptop's view when a group uses its own CA
      const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.get(`${url}/v1/me`, { ca: fs.readFileSync(cert) }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
      });
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body)).toEqual({ error: { code: 'unauthorized', params: { reason: 'token' } } });
    } finally {
      await stop(proc);
    }
    expect(granska(['server', '--pg', pg, '--tls-cert', cert]).stderr).toContain('--tls-cert and --tls-key go together');
  });

  it('renews the instance id after a restore, so laptops resend and refetch everything', async () => {
    const instance = async () => {
      const { Pool } = await import('pg');
      const pool = new Pool({ connectionString: pg, max: 1 });
      try {
        return ((await pool.query('SELECT instance_id FROM server_meta')).rows[0] as { instance_id: string }).instance_id;
      } finally {
        await pool.end();
      }
    };
    const before = await instance();
    const r = granska(['server', 'restored', '--pg', pg]);
    expect(r.stdout).toContain('new instance id');
    expect(await instance()).not.toBe(before);
  });

  it('says which PostgreSQL it cannot reach, without printing its password', () => {
    const r = granska(['server', 'user', 'list', '--pg', `postgres://granska:s3cret@127.0.0.1:${cluster.port + 1}/nowhere`]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cannot use PostgreSQL at postgres://granska:***@127.0.0.1');
    expect(r.stderr).not.toContain('s3cret');
  });
});
