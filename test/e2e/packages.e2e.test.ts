import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../electron/backend/backend';
import { makeReturnPackage } from '../../electron/backend/features/packages/service';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';
import { addFinding, updateFinding } from '../backend/packages/fixture';

function openBackend(file: string): Backend {
  const b = new Backend({ dataDir: path.dirname(file), transport: 'http', version: 'test', rememberDatabase: false });
  b.open(file);
  return b;
}

describe.skipIf(skipE2E())('merging an auditor\'s return package in the browser', () => {
  let app: RunningApp;
  let audit: { id: string; number: string };
  let finding: { id: string; number: string };
  let returnFile: string;

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'en' });
    const db = new Database(app.dbFile, { readonly: true });
    audit = db
      .prepare("SELECT a.id, a.number FROM audits a WHERE a.status = 'in_progress' AND a.locked = 0 AND EXISTS (SELECT 1 FROM findings f WHERE f.audit_id = a.id) ORDER BY a.number LIMIT 1")
      .get() as typeof audit;
    finding = db.prepare('SELECT id, number FROM findings WHERE audit_id = ? ORDER BY seq LIMIT 1').get(audit.id) as typeof finding;
    db.close();

    // The coordinator sends the audit; an auditor conducts it offline from the package.
    const pkg = path.join(app.dataDir, 'auditor', 'audit.granska');
    fs.mkdirSync(path.dirname(pkg));
    const exported = app.cli(['package', 'export', audit.number, '--db', app.dbFile, '--out', pkg]);
    expect(exported.status, exported.stderr).toBe(0);
    const laptop = openBackend(pkg);
    await addFinding(laptop, audit.id, { type: 'observation', evidence: 'Seen on site by the auditor' });
    await updateFinding(laptop, finding.id, { statement: "The auditor's wording" });
    returnFile = path.join(app.dataDir, 'return.granska');
    fs.writeFileSync(returnFile, makeReturnPackage(laptop.ctx()).data);
    laptop.close();
    // Meanwhile the coordinator reworded the same statement.
    const coordinator = openBackend(app.dbFile);
    await updateFinding(coordinator, finding.id, { statement: "The coordinator's wording" });
    coordinator.close();
  }, 60_000);
  afterAll(async () => app?.stop());

  it('imports the package, shows both values side by side, and records the person\'s choice', async () => {
    const { page } = app;
    await app.open(`#/audits/${audit.id}`, 'en');
    await page.getByRole('button', { name: 'Send to auditor…' }).waitFor();
    await page.getByLabel('Return package file').setInputFiles(returnFile);
    const dialog = page.getByRole('dialog', { name: 'Return package imported' });
    await expect.poll(() => dialog.textContent()).toContain('One change needs your decision');
    await dialog.getByRole('button', { name: 'Close' }).click();

    const region = page.getByRole('region', { name: 'Changes to decide' });
    const card = region.getByRole('group', { name: `${finding.number}: Nonconformity statement` });
    await expect.poll(() => card.getByLabel('In this database').textContent()).toBe("The coordinator's wording");
    expect(await card.getByLabel('From the auditor').textContent()).toBe("The auditor's wording");
    await page.screenshot({ path: '/tmp/granska-conflict.png' });

    await card.getByRole('button', { name: 'Keep both…' }).click();
    const both = card.getByLabel('Both texts (edit before saving)');
    await both.fill("The coordinator's wording. The auditor adds: the auditor's wording.");
    await card.getByRole('button', { name: 'Save both' }).click();
    await expect.poll(() => region.count()).toBe(0);

    const db = new Database(app.dbFile, { readonly: true });
    try {
      const statement = db.prepare('SELECT statement FROM findings WHERE id = ?').pluck().get(finding.id);
      expect(statement).toBe("The coordinator's wording. The auditor adds: the auditor's wording.");
      const trail = db.prepare("SELECT after_json FROM audit_trail WHERE entity_id = ? AND action = 'conflict_resolved'").pluck().get(finding.id) as string;
      expect(JSON.parse(trail)).toMatchObject({ field: 'statement', choice: 'both' });
      // The auditor's new finding arrived with a final number.
      const numbers = db.prepare('SELECT number FROM findings WHERE audit_id = ?').pluck().all(audit.id) as string[];
      expect(numbers.every((n) => !/-P\d+-/.test(n))).toBe(true);
    } finally {
      db.close();
    }
  });
});
