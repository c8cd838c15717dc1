import { generateKeyPairSync, X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, inspectIdentity, signPdf, type IdentityInfo } from '../../../electron/backend/signing';
import { expectAppError, makePdf } from './helpers';

const PASSPHRASE = 'korrekt häst batteri';
const DAY = 86_400_000;

/** A PKCS#12 built outside our code, for the shapes createSelfSignedIdentity never produces. */
function foreignP12(opts: { withKey: boolean; keyUsage?: Record<string, boolean> }): Buffer {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  cert.serialNumber = '0a1b2c';
  cert.validity.notBefore = new Date(Date.now() - DAY);
  cert.validity.notAfter = new Date(Date.now() + DAY);
  const dn = [{ name: 'commonName', value: 'Extern Person' }];
  cert.setSubject(dn);
  cert.setIssuer(dn);
  if (opts.keyUsage) cert.setExtensions([{ name: 'keyUsage', critical: true, ...opts.keyUsage }]);
  cert.sign(key, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(opts.withKey ? key : null, [cert], PASSPHRASE, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}

describe('createSelfSignedIdentity / inspectIdentity', () => {
  let p12: Buffer;
  let info: IdentityInfo;

  beforeAll(() => {
    ({ p12, info } = createSelfSignedIdentity({
      name: 'Åsa Öberg',
      email: 'asa.oberg@example.se',
      organisation: 'Kvalitetsbolaget i Norrland AB',
      passphrase: PASSPHRASE,
    }));
  });

  it('describes the new certificate', () => {
    expect(info.subjectName).toBe('Åsa Öberg');
    expect(info.email).toBe('asa.oberg@example.se');
    expect(info.organisation).toBe('Kvalitetsbolaget i Norrland AB');
    expect(info.issuerName).toBe('Åsa Öberg');
    expect(info.selfSigned).toBe(true);
    expect(info.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(info.serialNumber).toMatch(/^[0-9A-F]+$/);
    const validMs = Date.parse(info.notAfter) - Date.parse(info.notBefore);
    expect(Math.round(validMs / DAY)).toBe(3 * 365);
  });

  it('writes a certificate that OpenSSL (via Node) reads the same way', () => {
    const x509 = new X509Certificate(info.certificatePem);
    expect(x509.fingerprint256).toBe(info.fingerprintSha256);
    expect(x509.subject).toContain('CN=Åsa Öberg');
    expect(x509.keyUsage ?? []).toEqual(expect.arrayContaining(['1.3.6.1.5.5.7.3.4']));
    expect(x509.checkEmail('asa.oberg@example.se')).toBe('asa.oberg@example.se');
    expect(x509.ca).toBe(false);
  });

  it('opens the PKCS#12 with the passphrase and reports the same identity', () => {
    expect(inspectIdentity(p12, PASSPHRASE)).toEqual(info);
  });

  it('refuses a wrong passphrase', async () => {
    await expectAppError(() => inspectIdentity(p12, 'korrekt hast batteri'), 'wrong_passphrase');
    await expectAppError(() => inspectIdentity(p12, ''), 'wrong_passphrase');
  });

  it('refuses a passphrase shorter than 12 characters', async () => {
    const params = await expectAppError(
      () => createSelfSignedIdentity({ name: 'A', email: 'a@example.se', organisation: 'B', passphrase: 'kort' }),
      'invalid_input',
    );
    expect(params).toEqual({ field: 'passphrase', min: 12 });
  });

  it('validates the other fields', async () => {
    const base = { name: 'A', email: 'a@example.se', organisation: 'B', passphrase: PASSPHRASE };
    expect(await expectAppError(() => createSelfSignedIdentity({ ...base, name: '  ' }), 'invalid_input')).toEqual({
      field: 'name',
    });
    expect(await expectAppError(() => createSelfSignedIdentity({ ...base, email: 'inte-en-adress' }), 'invalid_input')).toEqual({
      field: 'email',
    });
    expect((await expectAppError(() => createSelfSignedIdentity({ ...base, validDays: 0 }), 'invalid_input')).field).toBe(
      'validDays',
    );
  });

  it('refuses an expired identity in inspect and in sign', async () => {
    const old = createSelfSignedIdentity({
      name: 'Gammal Revisor',
      email: 'gammal@example.se',
      organisation: 'Förr AB',
      passphrase: PASSPHRASE,
      now: new Date(Date.now() - 4 * 365 * DAY),
      validDays: 30,
    });
    const params = await expectAppError(() => inspectIdentity(old.p12, PASSPHRASE), 'identity_expired');
    expect(params.notAfter).toBe(old.info.notAfter);
    const pdf = await makePdf();
    await expectAppError(() => signPdf(pdf, old.p12, PASSPHRASE), 'identity_expired');
    // the check is against the time given, so the same identity was fine back then
    expect(inspectIdentity(old.p12, PASSPHRASE, new Date(Date.parse(old.info.notBefore) + DAY)).subjectName).toBe(
      'Gammal Revisor',
    );
  });

  it('refuses an identity that is not valid yet', async () => {
    const future = createSelfSignedIdentity({
      name: 'Framtida',
      email: 'f@example.se',
      organisation: 'Sedan AB',
      passphrase: PASSPHRASE,
      now: new Date(Date.now() + 10 * DAY),
    });
    await expectAppError(() => inspectIdentity(future.p12, PASSPHRASE), 'identity_expired');
  });

  it('refuses a PKCS#12 without a private key', async () => {
    await expectAppError(() => inspectIdentity(foreignP12({ withKey: false }), PASSPHRASE), 'identity_no_key');
  });

  it('refuses a certificate whose key usage does not allow signing', async () => {
    const p = foreignP12({ withKey: true, keyUsage: { keyEncipherment: true } });
    await expectAppError(() => inspectIdentity(p, PASSPHRASE), 'identity_not_for_signing');
    const allowed = foreignP12({ withKey: true, keyUsage: { nonRepudiation: true } });
    expect(inspectIdentity(allowed, PASSPHRASE).subjectName).toBe('Extern Person');
    // no keyUsage extension at all means any usage
    expect(inspectIdentity(foreignP12({ withKey: true }), PASSPHRASE).selfSigned).toBe(true);
  });

  it('reports a file that is not PKCS#12 as unreadable', async () => {
    await expectAppError(() => inspectIdentity(Buffer.from('%PDF-1.7 not a key store'), PASSPHRASE), 'file_unreadable');
    await expectAppError(() => inspectIdentity(Buffer.alloc(0), PASSPHRASE), 'file_unreadable');
  });
});
