import type { ParsedInputOf } from '../../../../shared/contract';
import type { SigningIdentity } from '../../../../shared/domain/reports';
import { AppError } from '../../../../shared/errors';
import type { IdentityInfo } from '../../signing/types';
import { fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';

/**
 * The organisation's signing identities. A PKCS#12 file is kept exactly as it is, encrypted by its
 * own passphrase; the passphrase is asked for each time a report is signed and never stored,
 * logged or written to the audit trail, so no plain private key ever rests in the database.
 */

interface IdentityRow {
  id: string; label: string; subject_name: string; email: string; organisation: string; issuer_name: string; fingerprint: string;
  not_before: string; not_after: string; self_signed: number; certificate_pem: string; created_at: string; revision: number;
  trusted: number;
}

const SELECT = `SELECT i.id, i.label, i.subject_name, i.email, i.organisation, i.issuer_name, i.fingerprint, i.not_before, i.not_after,
    i.self_signed, i.certificate_pem, i.created_at, i.revision,
    EXISTS (SELECT 1 FROM trusted_certificates t WHERE t.fingerprint = i.fingerprint) AS trusted
  FROM signing_identities i`;

function toIdentity(ctx: ServiceContext, r: IdentityRow): SigningIdentity {
  const now = ctx.now().toISOString();
  return {
    id: r.id, label: r.label, subjectName: r.subject_name, email: r.email, organisation: r.organisation, issuerName: r.issuer_name,
    fingerprint: r.fingerprint, notBefore: r.not_before, notAfter: r.not_after, selfSigned: r.self_signed === 1,
    expired: now < r.not_before || now > r.not_after, trusted: r.trusted === 1, createdAt: r.created_at, revision: r.revision,
  };
}

export function listIdentities(ctx: ServiceContext): SigningIdentity[] {
  const rows = ctx.db.prepare(`${SELECT} WHERE i.archived = 0 ORDER BY i.subject_name COLLATE NOCASE, i.not_after DESC`).all() as IdentityRow[];
  return rows.map((r) => toIdentity(ctx, r));
}

export function getIdentity(ctx: ServiceContext, id: string): SigningIdentity {
  const row = ctx.db.prepare(`${SELECT} WHERE i.id = ?`).get(id) as IdentityRow | undefined;
  if (!row) throw new AppError('not_found', { id });
  return toIdentity(ctx, row);
}

/** The stored PKCS#12 bytes, for signing in this process only. */
export function identityP12(ctx: ServiceContext, id: string): Buffer {
  const row = ctx.db.prepare('SELECT p12 FROM signing_identities WHERE id = ? AND archived = 0').get(id) as { p12: Buffer } | undefined;
  if (!row) throw new AppError('not_found', { id });
  return row.p12;
}

function store(ctx: ServiceContext, p12: Buffer, info: IdentityInfo, label: string): SigningIdentity {
  return mutate(ctx, (trail) => {
    const existing = ctx.db.prepare('SELECT id, archived FROM signing_identities WHERE fingerprint = ?').get(info.fingerprintSha256) as
      | { id: string; archived: number }
      | undefined;
    if (existing && existing.archived === 0) throw new AppError('conflict', { reason: 'identity_exists', id: existing.id });
    if (existing) ctx.db.prepare('DELETE FROM signing_identities WHERE id = ?').run(existing.id);
    const id = ctx.newId();
    const now = timestamp(ctx);
    ctx.db
      .prepare(
        `INSERT INTO signing_identities (id, label, subject_name, email, organisation, issuer_name, fingerprint, not_before, not_after,
           self_signed, certificate_pem, p12, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
      )
      .run(
        id, label || info.subjectName, info.subjectName, info.email ?? '', info.organisation ?? '', info.issuerName, info.fingerprintSha256,
        info.notBefore, info.notAfter, info.selfSigned ? 1 : 0, info.certificatePem, p12, now, now,
      );
    const created = getIdentity(ctx, id);
    // the certificate is public; the key file and its passphrase never go into the trail
    trail({ entity: 'signing_identity', entityId: id, action: 'create', after: created });
    return created;
  });
}

/** A new self-signed identity: RSA 2048, valid for the chosen years, usable for document signing. */
export async function createIdentity(ctx: ServiceContext, input: ParsedInputOf<'identities.create'>): Promise<SigningIdentity> {
  // The signing libraries (node-forge) load on first use, so opening the app does not wait for them.
  const { createSelfSignedIdentity } = await import('../../signing/identity-create');
  let created: { p12: Buffer; info: IdentityInfo };
  try {
    created = createSelfSignedIdentity({
      name: input.name,
      email: input.email,
      organisation: input.organisation,
      passphrase: input.passphrase,
      validDays: input.validYears * 365,
      now: ctx.now(),
    });
  } catch (err) {
    identityFieldError(err);
  }
  return store(ctx, created.p12, created.info, '');
}

/**
 * Refuses a file whose key is not encrypted (a PKCS#12 "keyBag"): keeping it would put a plain
 * private key in the database. People re-export such a file with a passphrase.
 */
async function assertKeyEncrypted(p12: Buffer, passphrase: string): Promise<void> {
  const [{ default: forge }, { decodePkcs12 }] = await Promise.all([import('node-forge'), import('../../signing/pkcs12-decode')]);
  const pfx = decodePkcs12(p12, passphrase);
  const plain = pfx.getBags({ bagType: forge.pki.oids.keyBag ?? '' })[forge.pki.oids.keyBag ?? ''] ?? [];
  if (plain.length > 0) throw new AppError('invalid_input', { reason: 'key_not_encrypted' });
}

/** Checks the file opens with the passphrase, holds a key for its certificate, is valid today and may sign. */
export async function importIdentity(ctx: ServiceContext, input: ParsedInputOf<'identities.import'>): Promise<SigningIdentity> {
  const p12 = Buffer.from(input.contentBase64, 'base64');
  if (p12.length === 0) throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  const { inspectIdentity } = await import('../../signing/identity-open');
  const info = inspectIdentity(p12, input.passphrase, ctx.now());
  await assertKeyEncrypted(p12, input.passphrase);
  return store(ctx, p12, info, input.label);
}

/** Deletes the identity and its key; issued revisions keep the signer's name and fingerprint. */
export function removeIdentity(ctx: ServiceContext, id: string): { id: string } {
  return mutate(ctx, (trail) => {
    const before = getIdentity(ctx, id);
    ctx.db.prepare('UPDATE report_revisions SET identity_id = NULL WHERE identity_id = ?').run(id);
    ctx.db.prepare('DELETE FROM signing_identities WHERE id = ?').run(id);
    trail({ entity: 'signing_identity', entityId: id, action: 'delete', before });
    return { id };
  });
}

/** The certificate only, as PEM, for recipients to add to their trusted list. */
export function identityCertificate(ctx: ServiceContext, id: string): { fileName: string; data: Buffer } {
  const row = ctx.db.prepare('SELECT subject_name, certificate_pem FROM signing_identities WHERE id = ?').get(id) as
    | { subject_name: string; certificate_pem: string }
    | undefined;
  if (!row) throw new AppError('not_found', { id });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what a file name must not hold
  const base = row.subject_name.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || 'certifikat';
  return { fileName: `${base}.pem`, data: Buffer.from(row.certificate_pem, 'utf8') };
}

/** The signing library names the field it refuses; the form wants a field message. */
function identityFieldError(err: unknown): never {
  if (err instanceof AppError && err.code === 'invalid_input' && typeof err.params.field === 'string') {
    throw fieldError(err.params.field, err.params.field === 'passphrase' ? 'passphrase_length' : 'invalid');
  }
  throw err;
}
