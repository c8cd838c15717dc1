import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../electron/backend/features/app/demo/png';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

interface AuditRow {
  id: string;
  number: string;
}

function auditWith(dbFile: string, where: string): AuditRow {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(`SELECT id, number FROM audits WHERE ${where} ORDER BY start_date LIMIT 1`).get() as AuditRow;
  } finally {
    db.close();
  }
}

const photo = () => ({
  name: 'signeringslista.png',
  mimeType: 'image/png',
  buffer: encodePng(64, 48, (x, y) => [250 - y * 2, 250 - x, 240]),
});

describe.skipIf(skipE2E())('conducting an audit in the browser', () => {
  let app: RunningApp;
  let audit: AuditRow;
  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'sv' });
    audit = auditWith(app.dbFile, "status = 'in_progress'");
  });
  afterAll(async () => app?.stop());

  it('answers questions with the keyboard, raises a nonconformity with a photo, and keeps it all after a reload', async () => {
    const { page } = app;
    await app.open(`#/audits/${audit.id}?tab=checklist`, 'sv');
    const questions = page.getByRole('navigation', { name: 'Frågor' });
    await expect.poll(() => questions.getByRole('button').count()).toBeGreaterThan(5);

    // Question 1 is current; J moves on without the mouse until an unanswered one.
    const panel = (n: number) => page.getByRole('region', { name: new RegExp(`^Fråga ${n} av \\d+$`) });
    await expect.poll(() => panel(1).isVisible()).toBe(true);
    let n = 1;
    for (;;) {
      const current = questions.locator('[aria-current="step"]');
      if (/Ej bedömt$/.test((await current.getAttribute('aria-label')) ?? '')) break;
      await page.keyboard.press('j');
      n += 1;
      await expect.poll(() => panel(n).isVisible()).toBe(true);
    }

    await page.keyboard.press('2');
    await expect.poll(() => panel(n).getByRole('radio', { name: 'Avvikelse' }).isChecked()).toBe(true);
    await panel(n).getByLabel('Belägg och anteckningar').focus();
    await page.keyboard.type('Två av fem signeringslistor saknade kontrasignering av sjuksköterska.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('5 av 40 listor');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Sjuksköterska, två undersköterskor');
    await expect.poll(() => panel(n).getByRole('status').filter({ hasText: /^Sparat \d\d:\d\d:\d\d$/ }).isVisible()).toBe(true);

    // Alt+↓ moves on with the cursor in the same field; Alt+↑ comes back.
    await panel(n).getByLabel('Belägg och anteckningar').focus();
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(() => panel(n + 1).isVisible()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('evidence');
    await page.keyboard.type('Rutinen var känd.');
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => panel(n).isVisible()).toBe(true);

    // Raising a finding in one step: prefilled from the answer, only the statement to write.
    await page.keyboard.press('Control+Shift+F');
    const dialog = page.getByRole('dialog', { name: `Ny iakttagelse från fråga ${n}` });
    await expect.poll(() => dialog.getByLabel('Avvikelse – vad som saknas').isVisible()).toBe(true);
    expect(await dialog.getByLabel('Objektiva belägg').inputValue()).toContain('Två av fem signeringslistor');
    expect(await dialog.getByLabel(/^Krav \*$/).inputValue()).toMatch(/^ISO 9001:2015 avsnitt /);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await page.keyboard.type('Kontrasignering av delegerade läkemedelsuppgifter saknas.');
    await dialog.getByLabel('Lägg till filer').setInputFiles(photo());
    await expect.poll(() => dialog.getByText('signeringslista.png').isVisible()).toBe(true);
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    const number = `${audit.number}-03`;
    await expect.poll(() => panel(n).getByRole('button', { name: new RegExp(number) }).isVisible()).toBe(true);

    // A photo on the question itself, by the file dialog's input.
    await panel(n).getByLabel('Lägg till filer').setInputFiles(photo());
    await expect.poll(() => panel(n).getByRole('img', { name: 'signeringslista.png' }).isVisible()).toBe(true);

    await page.reload();
    await page.waitForLoadState('networkidle');
    await expect.poll(() => panel(n).isVisible()).toBe(true);
    expect(await panel(n).getByRole('radio', { name: 'Avvikelse' }).isChecked()).toBe(true);
    expect(await panel(n).getByLabel('Belägg och anteckningar').inputValue()).toBe('Två av fem signeringslistor saknade kontrasignering av sjuksköterska.');
    expect(await panel(n).getByLabel('Stickprov').inputValue()).toBe('5 av 40 listor');
    expect(await panel(n).getByLabel('Intervjuade').inputValue()).toBe('Sjuksköterska, två undersköterskor');
    await expect.poll(() => panel(n).getByRole('img', { name: 'signeringslista.png' }).isVisible()).toBe(true);
    await page.keyboard.press('j');
    await expect.poll(async () => (await panel(n + 1).getByLabel('Belägg och anteckningar').inputValue()).endsWith('Rutinen var känd.')).toBe(true);

    await page.getByRole('tab', { name: 'Iakttagelser' }).click();
    const row = page.getByRole('table', { name: 'Iakttagelser' }).getByRole('row', { name: new RegExp(number) });
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.textContent()).toContain('Mindre avvikelse');
    await row.click();
    const edit = page.getByRole('dialog', { name: `Iakttagelse ${number}` });
    await expect.poll(() => edit.getByRole('img', { name: 'signeringslista.png' }).isVisible()).toBe(true);

    const cli = app.cli(['findings', '--db', app.dbFile, '--json', '--audit', audit.number]);
    expect(cli.status).toBe(0);
    const listed = (JSON.parse(cli.stdout) as { number: string; type: string; status: string; statement: string }[]).find((f) => f.number === number);
    expect(listed).toMatchObject({ type: 'minor_nc', status: 'open', statement: 'Kontrasignering av delegerade läkemedelsuppgifter saknas.' });
  });

  it('shows a closed audit read only, with the reason', async () => {
    const closed = auditWith(app.dbFile, "locked = 1 AND EXISTS (SELECT 1 FROM checklist_items c WHERE c.audit_id = audits.id)");
    const { page } = app;
    await app.open(`#/audits/${closed.id}?tab=checklist`, 'sv');
    await expect.poll(() => page.getByText('Rapporten är utfärdad, så checklistan är låst.', { exact: false }).isVisible()).toBe(true);
    expect(await page.getByLabel('Belägg och anteckningar').getAttribute('readonly')).not.toBeNull();
    await page.keyboard.press('3');
    expect(await page.getByRole('radio', { name: 'Observation' }).isChecked()).toBe(false);
  });

  it('searches the findings register in English', async () => {
    const { page } = app;
    await app.open('#/findings', 'en');
    const table = page.getByRole('table', { name: 'Findings' });
    await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(5);
    await page.getByLabel('Search findings').fill('kontrasignering');
    await expect.poll(() => page.getByRole('status').filter({ hasText: /^1 finding$/ }).isVisible()).toBe(true);
    await table.getByRole('row', { name: /Kontrasignering/ }).click();
    const drawer = page.getByRole('dialog', { name: /^Finding / });
    await expect.poll(() => drawer.getByText('Minor nonconformity').isVisible()).toBe(true);
  });
});
