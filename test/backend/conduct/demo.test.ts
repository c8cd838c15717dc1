import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { loadDemoData } from '../../../electron/backend/features/app/demo';
import type { Audit } from '../../../shared/domain/audits';
import type { Attachment, AttachmentContent, ChecklistEntry, Finding } from '../../../shared/domain/findings';
import { FINDING_TYPES } from '../../../shared/domain/findings';
import { caller, testBackend } from '../../helpers/tmp';

describe('demo data for conducting audits', () => {
  const backend = testBackend({ now: () => new Date('2026-11-24T10:00:00Z') });
  const call = caller(backend);
  loadDemoData(backend.ctx());

  it('has answered checklists for every audit that took place, and a half-done one under way', async () => {
    const audits = backend.database.prepare('SELECT id, status FROM audits').all() as Pick<Audit, 'id' | 'status'>[];
    for (const a of audits) {
      const items = await call<ChecklistEntry[]>('checklist.list', { auditId: a.id });
      const answered = items.filter((i) => i.result !== 'not_assessed');
      if (a.status === 'reported' || a.status === 'closed') expect(answered.length, a.id).toBe(items.length);
      if (a.status === 'in_progress') {
        expect(answered.length).toBeGreaterThan(0);
        expect(answered.length).toBeLessThan(items.length);
      }
      if (a.status === 'draft' || a.status === 'planned') expect(answered).toEqual([]);
      for (const i of answered.filter((x) => x.result !== 'not_applicable')) expect(i.evidence, i.id).not.toBe('');
    }
  });

  it('has findings of every type, nonconformities with all three parts, and real photos attached', async () => {
    const ids = backend.database.prepare('SELECT id FROM audits').pluck().all() as string[];
    const findings = (await Promise.all(ids.map((auditId) => call<Finding[]>('findings.list', { auditId })))).flat();
    expect(new Set(findings.map((f) => f.type))).toEqual(new Set(FINDING_TYPES));
    for (const f of findings.filter((x) => x.type === 'major_nc' || x.type === 'minor_nc')) {
      expect([f.requirement, f.evidence, f.statement].every((t) => t.length > 20), f.number).toBe(true);
    }
    const withPhotos = findings.filter((f) => f.attachmentCount > 0);
    expect(withPhotos.length).toBeGreaterThanOrEqual(2);
    for (const f of withPhotos) {
      const [photo] = await call<Attachment[]>('attachments.list', { ownerType: 'finding', ownerId: f.id });
      const content = await call<AttachmentContent>('attachments.content', { id: photo!.id });
      expect(await fileTypeFromBuffer(Buffer.from(content.base64, 'base64'))).toEqual({ ext: 'png', mime: 'image/png' });
    }
  });
});
