import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipE2E, startApp, type RunningApp } from '../helpers/e2e';

const COVER = 'Rapporten är en intern handling i Sjöviks kommunkoncern.';
const FOOTER = 'Kvalitetsenheten · 0123-456 78';

/** Paragraphs styled Heading1 in a Word document, in order. */
const headings1 = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)]
    .filter((m) => m[0].includes('<w:pStyle w:val="Heading1"/>'))
    .map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''));

/**
 * Issue 15.5 as the coordinator does it: the organisation's own report template in Settings
 * (findings first, no distribution list, cover text, footer), previewed, then a report exported
 * as Word in that template.
 */
describe.skipIf(skipE2E())('report template and Word copy in the browser', () => {
  let app: RunningApp;
  let audit: { id: string; number: string };
  let findings: { number: string; statement: string }[];

  beforeAll(async () => {
    app = await startApp({ demo: true, lang: 'sv' });
    const db = new Database(app.dbFile, { readonly: true });
    const row = db
      .prepare(`SELECT id, number FROM audits WHERE status = 'in_progress' AND locked = 0 AND type = 'internal' ORDER BY number LIMIT 1`)
      .get() as { id: string; number: string } | undefined;
    if (!row) throw new Error('the demo has no internal audit in progress');
    audit = row;
    findings = db.prepare(`SELECT number, statement FROM findings WHERE audit_id = ? AND type <> 'strength' ORDER BY seq`).all(row.id) as typeof findings;
    db.close();
  });
  afterAll(async () => app?.stop());

  it('edits the template in Settings: required sections stay on, the rest move and hide, and it is saved', async () => {
    const { page } = app;
    await app.open('#/settings', 'sv');
    const editor = page.getByRole('region', { name: 'Rapportmall' });
    const list = editor.getByRole('list', { name: 'Rapportens avsnitt i ordning' });
    expect(await editor.getByRole('switch', { name: 'Visa ”Revisionskriterier”' }).isDisabled()).toBe(true);
    for (let i = 0; i < 7; i++) await editor.getByRole('button', { name: 'Flytta upp ”Revisionsresultat”' }).click();
    expect((await list.getByRole('listitem').first().textContent()) ?? '').toContain('Revisionsresultat');
    await editor.getByRole('switch', { name: 'Visa ”Sändlista”' }).click({ force: true });
    await editor.getByLabel(/^Text på försättssidan/).fill(COVER);
    await editor.getByLabel(/^Sidfot/).fill(FOOTER);
    await editor.getByRole('button', { name: 'Spara', exact: true }).click();
    await expect.poll(() => page.getByText('Rapportmallen sparades.').isVisible(), { timeout: 15_000 }).toBe(true);

    // read back after a reload: what was saved is what the editor shows
    await app.open('#/settings', 'sv');
    const again = page.getByRole('region', { name: 'Rapportmall' });
    expect((await again.getByRole('list', { name: 'Rapportens avsnitt i ordning' }).getByRole('listitem').first().textContent()) ?? '').toContain('Revisionsresultat');
    expect(await again.getByRole('switch', { name: 'Visa ”Sändlista”' }).isChecked()).toBe(false);
    expect(await again.getByLabel(/^Sidfot/).inputValue()).toBe(FOOTER);
  });

  it('previews a report with the template', async () => {
    const { page } = app;
    const editor = page.getByRole('region', { name: 'Rapportmall' });
    await editor.getByRole('button', { name: 'Förhandsgranska PDF' }).click();
    await expect.poll(() => page.getByTitle('Förhandsgranskning av rapportmallen').isVisible(), { timeout: 30_000 }).toBe(true);
    await page.keyboard.press('Escape');
  });

  it("exports the audit's report as Word in the template's order, with its findings and the record note", async () => {
    const { page } = app;
    await app.open(`#/audits/${audit.id}?tab=report`, 'sv');
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: 'Exportera som Word (.docx)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${audit.number} Revisionsrapport utkast.docx`);
    const bytes = fs.readFileSync((await download.path()) as string);
    const files = unzipSync(bytes);
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const h1 = headings1(xml);
    expect(h1[0]).toBe('1 Revisionsresultat');
    expect(h1.at(-1)).toMatch(/Signatur$/);
    expect(h1.join('|')).not.toContain('Sändlista');
    expect(xml).toContain(COVER);
    expect(xml).toContain('utkast som inte är utfärdat');
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(xml).toContain(f.number);
      // the statement's first words (XML escapes aside)
      expect(xml).toContain(f.statement.slice(0, 20).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
    }
    const footer = Object.entries(files).filter(([n]) => /^word\/footer\d*\.xml$/.test(n)).map(([, b]) => strFromU8(b)).join('');
    expect(footer).toContain(FOOTER);
  });
});
