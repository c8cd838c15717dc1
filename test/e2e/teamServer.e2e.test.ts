import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';
import { freePort, skipPostgres, startCluster, type Cluster } from '../helpers/postgres';

const CLI = path.resolve(__dirname, '..', '..', 'dist', 'cli', 'granska.cjs');
const PASSWORD = 'correct horse battery';

function granska(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, E2E_PASSWORD: PASSWORD } });
}

/**
 * The README's way: `granska server` on a throwaway PostgreSQL, a coordinator's laptop with the
 * demo data and an auditor's empty laptop, both joining in Settings › Team server.
 */
describe.skipIf(skipE2E() || skipPostgres())('team server in the browser', () => {
  let cluster: Cluster;
  let pg: string;
  let server: ChildProcess;
  let url: string;
  let karin: RunningApp;
  let anna: RunningApp;

  beforeAll(async () => {
    cluster = await startCluster();
    pg = cluster.createDatabase('granska');
    const port = await freePort();
    server = spawn(process.execPath, [CLI, 'server', '--pg', pg, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      server.stdout?.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /listening on (http:\/\/[\d.:]+)/.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      server.once('exit', (code) => reject(new Error(`granska server exited (${code})`)));
    });
    karin = await startApp({ demo: true, lang: 'en' });
    anna = await startApp({ lang: 'sv' });
    const add = granska(['server', 'user', 'add', '--pg', pg, '--name', 'karin', '--role', 'coordinator', '--password-env', 'E2E_PASSWORD']);
    expect(add.status).toBe(0);
  });

  afterAll(async () => {
    await karin?.stop();
    await anna?.stop();
    server?.kill('SIGTERM');
    cluster?.destroy();
  });

  async function signInAndSync(app: RunningApp, lang: 'sv' | 'en', name: string) {
    const w = lang === 'sv'
      ? { address: /Serverns adress/, user: 'Användarnamn', password: 'Lösenord', signIn: 'Logga in', sync: 'Synkronisera', done: /Synkroniserat:/ }
      : { address: /Server address/, user: 'User name', password: 'Password', signIn: 'Sign in', sync: 'Synchronise', done: /Synchronised:/ };
    await app.open('#/settings', lang);
    const { page } = app;
    await page.getByRole('textbox', { name: w.address }).fill(url);
    await page.getByRole('textbox', { name: w.user }).fill(name);
    await page.getByLabel(w.password, { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: w.signIn }).click();
    await page.getByRole('button', { name: w.sync }).click();
    await expect.poll(() => page.getByText(w.done).count(), { timeout: 60_000 }).toBeGreaterThan(0);
  }

  it("sends the coordinator's database, and gives the auditor exactly the audits she is on", async () => {
    await signInAndSync(karin, 'en', 'karin');
    await karin.page.screenshot({ path: path.join(karin.dataDir, '..', 'granska-team-server-settings.png') });

    // Anna is on one audit's team in the demo; the server finds her by e-mail
    const db = new Database(karin.dbFile, { readonly: true });
    const anna_ = db
      .prepare(
        `SELECT p.email, p.id, (SELECT count(*) FROM audit_team t2 WHERE t2.person_id = p.id) AS n FROM people p
         WHERE EXISTS (SELECT 1 FROM audit_team t WHERE t.person_id = p.id) ORDER BY n, p.email LIMIT 1`,
      )
      .get() as { email: string; id: string; n: number };
    const herAudits = (db.prepare('SELECT a.number FROM audits a JOIN audit_team t ON t.audit_id = a.id WHERE t.person_id = ? ORDER BY a.number').all(anna_.id) as { number: string }[]).map((a) => a.number);
    const allAudits = (db.prepare('SELECT count(*) AS n FROM audits').get() as { n: number }).n;
    db.close();
    expect(herAudits.length).toBeLessThan(allAudits);
    const add = granska(['server', 'user', 'add', '--pg', pg, '--name', 'anna', '--role', 'auditor', '--person-email', anna_.email, '--password-env', 'E2E_PASSWORD']);
    expect(add.stderr).toBe('');

    await signInAndSync(anna, 'sv', 'anna');
    const listed = anna.cli(['audits', '--db', anna.dbFile, '--json']);
    const numbers = (JSON.parse(listed.stdout) as { number: string }[]).map((a) => a.number).sort();
    expect(numbers).toEqual(herAudits);
    await anna.page.screenshot({ path: path.join(anna.dataDir, '..', 'granska-team-server-settings-sv.png'), fullPage: true });
  });
});
