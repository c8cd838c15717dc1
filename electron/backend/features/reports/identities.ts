import type { ParsedInputOf } from '../../../../shared/contract';
import type { SigningIdentity } from '../../../../shared/domain/reports';
import { AppError } from '../../../../shared/errors';
import type { IdentityInfo } from '../../signing/types';
import { fieldError, mutate, timestamp, type ServiceContext } from '../../core/context';

/**
 * The organisation's signing identities. The key rests sealed with AES-256-GCM under PBKDF2-SHA256
 * (600,000 rounds) of its passphrase (signing/key-at-rest); identities stored earlier as the
 * PKCS#12 file itself are sealed the next time they sign. The passphrase is asked for each time a
 * report is signed and never stored, logged or written to the audit trail.
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

/** The stored key (sealed, or a PKCS#12 file from before sealing), for signing in this process only. */
export function identityP12(ctx: ServiceContext, id: string): Buffer {
  const row = ctx.db.prepare('SELECT p12 FROM signing_identities WHERE id = ? AND archived = 0').get(id) as { p12: Buffer } | undefined;
  if (!row) throw new AppError('not_found', { id });
  return row.p12;
}

/**
 * The identity as a PKCS#12 file in memory for the signing step. A sealed key is opened with the
 * passphrase (a wrong one is `wrong_passphrase`); a key still stored as its PKCS#12 file is opened
 * in the guarded worker and sealed in its place, so every identity ends up sealed on its next use.
 */
export async function identityForSigning(ctx: ServiceContext, id: string, passphrase: string): Promise<Buffer> {
  const stored = identityP12(ctx, id);
  const { isSealed, sealKey, transientPkcs12, unsealKey } = await import('../../signing/key-at-rest');
  if (isSealed(stored)) return transientPkcs12(await unsealKey(stored, passphrase), passphrase);
  const { openPkcs12InWorker } = await import('../../signing/pkcs12-in-worker');
  const opened = await openPkcs12InWorker(stored, passphrase, ctx.now()).catch((err: unknown) => {
    // an expired legacy identity still opens; the signing step explains what is wrong with it
    if (err instanceof AppError && err.code.startsWith('identity_')) return null;
    throw err;
  });
  if (opened) {
    const sealed = await sealKey(opened, passphrase);
    mutate(ctx, (trail) => {
      ctx.db.prepare('UPDATE signing_identities SET p12 = ?, updated_at = ? WHERE id = ? AND p12 = ?').run(sealed, timestamp(ctx), id, stored);
      trail({ entity: 'signing_identity', entityId: id, action: 'key_sealed', after: { cipher: 'aes-256-gcm', kdf: 'pbkdf2-sha256' } });
    });
  }
  return stored;
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
  const [{ openIdentity }, { sealKey }] = await Promise.all([import('../../signing/identity-open'), import('../../signing/key-at-rest')]);
  const opened = openIdentity(created.p12, input.passphrase);
  const sealed = await sealKey(
    { key: opened.privateKey.export({ type: 'pkcs8', format: 'der' }), certificate: opened.certificate.der, chain: opened.chain.map((c) => c.der) },
    input.passphrase,
  );
  return store(ctx, sealed, created.info, '');
}

/**
 * Checks the file opens with the passphrase, holds a key for its certificate, is valid today and
 * may sign; then seals the key for storage. The file is opened in a worker with a time limit after
 * its declared iteration counts were checked, so a hostile file cannot hold the backend up. A file
 * whose key is not encrypted (a PKCS#12 "keyBag") is refused: people re-export it with a passphrase.
 */
export async function importIdentity(ctx: ServiceContext, input: ParsedInputOf<'identities.import'>): Promise<SigningIdentity> {
  const p12 = Buffer.from(input.contentBase64, 'base64');
  if (p12.length === 0) throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  const [{ openPkcs12InWorker }, { sealKey }, { assertPassphraseStrength }] = await Promise.all([
    import('../../signing/pkcs12-in-worker'),
    import('../../signing/key-at-rest'),
    import('../../signing/passphrase'),
  ]);
  const opened = await openPkcs12InWorker(p12, input.passphrase, ctx.now());
  if (opened.plainKeys > 0) throw new AppError('invalid_input', { reason: 'key_not_encrypted' });
  // The passphrase now guards the key at rest, so it must be as strong as a new identity's.
  try {
    assertPassphraseStrength(input.passphrase);
  } catch {
    throw new AppError('invalid_input', { reason: 'p12_passphrase_short', min: (await import('../../signing/passphrase')).MIN_PASSPHRASE_LENGTH });
  }
  return store(ctx, await sealKey(opened, input.passphrase), opened.info, input.label);
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
