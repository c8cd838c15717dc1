import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import forge from 'node-forge';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { encodePng } from '../../../electron/backend/features/app/demo/png';
import { createSelfSignedIdentity } from '../../../electron/backend/signing';
import type { DeliveredFile } from '../../../shared/contract/files';
import type { Logo } from '../../../shared/contract/reports';
import type { AuditTrailEntry } from '../../../shared/contract/app';
import type { SigningIdentity, TrustedCertificate } from '../../../shared/domain/reports';
import { externalTool } from '../signing/helpers';
import { caller, rejection, tempDir, testBackend } from '../../helpers/tmp';

const PASS = 'äkta lösenfras 2027';
const b64 = (b: Buffer) => b.toString('base64');

const openssl = externalTool('openssl', 'openssl', false);

/** A PKCS#12 whose private key is stored without encryption, as `openssl pkcs12 -export -keypbe NONE` writes it. */
function plainKeyP12(dir: string): Buffer {
  const key = path.join(dir, 'plain.key');
  const crt = path.join(dir, 'plain.crt');
  const out = path.join(dir, 'plain.p12');
  execFileSync(openssl.path as string, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', crt, '-days', '30', '-subj', '/CN=Okrypterad'], { stdio: 'ignore' });
  execFileSync(openssl.path as string, ['pkcs12', '-export', '-inkey', key, '-in', crt, '-keypbe', 'NONE', '-certpbe', 'NONE', '-passout', `pass:${PASS}`, '-out', out], { stdio: 'ignore' });
  return fs.readFileSync(out);
}

describe('signing identities, trusted certificates and the report logo', () => {
  const dir = tempDir('granska-identities-');
  const backend = testBackend({ dir });
  const call = caller(backend);

  it('creates a self-signed identity, shows its fingerprint, and never puts the key or passphrase in the trail', async () => {
    const identity = await call<SigningIdentity>('identities.create', {
      name: 'Åsa Öberg', email: 'asa.oberg@sjovik.example', organisation: 'Sjöviks kommunkoncern', passphrase: PASS, validYears: 2,
    });
    expect(identity).toMatchObject({ subjectName: 'Åsa Öberg', organisation: 'Sjöviks kommunkoncern', selfSigned: true, expired: false, trusted: false });
    expect(identity.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const list = await call<SigningIdentity[]>('identities.list');
    expect(list.map((i) => i.fingerprint)).toEqual([identity.fingerprint]);
    const trail = JSON.stringify(await call<AuditTrailEntry[]>('trail.list', { limit: 1000 }));
    expect(trail).not.toContain(PASS);
    expect(trail).not.toContain('PRIVATE KEY');
    // what rests in the database is the PKCS#12 as created: it does not open without the passphrase
    const stored = backend.database.prepare('SELECT p12 FROM signing_identities WHERE id = ?').pluck().get(identity.id) as Buffer;
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(stored.toString('binary')), false, 'fel')).toThrow();
  });

  it('refuses a short passphrase and an e-mail a certificate cannot carry, with field messages', async () => {
    const err = await rejection(call('identities.create', { name: 'A', email: 'åsa@sjövik.se', organisation: 'O', passphrase: 'kort' }));
    expect(err.code).toBe('invalid_input');
    expect(err.params.issues).toEqual(
      expect.arrayContaining([{ path: 'passphrase', message: 'passphrase_length' }, { path: 'email', message: 'email' }]),
    );
  });

  it('imports a .p12 after checking the passphrase, the key, the validity and the key usage', async () => {
    const good = createSelfSignedIdentity({ name: 'Johan Ekström', email: 'johan@sjovik.example', organisation: 'Sjövik', passphrase: PASS });
    expect((await rejection(call('identities.import', { contentBase64: b64(good.p12), passphrase: 'fel' }))).code).toBe('wrong_passphrase');
    const imported = await call<SigningIdentity>('identities.import', { contentBase64: b64(good.p12), passphrase: PASS, label: 'Johan (kvalitet)' });
    expect(imported).toMatchObject({ label: 'Johan (kvalitet)', fingerprint: good.info.fingerprintSha256 });
    const twice = await rejection(call('identities.import', { contentBase64: b64(good.p12), passphrase: PASS }));
    expect(twice).toMatchObject({ code: 'conflict', params: { reason: 'identity_exists' } });

    const expired = createSelfSignedIdentity({
      name: 'Utgången', email: 'ut@sjovik.example', organisation: 'Sjövik', passphrase: PASS, now: new Date(Date.now() - 40 * 86_400_000), validDays: 30,
    });
    expect((await rejection(call('identities.import', { contentBase64: b64(expired.p12), passphrase: PASS }))).code).toBe('identity_expired');

    const certOnly = forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(good.info.certificatePem)], PASS, { algorithm: '3des' });
    const noKey = Buffer.from(forge.asn1.toDer(certOnly).getBytes(), 'binary');
    expect((await rejection(call('identities.import', { contentBase64: b64(noKey), passphrase: PASS }))).code).toBe('identity_no_key');

    expect((await rejection(call('identities.import', { contentBase64: b64(Buffer.from('inte en p12')), passphrase: PASS }))).code).toBe('file_unreadable');
    expect((await call<SigningIdentity[]>('identities.list')).length).toBe(2);
  });

  it.skipIf(openssl.skip)('refuses a .p12 whose private key is not encrypted: it would rest in the database in the clear', async () => {
    const plain = await rejection(call('identities.import', { contentBase64: b64(plainKeyP12(dir)), passphrase: PASS }));
    expect(plain).toMatchObject({ code: 'invalid_input', params: { reason: 'key_not_encrypted' } });
  });

  it('exports only the certificate, trusts it, and deletes an identity with its key', async () => {
    const [identity] = await call<SigningIdentity[]>('identities.list');
    const cert = await call<DeliveredFile>('identities.certificate', { id: identity!.id });
    const pem = Buffer.from(cert.base64 ?? '', 'base64').toString('utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(pem).not.toContain('PRIVATE');

    const trusted = await call<TrustedCertificate>('trust.add', { contentBase64: b64(Buffer.from(pem)) });
    expect(trusted.fingerprint).toBe(identity!.fingerprint);
    expect((await rejection(call('trust.add', { identityId: identity!.id }))).params.reason).toBe('already_trusted');
    expect((await call<SigningIdentity[]>('identities.list')).find((i) => i.id === identity!.id)?.trusted).toBe(true);
    // DER works as well as PEM
    const der = new (await import('node:crypto')).X509Certificate(pem).raw;
    await call('trust.remove', { id: trusted.id });
    expect((await call<TrustedCertificate>('trust.add', { contentBase64: b64(der), label: 'Från .cer' })).label).toBe('Från .cer');
    expect((await rejection(call('trust.add', { contentBase64: b64(Buffer.from('nej')) }))).params.reason).toBe('not_certificate');

    await call('identities.remove', { id: identity!.id });
    expect(backend.database.prepare('SELECT count(*) FROM signing_identities WHERE id = ?').pluck().get(identity!.id)).toBe(0);
  });

  it('keeps a PNG or JPEG logo and refuses other files', async () => {
    expect(await call('reports.logo')).toBeNull();
    const png = encodePng(40, 20, (x) => [x * 6, 95, 110]);
    const logo = await call<Logo>('reports.setLogo', { fileName: 'logo.png', contentBase64: b64(png) });
    expect(logo).toMatchObject({ mime: 'image/png' });
    // stored re-encoded without metadata: the same pixels
    const pixels = (b: Buffer) => sharp(b).raw().toBuffer();
    expect((await pixels(Buffer.from((await call<Logo>('reports.logo')).base64, 'base64'))).equals(await pixels(png))).toBe(true);
    const gif = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
    expect(await rejection(call('reports.setLogo', { fileName: 'logo.gif', contentBase64: b64(gif) }))).toMatchObject({
      code: 'file_type_refused',
      params: { reason: 'logo' },
    });
    await call('reports.removeLogo');
    expect(await call('reports.logo')).toBeNull();
  });
});
