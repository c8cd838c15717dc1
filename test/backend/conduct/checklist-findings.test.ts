import { describe, expect, it } from 'vitest';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { ChecklistEntry, Finding, FindingRegisterPage } from '../../../shared/domain/findings';
import { caller, rejection, testBackend } from '../../helpers/tmp';
import { conductFixture, lockAudit } from './fixture';

describe('checklist answers and findings against a real database', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('autosaves each answer field on its own, bumps the revision and trails only what changed', async () => {
    const { items } = await conductFixture(backend);
    expect(items).toHaveLength(5);
    const item = items[0] as ChecklistEntry;
    expect(item).toMatchObject({ result: 'not_assessed', evidence: '', attachmentCount: 0, findings: [] });

    const a = await call<ChecklistEntry>('checklist.update', { id: item.id, revision: item.revision, fields: { result: 'conforming' } });
    const b = await call<ChecklistEntry>('checklist.update', { id: item.id, revision: a.revision, fields: { evidence: 'Rutin LM-04 ' } });
    const c = await call<ChecklistEntry>('checklist.update', {
      id: item.id, revision: b.revision, fields: { sampled: '3 av 20 signeringslistor', interviewed: 'Enhetschef, två sjuksköterskor' },
    });
    expect([a.revision, b.revision, c.revision]).toEqual([item.revision + 1, item.revision + 2, item.revision + 3]);
    // Typed text is kept exactly, trailing space included: trimming mid-sentence would eat a word gap.
    expect(c).toMatchObject({ result: 'conforming', evidence: 'Rutin LM-04 ', sampled: '3 av 20 signeringslistor' });

    const listed = (await call<ChecklistEntry[]>('checklist.list', { auditId: item.auditId }))[0];
    expect(listed).toMatchObject({ result: 'conforming', evidence: 'Rutin LM-04 ', interviewed: 'Enhetschef, två sjuksköterskor' });

    const trail = await call<AuditTrailEntry[]>('trail.list', { entityId: item.id });
    expect(trail[0]).toMatchObject({
      action: 'update',
      before: { sampled: '', interviewed: '' },
      after: { sampled: '3 av 20 signeringslistor', interviewed: 'Enhetschef, två sjuksköterskor' },
    });
    expect(Object.keys(trail[0]?.after as object)).toEqual(['sampled', 'interviewed']);
  });

  it('refuses a stale autosave as a conflict and keeps the newer text', async () => {
    const { items } = await conductFixture(backend);
    const item = items[1] as ChecklistEntry;
    const saved = await call<ChecklistEntry>('checklist.update', { id: item.id, revision: item.revision, fields: { evidence: 'Nyare text' } });
    const err = await rejection(call('checklist.update', { id: item.id, revision: item.revision, fields: { evidence: 'Äldre text' } }));
    expect(err).toMatchObject({ code: 'conflict', params: { expected: item.revision, actual: saved.revision } });
    const [, again] = await call<ChecklistEntry[]>('checklist.list', { auditId: item.auditId });
    expect(again?.evidence).toBe('Nyare text');
  });

  it('raises a nonconformity from a checklist question in one step, numbered per audit', async () => {
    const { audit, items, care, process } = await conductFixture(backend);
    const item = items.find((i) => i.clauseNumber === '7.5.3') as ChecklistEntry;
    const answered = await call<ChecklistEntry>('checklist.update', {
      id: item.id,
      revision: item.revision,
      fields: { result: 'nonconforming', evidence: 'Två av tre pärmar hade inaktuella rutiner.', sampled: '3 av 3 pärmar' },
    });

    const raised = await call<Finding>('findings.create', {
      auditId: audit.id,
      checklistItemId: answered.id,
      fields: { statement: 'Det saknas styrning av vilken version av rutinen som gäller.' },
    });
    expect(raised).toMatchObject({
      number: `${audit.number}-01`,
      type: 'minor_nc',
      clauseNumbers: ['7.5.3'],
      requirementSource: 'iso',
      unitId: care.id,
      processId: process.id,
      checklistItemId: item.id,
      status: 'open',
      locked: false,
    });
    expect(raised.requirement).toBe('ISO 9001:2015 avsnitt 7.5.3 Styrning av dokumenterad information');
    expect(raised.evidence).toBe('Två av tre pärmar hade inaktuella rutiner.\nStickprov: 3 av 3 pärmar');

    const observation = await call<Finding>('findings.create', {
      auditId: audit.id,
      fields: { type: 'observation', clauseNumbers: ['8.5.1'], statement: 'Överlämningen sker muntligt.' },
    });
    expect(observation).toMatchObject({ number: `${audit.number}-02`, status: 'n/a', checklistItemId: null });

    const withLinks = await call<ChecklistEntry[]>('checklist.list', { auditId: audit.id });
    expect(withLinks.find((i) => i.id === item.id)?.findings).toEqual([{ id: raised.id, number: raised.number, type: 'minor_nc' }]);

    const other = await conductFixture(backend, { startDate: '2027-05-02' });
    const first = await call<Finding>('findings.create', {
      auditId: other.audit.id, fields: { type: 'strength', clauseNumbers: ['8.5.1'], statement: 'Tydliga checklistor vid överlämning.' },
    });
    expect(first.number).toBe(`${other.audit.number}-01`);
  });

  it('records no findings on a draft, whose number can still change', async () => {
    const { audit } = await conductFixture(backend, { status: 'draft' });
    const err = await rejection(call('findings.create', { auditId: audit.id, fields: { type: 'ofi', clauseNumbers: ['8.5.1'], statement: 'Förslag.' } }));
    expect(err).toMatchObject({ code: 'conflict', params: { reason: 'audit_draft' } });
  });

  it('prefills in English when asked, and suggests the type from the answer', async () => {
    const { items } = await conductFixture(backend);
    const item = items[0] as ChecklistEntry;
    await call('checklist.update', { id: item.id, revision: item.revision, fields: { result: 'observation' } });
    const draft = await call<{ fields: { type: string; requirement: string; clauseNumbers: string[] } }>('findings.prefill', {
      checklistItemId: item.id, lang: 'en',
    });
    expect(draft.fields).toMatchObject({ type: 'observation', clauseNumbers: [item.clauseNumber] });
    expect(draft.fields.requirement).toMatch(/^ISO 9001:2015 clause 7\.5\.3 Control of documented information$/);
  });

  it('refuses an incomplete nonconformity or an unknown clause with field messages and stores nothing', async () => {
    const { audit } = await conductFixture(backend);
    const incomplete = await rejection(
      call('findings.create', { auditId: audit.id, fields: { type: 'major_nc', clauseNumbers: ['7.5.3'], statement: 'Saknas.' } }),
    );
    expect(incomplete.code).toBe('invalid_input');
    expect(incomplete.params.issues).toEqual(
      expect.arrayContaining([{ path: 'requirement', message: 'required' }, { path: 'evidence', message: 'required' }]),
    );
    const noClause = await rejection(call('findings.create', { auditId: audit.id, fields: { type: 'ofi', statement: 'Förslag.' } }));
    expect(noClause.params.issues).toEqual([{ path: 'clauseNumbers', message: 'min_items' }]);
    const unknown = await rejection(
      call('findings.create', { auditId: audit.id, fields: { type: 'ofi', clauseNumbers: ['7.9'], statement: 'Förslag.' } }),
    );
    expect(unknown.params.issues).toEqual([{ path: 'clauseNumbers', message: 'not_found', params: { clause: '7.9' } }]);
    expect(await call<Finding[]>('findings.list', { auditId: audit.id })).toEqual([]);
  });

  it('edits with a revision, deletes while open, and keeps numbers unique', async () => {
    const { audit } = await conductFixture(backend);
    const base = { type: 'minor_nc', clauseNumbers: ['7.5.3'], requirement: 'Rutin LM-04', evidence: 'Pärm 2', statement: 'Inaktuell.' };
    const one = await call<Finding>('findings.create', { auditId: audit.id, fields: base });
    const two = await call<Finding>('findings.create', { auditId: audit.id, fields: base });
    const edited = await call<Finding>('findings.update', {
      id: one.id, revision: one.revision, fields: { ...base, type: 'major_nc', clauseNumbers: ['8.5.1', '7.5.3'], auditeeResponse: 'Vi åtgärdar.' },
    });
    expect(edited).toMatchObject({ type: 'major_nc', clauseNumbers: ['7.5.3', '8.5.1'], auditeeResponse: 'Vi åtgärdar.', revision: 2 });
    expect((await rejection(call('findings.update', { id: one.id, revision: 1, fields: base }))).code).toBe('conflict');

    await call('findings.delete', { id: two.id, revision: two.revision });
    // A deleted finding's number is not given to another one: its trail and any copy that
    // synchronised it still name it (sync/number-claims.ts).
    const three = await call<Finding>('findings.create', { auditId: audit.id, fields: base });
    expect(three.number).toBe(`${audit.number}-03`);
    expect((await call<Finding[]>('findings.list', { auditId: audit.id })).map((f) => f.number)).toEqual([
      `${audit.number}-01`, `${audit.number}-03`,
    ]);
    const trail = await call<AuditTrailEntry[]>('trail.list', { entityId: two.id });
    expect(trail.map((e) => e.action)).toEqual(['delete', 'create']);
  });

  it('refuses every change to the checklist and findings once the report is issued, and changes nothing', async () => {
    const { audit, items } = await conductFixture(backend);
    const item = items[0] as ChecklistEntry;
    const saved = await call<ChecklistEntry>('checklist.update', { id: item.id, revision: item.revision, fields: { evidence: 'Före låsning' } });
    const finding = await call<Finding>('findings.create', {
      auditId: audit.id, fields: { type: 'ofi', clauseNumbers: ['8.5.1'], statement: 'Förslag före låsning.' },
    });
    lockAudit(backend, audit.id);

    const attempts = [
      call('checklist.update', { id: item.id, revision: saved.revision, fields: { evidence: 'Efter låsning' } }),
      call('findings.create', { auditId: audit.id, fields: { type: 'ofi', clauseNumbers: ['8.5.1'], statement: 'Nytt.' } }),
      call('findings.update', { id: finding.id, revision: finding.revision, fields: { type: 'ofi', clauseNumbers: ['8.5.1'], statement: 'Ändrat.' } }),
      call('findings.delete', { id: finding.id, revision: finding.revision }),
    ];
    for (const attempt of attempts) {
      expect(await rejection(attempt)).toMatchObject({ code: 'locked', params: { number: audit.number } });
    }
    expect((await call<ChecklistEntry[]>('checklist.list', { auditId: audit.id }))[0]?.evidence).toBe('Före låsning');
    const [kept] = await call<Finding[]>('findings.list', { auditId: audit.id });
    expect(kept).toMatchObject({ statement: 'Förslag före låsning.', locked: true });
  });

  it('finds findings in the register by words in statements and evidence, with å, ä and ö, and by number', async () => {
    const { audit } = await conductFixture(backend, { startDate: '2026-09-01' });
    await call('findings.create', {
      auditId: audit.id,
      fields: {
        type: 'minor_nc', clauseNumbers: ['8.5.1'], requirement: 'Läkemedelsrutin', evidence: 'Signeringslistan för Ögonsalva saknades.',
        statement: 'Överlämning av läkemedel dokumenteras inte.',
      },
    });
    const register = (q: object) => call<FindingRegisterPage>('findings.register', q);
    expect((await register({ search: 'ögonsalva' })).rows.map((r) => r.number)).toEqual([`${audit.number}-01`]);
    expect((await register({ search: 'LÄKEMEDEL överlämn' })).total).toBe(1);
    expect((await register({ search: `${audit.number.toLowerCase()}-01` })).total).toBe(1);
    expect((await register({ search: 'ögonsalva', year: 2027 })).total).toBe(0);
    expect((await register({ search: 'ögonsalva', clause: '8.5' })).total).toBe(1);
    expect((await register({ search: 'ögonsalva', clause: '8.5.2' })).total).toBe(0);
    expect((await register({ search: 'ögonsalva', status: 'open' })).total).toBe(1);
    // FTS5 syntax typed by accident is searched for as words, never an error.
    expect((await register({ search: '"NEAR( ^* ögonsalva' })).total).toBe(0);
    expect((await register({})).years).toEqual(expect.arrayContaining([2027, 2026]));
  });
});
