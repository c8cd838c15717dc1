import { X509Certificate } from 'node:crypto';
import type { ParsedInputOf } from '../../../../shared/contract';
import type { TrustedCertificate } from '../../../../shared/domain/reports';
import { AppError } from '../../../../shared/errors';
import { describeCertificate, parseCertificate } from '../../signing/certificate';
import { mutate, timestamp, type ServiceContext } from '../../core/context';

/**
 * The certificates the organisation trusts as report signers: a verified PDF whose signer is on
 * this list is "trusted". Only certificates are kept here, never keys.
 */

interface TrustRow { id: string; label: string; subject_name: string; fingerprint: string; not_after: string; created_at: string }

const toTrusted = (r: TrustRow): TrustedCertificate => ({
  id: r.id, label: r.label, subjectName: r.subject_name, fingerprint: r.fingerprint, notAfter: r.not_after, createdAt: r.created_at,
});

export function listTrusted(ctx: ServiceContext): TrustedCertificate[] {
  return (ctx.db.prepare('SELECT * FROM trusted_certificates ORDER BY label COLLATE NOCASE').all() as TrustRow[]).map(toTrusted);
}

export function trustedPems(ctx: ServiceContext): string[] {
  return ctx.db.prepare('SELECT pem FROM trusted_certificates').pluck().all() as string[];
}

/** A .pem, .crt or .cer: PEM text or DER bytes, one certificate. */
function readCertificate(data: Buffer): Buffer {
  try {
    return new X509Certificate(data).raw;
  } catch {
    throw new AppError('file_unreadable', { reason: 'not_certificate' });
  }
}

export function addTrusted(ctx: ServiceContext, input: ParsedInputOf<'trust.add'>): TrustedCertificate {
  let der: Buffer;
  if (input.identityId) {
    const row = ctx.db.prepare('SELECT certificate_pem FROM signing_identities WHERE id = ?').get(input.identityId) as
      | { certificate_pem: string }
      | undefined;
    if (!row) throw new AppError('not_found', { id: input.identityId });
    der = readCertificate(Buffer.from(row.certificate_pem, 'utf8'));
  } else {
    der = readCertificate(Buffer.from(input.contentBase64 ?? '', 'base64'));
  }
  let info;
  try {
    info = describeCertificate(parseCertificate(der));
  } catch {
    throw new AppError('file_unreadable', { reason: 'not_certificate' });
  }
  return mutate(ctx, (trail) => {
    if (ctx.db.prepare('SELECT 1 FROM trusted_certificates WHERE fingerprint = ?').get(info.fingerprintSha256)) {
      throw new AppError('conflict', { reason: 'already_trusted' });
    }
    const id = ctx.newId();
    const now = timestamp(ctx);
    const label = input.label || [info.subjectName, info.organisation].filter(Boolean).join(', ');
    ctx.db
      .prepare(
        `INSERT INTO trusted_certificates (id, label, subject_name, fingerprint, not_after, pem, created_at, updated_at)
         VALUES (?,?,?,?,?,?,?,?)`,
      )
      .run(id, label, info.subjectName, info.fingerprintSha256, info.notAfter, info.certificatePem, now, now);
    const created = toTrusted(ctx.db.prepare('SELECT * FROM trusted_certificates WHERE id = ?').get(id) as TrustRow);
    trail({ entity: 'trusted_certificate', entityId: id, action: 'create', after: created });
    return created;
  });
}

export function removeTrusted(ctx: ServiceContext, id: string): { id: string } {
  return mutate(ctx, (trail) => {
    const row = ctx.db.prepare('SELECT * FROM trusted_certificates WHERE id = ?').get(id) as TrustRow | undefined;
    if (!row) throw new AppError('not_found', { id });
    ctx.db.prepare('DELETE FROM trusted_certificates WHERE id = ?').run(id);
    trail({ entity: 'trusted_certificate', entityId: id, action: 'delete', before: toTrusted(row) });
    return { id };
  });
}
