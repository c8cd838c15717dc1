import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import type { SigningIdentity } from '../../../shared/domain/reports';
import { createSelfSignedIdentity } from '../../../electron/backend/signing';
import { isSealed } from '../../../electron/backend/signing/key-at-rest';
import { openPkcs12InWorker } from '../../../electron/backend/signing/pkcs12-in-worker';
import { declaredIterationCounts } from '../../../electron/backend/signing/pkcs12-limits';
import { caller, rejection, testBackend } from '../../helpers/tmp';

const PASSPHRASE = 'korrekt häst batteri häftklammer';
const b64 = (b: Buffer) => b.toString('base64');

/** The same file with its MAC asking for `count` rounds, as a hostile export would. */
function withMacIterations(p12: Buffer, count: number): Buffer {
  const pfx = forge.asn1.fromDer(p12.toString('binary'));
  const macData = (pfx.value as forge.asn1.Asn1[])[2]!;
  const iterations = (macData.value as forge.asn1.Asn1[])[2]!;
  iterations.value = forge.asn1.integerToDer(count).getBytes();
  return Buffer.from(forge.asn1.toDer(pfx).getBytes(), 'binary');
}

describe('a hostile .p12 cannot hold the backend up', () => {
  const backend = testBackend();
  const call = caller(backend);
  const good = createSelfSignedIdentity({ name: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjövik', passphrase: PASSPHRASE });

  it('reads the iteration counts a file declares without running them', () => {
    expect(declaredIterationCounts(good.p12).map(Number)).toContain(10_000);
    expect(declaredIterationCounts(withMacIterations(good.p12, 50_000_000)).map(Number)).toContain(50_000_000);
  });

  it('refuses a file asking for 50 million rounds before running one, and answers other calls meanwhile', async () => {
    const pending = call('identities.import', { contentBase64: b64(withMacIterations(good.p12, 50_000_000)), passphrase: PASSPHRASE, label: '' });
    expect(await call('units.list', {})).toEqual([]);
    expect(await rejection(pending)).toMatchObject({ code: 'invalid_input', params: { reason: 'p12_iterations', max: 1_000_000 } });
    expect(await call<SigningIdentity[]>('identities.list', {})).toEqual([]);
  });

  it('stops a file that takes longer than the time limit, while the backend keeps answering', async () => {
    let settled = false;
    const slow = openPkcs12InWorker(withMacIterations(good.p12, 900_000), PASSPHRASE, new Date(), { timeLimitMs: 250 }).finally(() => {
      settled = true;
    });
    expect(await call('units.list', {})).toEqual([]);
    expect(settled).toBe(false);
    expect(await rejection(slow)).toMatchObject({ code: 'invalid_input', params: { reason: 'p12_too_slow' } });
  });

  it('stores an imported key sealed (AES-256-GCM, PBKDF2-SHA256), not as the PKCS#12 file', async () => {
    const imported = await call<SigningIdentity>('identities.import', { contentBase64: b64(good.p12), passphrase: PASSPHRASE, label: '' });
    const stored = backend.database.prepare('SELECT p12 FROM signing_identities WHERE id = ?').pluck().get(imported.id) as Buffer;
    expect(isSealed(stored)).toBe(true);
    expect(stored.includes(good.p12.subarray(0, 64))).toBe(false);
  });

  it('refuses to keep a key under a passphrase shorter than 12 characters, after the file opened', async () => {
    const short = createSelfSignedIdentity({ name: 'Per', email: 'per@sjovik.example', organisation: 'Sjövik', passphrase: PASSPHRASE });
    // Re-encrypt the same key and certificate under a short passphrase, as another tool might have.
    const pfx = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(short.p12.toString('binary')), PASSPHRASE);
    const key = pfx.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!.key!;
    const cert = pfx.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]![0]!.cert!;
    const weak = Buffer.from(forge.asn1.toDer(forge.pkcs12.toPkcs12Asn1(key, [cert], 'kort-lösen', { algorithm: '3des', count: 2048 })).getBytes(), 'binary');
    expect((await rejection(call('identities.import', { contentBase64: b64(weak), passphrase: 'fel' }))).code).toBe('wrong_passphrase');
    expect(await rejection(call('identities.import', { contentBase64: b64(weak), passphrase: 'kort-lösen' }))).toMatchObject({
      code: 'invalid_input',
      params: { reason: 'p12_passphrase_short', min: 12 },
    });
  });
});

describe('identities stored before sealing', () => {
  const backend = testBackend();
  const call = caller(backend);

  it('are sealed the next time they sign', async () => {
    const { reportFixture } = await import('../reports/fixture');
    const fx = await reportFixture(call);
    // An identity as earlier versions stored it: the PKCS#12 file itself.
    const legacy = createSelfSignedIdentity({ name: 'Eva Berg', email: fx.lead.email, organisation: 'Sjövik', passphrase: PASSPHRASE }) // the audit's lead signs;
    const imported = await call<SigningIdentity>('identities.import', { contentBase64: b64(legacy.p12), passphrase: PASSPHRASE, label: '' });
    backend.database.prepare('UPDATE signing_identities SET p12 = ? WHERE id = ?').run(legacy.p12, imported.id);

    await call('reports.issue', { auditId: fx.audit.id, revision: fx.audit.revision, lang: 'sv', identityId: imported.id, passphrase: PASSPHRASE });
    const stored = backend.database.prepare('SELECT p12 FROM signing_identities WHERE id = ?').pluck().get(imported.id) as Buffer;
    expect(isSealed(stored)).toBe(true);
  });
});
