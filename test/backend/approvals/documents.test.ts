import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import { openDatabase } from '../../../electron/backend/db/open';
import { MIGRATIONS } from '../../../electron/backend/db/migrations';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { ReportPreview } from '../../../shared/contract/reports';
import type { TransitionOption } from '../../../shared/contract/audits';
import type { ApprovalRequirements, ApprovalStatus } from '../../../shared/domain/approvals';
import type { Audit } from '../../../shared/domain/audits';
import type { Programme } from '../../../shared/domain/programme';
import { externalTool, run } from '../signing/helpers';
import { caller, tempDir, testBackend } from '../../helpers/tmp';

const pdftotext = externalTool('pdftotext', 'poppler-utils', true);
const qpdf = externalTool('qpdf', 'qpdf', true);

describe('approvals in the demo data and on paper', () => {
  const dir = tempDir();
  const backend = testBackend({ dir });
  const call = caller(backend);
  beforeAll(() => {
    loadDemoData(backend.ctx());
  });

  const text = (file: string, base64: string) => {
    const pdf = path.join(dir, file);
    fs.writeFileSync(pdf, Buffer.from(base64, 'base64'));
    if (!qpdf.skip) {
      expect(qpdf.path, 'qpdf is required in CI').toBeTruthy();
      const check = run(qpdf.path as string, ['--check', pdf]);
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
    return run(pdftotext.path as string, [pdf, '-']).stdout.replace(/\s+/g, ' ');
  };

  it('has the programme and its years approved by the coordinator, audit plans approved and one returned', async () => {
    const [programme] = await call<Programme[]>('programme.list');
    const p = await call<ApprovalStatus>('approvals.status', { subjectKind: 'programme', subjectId: programme!.id });
    expect(p).toMatchObject({ state: 'approved', history: [{ approverName: 'Karin Lindqvist' }] });
    const years = await call<ApprovalStatus[]>('approvals.statuses', { subjectKind: 'programme_year', subjectIds: programme!.years.map((y) => y.id) });
    expect(years[0]).toMatchObject({ state: 'approved', history: [{ approverName: 'Karin Lindqvist' }] });
    const audits = await call<Audit[]>('audits.list', {});
    const plans = await call<ApprovalStatus[]>('approvals.statuses', { subjectKind: 'audit_plan', subjectIds: audits.map((a) => a.id) });
    expect(plans.filter((s) => s.state === 'approved').length).toBeGreaterThan(3);
    expect(plans.filter((s) => s.state === 'returned')).toHaveLength(1);
    // the demo requires nothing; once the coordinator requires plan approval, the returned draft waits for it
    expect(await call<ApprovalRequirements>('approvals.requirements')).toEqual({ programme: false, programme_year: false, audit_plan: false, report: false });
    const returned = audits.find((a) => a.id === plans.find((s) => s.state === 'returned')!.subjectId)!;
    expect(returned.status).toBe('draft');
    expect(await call<TransitionOption[]>('audits.transitions', { id: returned.id })).toEqual([{ to: 'planned', check: { ok: true } }]);
    await call('approvals.setRequirements', { programme: false, programme_year: false, audit_plan: true, report: true });
    expect(await call<TransitionOption[]>('audits.transitions', { id: returned.id })).toEqual([{ to: 'planned', check: { ok: false, reason: 'plan_not_approved' } }]);
    await call('approvals.setRequirements', { programme: false, programme_year: false, audit_plan: false, report: false });
  });

  it.skipIf(pdftotext.skip)('prints the programme\'s and the year plan\'s approvals in the annual programme PDF', async () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    const [programme] = await call<Programme[]>('programme.list');
    const year = programme!.cycleStartYear;
    const sv = text('program.pdf', (await call<DeliveredFile>('reports.programmePdf', { programmeId: programme!.id, year, lang: 'sv' })).base64 ?? '');
    expect(sv).toContain('Godkännande av Beslut Beslutad av Datum Kommentar');
    expect(sv).toMatch(/Revisionsprogram Godkänd Karin Lindqvist \d{4}-11-20/);
    expect(sv).toMatch(/Årsplan Godkänd Karin Lindqvist \d{4}-12-10/);
    expect(sv).toMatch(new RegExp(`Godkännande Godkänd av Karin Lindqvist, ${year - 1}-12-10`));
    const en = text('programme.pdf', (await call<DeliveredFile>('reports.programmePdf', { programmeId: programme!.id, year, lang: 'en' })).base64 ?? '');
    expect(en).toContain('Approval of Decision Approver Date Comment');
    expect(en).toMatch(/Audit programme Approved Karin Lindqvist/);
  });

  it.skipIf(pdftotext.skip)('prints the plan and report approvals in the audit report, with a return and its comment', async () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    const [inProgress] = await call<Audit[]>('audits.list', { status: 'in_progress' });
    const report = text('rapport.pdf', (await call<ReportPreview>('reports.preview', { auditId: inProgress!.id, lang: 'sv' })).base64);
    expect(report).toMatch(/Godkännanden .*Revisionsplan Godkänd Karin Lindqvist \d{4}-\d{2}-\d{2}/);
    const audits = await call<Audit[]>('audits.list', { status: 'draft' });
    const plans = await call<ApprovalStatus[]>('approvals.statuses', { subjectKind: 'audit_plan', subjectIds: audits.map((a) => a.id) });
    const returned = plans.find((s) => s.state === 'returned')!;
    const draft = text('utkast.pdf', (await call<ReportPreview>('reports.preview', { auditId: returned.subjectId, lang: 'en' })).base64);
    expect(draft).toContain('Approvals');
    expect(draft).toContain('Audit plan Returned Karin Lindqvist');
    expect(draft).toContain('Lägg till intervju med processägaren');
  });
});

describe('the approvals migration', () => {
  it('keeps a year approval recorded the old way as the first approval, current', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.sqlite');
    const { db: old } = openDatabase(file, { migrations: MIGRATIONS.slice(0, 9) });
    const now = '2025-12-10T14:00:00.000Z';
    const person = uuidv7();
    const programme = uuidv7();
    const year = uuidv7();
    old.prepare(`INSERT INTO people (id, name, email, roles_json, created_at, updated_at) VALUES (?, 'Johan Ekström', 'johan@example.org', '["audit_lead"]', ?, ?)`).run(person, now, now);
    old.prepare(`INSERT INTO programmes (id, title, standard_id, cycle_start_year, cycle_years, created_at, updated_at) VALUES (?, 'P', 'iso-9001-2015', 2026, 3, ?, ?)`).run(programme, now, now);
    old
      .prepare(`INSERT INTO programme_years (id, programme_id, year, objectives, approved_by_person_id, approved_at, created_at, updated_at) VALUES (?, ?, 2026, 'Mål', ?, ?, ?, ?)`)
      .run(year, programme, person, now, now, now);
    old.close();

    const backend = testBackend({ dir: tempDir() });
    backend.open(file);
    const call = caller(backend);
    return call<ApprovalStatus>('approvals.status', { subjectKind: 'programme_year', subjectId: year }).then((s) => {
      expect(s).toMatchObject({ state: 'approved', history: [{ approverName: 'Johan Ekström', decidedAt: now, decision: 'approved', stale: false }] });
      expect(backend.database.prepare('SELECT approved_by_person_id FROM programme_years WHERE id = ?').pluck().get(year)).toBeNull();
    });
  });
});
