import crypto from 'node:crypto';
import type { ParsedInputOf } from '../../../../shared/contract';
import { AppError } from '../../../../shared/errors';
import { CERTIFICATE_MAX_BYTES, type AuditsPerformed, type CompetenceProfile, type CompetenceRecord } from '../../../../shared/domain/competence';
import { assertRevision, fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';
import { cleanFileName, dropBlobIfUnused } from '../conduct';

interface RecordRow {
  id: string; person_id: string; course: string; completed_on: string; note: string;
  certificate_sha256: string | null; certificate_name: string; created_at: string; updated_at: string; revision: number;
}

const toRecord = (r: RecordRow): CompetenceRecord => ({
  id: r.id, createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, personId: r.person_id, course: r.course,
  completedOn: r.completed_on, note: r.note, certificateSha256: r.certificate_sha256, certificateName: r.certificate_name,
});

export function getRecord(ctx: ServiceContext, id: string): CompetenceRecord {
  const row = ctx.db.prepare('SELECT * FROM competence_records WHERE id = ?').get(id) as RecordRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toRecord(row);
}

/**
 * Audits performed: reported or closed internal audits, by the role held in their team. External
 * audits are left out: their "team" are the organisation's hosts, not auditors.
 */
export function auditsPerformed(ctx: ServiceContext): Map<string, AuditsPerformed> {
  const rows = ctx.db
    .prepare(
      `SELECT t.person_id AS personId, t.role AS role, COUNT(*) AS n FROM audit_team t JOIN audits a ON a.id = t.audit_id
        WHERE a.status IN ('reported','closed') AND a.type NOT LIKE 'external%' AND t.role IN ('lead','auditor')
        GROUP BY t.person_id, t.role`,
    )
    .all() as { personId: string; role: 'lead' | 'auditor'; n: number }[];
  const out = new Map<string, AuditsPerformed>();
  for (const r of rows) {
    const p = out.get(r.personId) ?? { asLead: 0, asAuditor: 0 };
    if (r.role === 'lead') p.asLead = r.n;
    else p.asAuditor = r.n;
    out.set(r.personId, p);
  }
  return out;
}

export function listProfiles(ctx: ServiceContext, { includeArchived }: ParsedInputOf<'competence.profiles'>): CompetenceProfile[] {
  const people = ctx.db
    .prepare(`SELECT id, name FROM people ${includeArchived ? '' : 'WHERE archived = 0'} ORDER BY name COLLATE NOCASE`)
    .all() as { id: string; name: string }[];
  const records = (ctx.db.prepare('SELECT * FROM competence_records ORDER BY completed_on DESC, course COLLATE NOCASE').all() as RecordRow[]).map(toRecord);
  const performed = auditsPerformed(ctx);
  return people.map((p) => ({
    personId: p.id,
    name: p.name,
    records: records.filter((r) => r.personId === p.id),
    performed: performed.get(p.id) ?? { asLead: 0, asAuditor: 0 },
  }));
}

/** Certificates are proof on paper: a PDF or a scan. Anything else is refused before it is stored. */
function certificateMime(data: Buffer): string | null {
  if (data.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}

interface Certificate { sha256: string; name: string; data: Buffer; mime: string }

function readCertificate(c: { fileName: string; contentBase64: string }): Certificate {
  const data = Buffer.from(c.contentBase64, 'base64');
  if (data.length === 0) throw fieldError('certificate', 'required');
  if (data.length > CERTIFICATE_MAX_BYTES) throw new AppError('file_too_large', { limit: CERTIFICATE_MAX_BYTES });
  const mime = certificateMime(data);
  if (!mime) throw new AppError('file_type_refused', { type: c.fileName.split('.').pop() ?? '', reason: 'certificate' });
  return { sha256: crypto.createHash('sha256').update(data).digest('hex'), name: cleanFileName(c.fileName), data, mime };
}

function storeBlob(ctx: ServiceContext, c: Certificate): void {
  ctx.db
    .prepare('INSERT OR IGNORE INTO blobs (sha256, data, size, mime, created_at) VALUES (?, ?, ?, ?, ?)')
    .run(c.sha256, c.data, c.data.length, c.mime, timestamp(ctx));
}

function assertPerson(ctx: ServiceContext, personId: string): void {
  if (!ctx.db.prepare('SELECT 1 FROM people WHERE id = ?').get(personId)) throw fieldError('personId', 'not_found');
}

export function addRecord(ctx: ServiceContext, f: ParsedInputOf<'competence.addRecord'>): CompetenceRecord {
  const certificate = f.certificate ? readCertificate(f.certificate) : null;
  return mutate(ctx, (trail) => {
    assertPerson(ctx, f.personId);
    if (certificate) storeBlob(ctx, certificate);
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO competence_records (id, person_id, course, completed_on, note, certificate_sha256, certificate_name, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, f.personId, f.course, f.completedOn, f.note, certificate?.sha256 ?? null, certificate?.name ?? '', now, now);
    const created = getRecord(ctx, id);
    trail({ entity: 'competence_record', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function updateRecord(ctx: ServiceContext, f: ParsedInputOf<'competence.updateRecord'>): CompetenceRecord {
  const certificate = f.certificate ? readCertificate(f.certificate) : null;
  return mutate(ctx, (trail) => {
    assertRevision(ctx, 'competence_records', f.id, f.revision);
    assertPerson(ctx, f.personId);
    const before = getRecord(ctx, f.id);
    if (certificate) storeBlob(ctx, certificate);
    // undefined keeps the stored certificate; null removes it.
    const sha = f.certificate === undefined ? before.certificateSha256 : (certificate?.sha256 ?? null);
    const name = f.certificate === undefined ? before.certificateName : (certificate?.name ?? '');
    ctx.db
      .prepare(
        `UPDATE competence_records SET person_id=?, course=?, completed_on=?, note=?, certificate_sha256=?, certificate_name=?,
           updated_at=?, revision=revision+1 WHERE id=?`,
      )
      .run(f.personId, f.course, f.completedOn, f.note, sha, name, timestamp(ctx), f.id);
    if (before.certificateSha256 && before.certificateSha256 !== sha) dropBlobIfUnused(ctx, before.certificateSha256);
    const after = getRecord(ctx, f.id);
    trail({ entity: 'competence_record', entityId: f.id, action: 'update', before, after });
    return after;
  });
}

export function removeRecord(ctx: ServiceContext, id: string): null {
  return mutate(ctx, (trail) => {
    const before = getRecord(ctx, id);
    ctx.db.prepare('DELETE FROM competence_records WHERE id = ?').run(id);
    if (before.certificateSha256) dropBlobIfUnused(ctx, before.certificateSha256);
    trail({ entity: 'competence_record', entityId: id, action: 'delete', before });
    return null;
  });
}

export function readCertificateFile(ctx: ServiceContext, id: string): { fileName: string; mime: string; data: Buffer } {
  const record = getRecord(ctx, id);
  if (!record.certificateSha256) throw new AppError('not_found', { id });
  const row = ctx.db.prepare('SELECT data, mime FROM blobs WHERE sha256 = ?').get(record.certificateSha256) as { data: Buffer; mime: string } | undefined;
  if (!row) throw new AppError('not_found', { id });
  return { fileName: record.certificateName || `${record.course}.pdf`, mime: row.mime, data: row.data };
}
