import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import type { ImportSummary } from '../../shared/contract/packages';
import { caller } from '../helpers/tmp';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';
import { addFinding } from '../backend/packages/fixture';

function openBackend(file: string): Backend {
  const b = new Backend({ dataDir: path.dirname(file), transport: 'http', version: 'test', rememberDatabase: false });
  b.open(file);
  return b;
}

describe.skipIf(skipE2E())("an audit package imported into the auditor's own database, in the browser", () => {
  let app: RunningApp;
  let coordFile: string;
  let pkg: string;
  let audit: { id: string; number: string; title: string };

  beforeAll(async () => {
    // The auditor's own database, with a unit of their own; the coordinator's is another file.
    app = await startApp({ lang: 'en' });
    const own = openBackend(app.dbFile);
    await caller(own)('units.create', { name: 'Revisorns egen förvaltning', kind: 'administration' });
    own.close();
    coordFile = path.join(app.dataDir, 'samordnare', 'koncern.sqlite');
    fs.mkdirSync(path.dirname(coordFile));
    expect(app.cli(['demo', '--db', coordFile]).status).toBe(0);
    const db = new Database(coordFile, { readonly: true });
    audit = db.prepare("SELECT id, number, title FROM audits WHERE status = 'in_progress' AND locked = 0 ORDER BY number LIMIT 1").get() as typeof audit;
    db.close();
    pkg = path.join(app.dataDir, 'IR.granska');
    const exported = app.cli(['package', 'export', audit.number, '--db', coordFile, '--out', pkg]);
    expect(exported.status, exported.stderr).toBe(0);
  }, 90_000);
  afterAll(async () => app?.stop());

  it('imports from the audits page, conducts there, and the work sent back merges into the coordinator’s database', async () => {
    const { page } = app;
    await app.open('#/audits', 'en');
    await page.getByLabel('Audit package file').setInputFiles(pkg);
    const dialog = page.getByRole('dialog', { name: 'Audit package imported' });
    await expect.poll(() => dialog.textContent()).toContain(`Conduct ${audit.number} here`);
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The audits list reloaded by itself and shows the imported audit.
    await expect.poll(() => page.getByText(audit.number, { exact: true }).isVisible()).toBe(true);

    const auditor = openBackend(app.dbFile);
    const found = await addFinding(auditor, audit.id, { type: 'observation', evidence: 'Sett på plats av revisorn' }, 1);
    auditor.close();

    await app.open(`#/audits/${audit.id}`, 'en');
    expect(await page.getByRole('button', { name: 'Send to auditor…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Send back to coordinator…' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Write package' }).click()]);
    const returned = path.join(app.dataDir, 'retur.granska');
    await download.saveAs(returned);

    const merged = app.cli(['package', 'import', returned, '--db', coordFile, '--json']);
    expect(merged.status, merged.stderr).toBe(0);
    const summary = JSON.parse(merged.stdout) as ImportSummary;
    expect(summary).toMatchObject({ kind: 'return', added: { findings: 1, attachments: 1 } });
    expect(summary.renumbered.map((r) => r.from)).toEqual([found.number]);
    const coord = new Database(coordFile, { readonly: true });
    try {
      expect(coord.prepare('SELECT evidence FROM findings WHERE id = ?').pluck().get(found.id)).toBe('Sett på plats av revisorn');
      expect(coord.prepare("SELECT count(*) FROM units WHERE name = 'Revisorns egen förvaltning'").pluck().get()).toBe(0);
    } finally {
      coord.close();
    }
  });
});
