import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../../electron/backend/features/app/demo';
import { DEMO_SIGNING_PASSPHRASE } from '../../../electron/backend/features/app/demo/issued-reports';
import { packTexts } from '../../../electron/backend/features/pack';
import { verifyReportFile } from '../../../electron/backend/features/reports';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { CaseDetail } from '../../../shared/domain/cases';
import type { ManagementReview, ManagementReviewSummary, ReviewPrefill, Trends } from '../../../shared/domain/managementReview';
import { externalTool, run } from '../signing/helpers';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

const pdfsig = externalTool('pdfsig', 'poppler-utils', true);
const pdftotext = externalTool('pdftotext', 'poppler-utils', true);
const pdfinfo = externalTool('pdfinfo', 'poppler-utils', true);

describe('management review with the demo data', () => {
  const dir = tempDir('granska-mr-');
  const backend = testBackend({ dir });
  const call = caller(backend);
  let reviews: ManagementReviewSummary[];
  let identityId: string;
  const lastYear = new Date().getUTCFullYear() - 1;
  const person = (email: string) => backend.database.prepare('SELECT id FROM people WHERE email = ?').pluck().get(email) as string;
  const unit = (code: string) => backend.database.prepare('SELECT id FROM units WHERE code = ?').pluck().get(code) as string;
  const text = (file: string, layout = false) => run(pdftotext.path as string, [...(layout ? ['-layout'] : []), file, '-']).stdout;

  beforeAll(async () => {
    await loadDemo(backend.ctx());
    reviews = await call<ManagementReviewSummary[]>('managementReview.list');
    identityId = backend.database.prepare('SELECT id FROM signing_identities').pluck().get() as string;
  }, 240_000);

  it('holds last year\'s review issued, its actions tracked as cases, and this year\'s as a draft', async () => {
    expect(reviews.map((r) => [r.title, r.status])).toEqual([
      [`Ledningens genomgång ${lastYear + 1}`, 'draft'],
      [`Ledningens genomgång ${lastYear}`, 'issued'],
    ]);
    const issued = await call<ManagementReview>('managementReview.get', { id: reviews[1]!.id });
    expect(issued.sha256).toMatch(/^[0-9a-f]{64}$/);
    const withAction = issued.outputs.filter((o) => o.action);
    expect(withAction).toHaveLength(2);
    for (const o of withAction) {
      expect(o.caseNumber).toMatch(/^\S+-\d{4}-\d+$/);
      const c = await call<CaseDetail>('cases.get', { id: o.caseId });
      expect(c.source).toBe('management_review');
      expect(c.sourceReference).toBe(issued.title);
      expect(c.actions.map((a) => [a.description, a.ownerId, a.dueDate])).toEqual([[o.action, o.ownerId, o.dueDate]]);
      expect(c.status).toBe('action_planned');
    }
    expect(issued.outputs.find((o) => !o.action)?.caseId).toBeNull();
    // reviews and their decisions travel like every other record: they are in the change journal
    const journal = backend.database.prepare(`SELECT tbl, count(*) AS n FROM change_log WHERE tbl LIKE 'management_review%' GROUP BY tbl ORDER BY tbl`).all();
    expect(journal).toEqual([
      { tbl: 'management_review_outputs', n: expect.any(Number) as number },
      { tbl: 'management_reviews', n: expect.any(Number) as number },
    ]);
  });

  it('starts a draft from what Granska knows of the period, and leaves the rest to be written', async () => {
    const draft = await call<ManagementReview>('managementReview.get', { id: reviews[0]!.id });
    const prefill = await call<ReviewPrefill>('managementReview.prefill', { from: draft.periodFrom, to: draft.periodTo, lang: 'sv' });
    const audits = backend.database
      .prepare(`SELECT count(*) FROM audits WHERE status IN ('reported','closed') AND end_date BETWEEN ? AND ?`)
      .pluck()
      .get(draft.periodFrom, draft.periodTo) as number;
    expect(draft.inputs.c6).toContain(`Revisionsprogrammet: ${audits} av`);
    expect(draft.inputs.c4).toMatch(/Ärenden upptäckta under perioden: \d+/);
    // last year's decisions and their cases are the first input of this year's review
    expect(draft.inputs.a).toContain(`Ledningens genomgång ${lastYear}: Korrigerande åtgärder ska följas upp`);
    expect(draft.inputs.a.split('\n')).toEqual(prefill.lines.a);
    for (const k of ['b', 'c1', 'c2', 'c5', 'd'] as const) expect(draft.inputs[k]).toBe('');
  });

  it('refuses a change to an issued review and an action without owner, unit or due date, changing nothing', async () => {
    const issued = await call<ManagementReview>('managementReview.get', { id: reviews[1]!.id });
    const fields = { ...issued, participantIds: issued.participantIds, outputs: issued.outputs };
    expect((await rejection(call('managementReview.update', { id: issued.id, revision: issued.revision, fields }))).code).toBe('locked');
    expect((await rejection(call('managementReview.remove', { id: issued.id, revision: issued.revision }))).code).toBe('locked');
    const refused = await rejection(
      call('managementReview.create', {
        lang: 'sv',
        fields: { title: 'X', meetingDate: '2027-02-01', periodFrom: '2026-01-01', periodTo: '2026-12-31', outputs: [{ kind: 'resources', decision: 'Fler revisorer', action: 'Rekrytera' }] },
      }),
    );
    expect(refused.code).toBe('invalid_input');
    expect((refused.params.issues as { path: string }[]).map((i) => i.path).sort()).toEqual(['fields.outputs.0.dueDate', 'fields.outputs.0.ownerId', 'fields.outputs.0.unitId']);
    expect(await call<ManagementReviewSummary[]>('managementReview.list')).toHaveLength(2);
  });

  it('issues the draft as signed minutes with every 9.3.2 input, the decisions with their case numbers and the trend figures', async () => {
    let draft = await call<ManagementReview>('managementReview.get', { id: reviews[0]!.id });
    draft = await call<ManagementReview>('managementReview.update', {
      id: draft.id,
      revision: draft.revision,
      fields: {
        ...draft,
        meetingDate: `${lastYear + 1}-12-01`,
        inputs: { ...draft.inputs, b: 'Ny lag om offentlig upphandling.' },
        conclusions: 'Systemet är lämpligt, tillräckligt och effektivt.',
        outputs: [{ kind: 'improvement', decision: 'Egenkontroll i hemtjänsten', action: 'Inför månatlig egenkontroll', unitId: unit('ÄO'), ownerId: person('lars.ohman@sjovik.example'), dueDate: `${lastYear + 2}-03-31` }],
      },
    });
    const casesBefore = backend.database.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    const wrong = await rejection(call('managementReview.issue', { id: draft.id, revision: draft.revision, lang: 'sv', identityId, passphrase: 'fel lösenfras' }));
    expect(wrong.code).not.toBe('internal');
    expect((await call<ManagementReview>('managementReview.get', { id: draft.id })).status).toBe('draft');
    expect(backend.database.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(casesBefore);

    const issued = await call<ManagementReview>('managementReview.issue', { id: draft.id, revision: draft.revision, lang: 'sv', identityId, passphrase: DEMO_SIGNING_PASSPHRASE });
    expect(issued.status).toBe('issued');
    expect(backend.database.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(casesBefore + 1);
    const caseNumber = issued.outputs[0]!.caseNumber as string;
    expect(caseNumber).toBeTruthy();

    const delivered = await call<DeliveredFile>('managementReview.pdf', { id: issued.id });
    const pdf = Buffer.from(delivered.base64 ?? '', 'base64');
    const file = path.join(dir, 'minutes.pdf');
    fs.writeFileSync(file, pdf);
    const outcome = verifyReportFile(backend.ctx(), pdf);
    expect(outcome.integrityValid).toBe(true);
    expect(outcome.trusted).toBe(true);
    expect(outcome.valid).toBe(true);
    // The database knows the file as the review's issued minutes, not as an unknown file.
    expect(outcome.checks.find((c) => c.key === 'issued')).toMatchObject({ outcome: 'minutes', state: 'pass', params: { title: issued.title } });

    expect(pdfsig.path, 'pdfsig is required').toBeTruthy();
    const sig = run(pdfsig.path as string, [file]).stdout;
    expect(sig).toContain('Signature Validation: Signature is Valid.');
    expect(sig).toContain('Total document signed');

    const info = run(pdfinfo.path as string, ['-struct', file]).stdout;
    expect(info).toMatch(/^\s*Figure\b/m);
    expect(run(pdfinfo.path as string, ['-meta', file]).stdout).toContain('<pdfaid:part>2</pdfaid:part>');

    const words = text(file).replace(/\s+/g, ' ');
    const rows = text(file, true).replace(/[ \t]+/g, ' ');
    const P = packTexts('sv').review;
    for (const heading of [P.a, P.b, P.c, P.d, P.e, P.f].map((h) => h.slice(3))) expect(words).toContain(heading);
    for (const sub of [P.c1, P.c2, P.c3, P.c4, P.c5, P.c6, P.c7]) expect(words).toContain(sub);
    expect(words).toContain('Ny lag om offentlig upphandling.');
    expect(words).toContain('Inför månatlig egenkontroll');
    expect(words).toContain(caseNumber);
    expect(words).toContain('Lars Öhman');
    // the trend figures: the same numbers the overview shows
    const t = await call<Trends>('managementReview.trends', { toYear: lastYear + 1 });
    expect(words).toContain('Iakttagelser per typ och år');
    for (const r of t.findingsByType) {
      expect(rows).toContain(`${r.year} ${r.major_nc} ${r.minor_nc} ${r.observation} ${r.ofi} ${r.strength}`);
    }
    expect(words).toContain('Öppna och försenade ärenden vid varje kvartalsslut');
    expect(words).toContain('Korrigerande åtgärder: dagar från upptäckt till avslut');
  }, 120_000);

  it('puts the signed minutes of the period into the certification pack, byte for byte', async () => {
    const delivered = await call<DeliveredFile>('pack.create', { from: `${lastYear}-01-01`, to: `${lastYear + 1}-12-31`, lang: 'sv' });
    const zip = unzipSync(new Uint8Array(Buffer.from(delivered.base64 ?? '', 'base64')));
    const names = Object.keys(zip).filter((n) => n.includes('/4 Ledningens genomgang/'));
    const stored = backend.database.prepare('SELECT file_name AS fileName, sha256 FROM management_review_files ORDER BY issued_at').all() as { fileName: string; sha256: string }[];
    expect(stored).toHaveLength(2);
    for (const s of stored) {
      const ascii = s.fileName.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      const entry = names.find((n) => n.endsWith(`/${ascii}`));
      expect(entry, s.fileName).toBeTruthy();
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(zip[entry as string] as Uint8Array).digest('hex')).toBe(s.sha256);
    }
  }, 120_000);
});
