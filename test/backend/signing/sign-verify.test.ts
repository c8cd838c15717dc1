import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, signPdf, verifyPdf, type IdentityInfo } from '../../../electron/backend/signing';
import { changeAndSignAgain, makeCertificate, signRaw, signSha1 } from './attack-files';
import { expectAppError, externalTool, makePdf, run, SWEDISH_TEXT, tamperContentStream, tempDir } from './helpers';

const PASSPHRASE = 'lösenord för revision';
const pdfsig = externalTool('pdfsig', 'poppler-utils', true);
const qpdf = externalTool('qpdf', 'qpdf', true);
const pdftotext = externalTool('pdftotext', 'poppler-utils', true);

describe('signPdf / verifyPdf', () => {
  const dir = tempDir();
  let p12: Buffer;
  let info: IdentityInfo;
  let other: IdentityInfo;
  let signed: Buffer;
  let signedFile: string;
  const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 5_000);

  beforeAll(async () => {
    ({ p12, info } = createSelfSignedIdentity({
      name: 'Åsa Öberg',
      email: 'asa.oberg@example.se',
      organisation: 'Kvalitetsbolaget AB',
      passphrase: PASSPHRASE,
      now: new Date(Date.now() - 60_000),
    }));
    other = createSelfSignedIdentity({
      name: 'Annan Person',
      email: 'annan@example.se',
      organisation: 'Annat AB',
      passphrase: PASSPHRASE,
    }).info;
    const unsigned = await makePdf({
      placeholder: { reason: 'Godkänd: Åtgärd för avvikelse', name: 'Åsa Öberg', location: 'Umeå', signingTime },
    });
    signed = await signPdf(unsigned, p12, PASSPHRASE, { signingTime });
    signedFile = path.join(dir, 'signerad.pdf');
    fs.writeFileSync(signedFile, signed);
  });

  function writeVariant(name: string, bytes: Buffer): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  }

  it('produces a signature that verifies and covers the whole file; valid once its signer is trusted', () => {
    const untrusted = verifyPdf(signed);
    expect(untrusted).toMatchObject({ verdict: 'untrusted', valid: false, integrityValid: true, coversWholeFile: true, problems: ['no_trusted_certificates'] });
    const result = verifyPdf(signed, { trustedCertificatesPem: [info.certificatePem] });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      signed: true,
      integrityValid: true,
      coversWholeFile: true,
      valid: true,
      verdict: 'valid',
      trusted: true,
      afterSigning: 'none',
      certificate: { validity: 'valid', usableForSigning: true },
      reason: 'Godkänd: Åtgärd för avvikelse',
      signingTime: signingTime.toISOString(),
      level: 'PAdES B-B',
    });
    expect(result.signer).toEqual({
      subjectName: 'Åsa Öberg',
      email: 'asa.oberg@example.se',
      organisation: 'Kvalitetsbolaget AB',
      fingerprintSha256: info.fingerprintSha256,
      notBefore: info.notBefore,
      notAfter: info.notAfter,
    });
    const [start, length, start2, length2] = result.byteRange as [number, number, number, number];
    expect(start).toBe(0);
    expect(start2 + length2).toBe(signed.length);
    expect(signed.subarray(length, start2).toString('latin1')).toMatch(/^<[0-9a-f]+>$/);
    expect(result.digestSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.fileSha256).not.toBe(result.digestSha256);
  });

  it.skipIf(pdfsig.skip)('is accepted by pdfsig (poppler) as valid and total', () => {
    expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
    const out = run(pdfsig.path as string, [signedFile]).stdout;
    expect(out).toContain('Signature Validation: Signature is Valid.');
    expect(out).toContain('Total document signed');
    expect(out).toContain('Signer Certificate Common Name: Åsa Öberg');
    expect(out).toContain('Signing Hash Algorithm: SHA-256');
    expect(out).toContain('Signature Type: ETSI.CAdES.detached');
  });

  it.skipIf(qpdf.skip)('is a structurally sound PDF for qpdf', () => {
    expect(qpdf.path, 'qpdf is required in CI').toBeTruthy();
    const res = run(qpdf.path as string, ['--check', signedFile]);
    expect(res.status, res.stdout + res.stderr).toBe(0);
  });

  it.skipIf(pdftotext.skip)('keeps the Swedish text extractable', () => {
    expect(pdftotext.path, 'pdftotext (poppler-utils) is required in CI').toBeTruthy();
    expect(run(pdftotext.path as string, [signedFile, '-']).stdout).toContain(SWEDISH_TEXT);
  });

  describe('a signed byte changed afterwards', () => {
    let tampered: Buffer;
    let tamperedFile: string;

    beforeAll(() => {
      const { tampered: bytes, offset } = tamperContentStream(signed);
      const [, length, start2] = verifyPdf(signed).byteRange as [number, number, number, number];
      // inside a signed range, not in the /Contents hex
      expect(offset < length || offset >= start2).toBe(true);
      tampered = bytes;
      tamperedFile = writeVariant('andrad.pdf', tampered);
    });

    it('is reported as an integrity failure', () => {
      const result = verifyPdf(tampered);
      expect(result).toMatchObject({ signed: true, integrityValid: false, coversWholeFile: true, valid: false, verdict: 'invalid' });
      expect(result.problems).toEqual(['byte_range_digest_mismatch', 'no_trusted_certificates']);
      expect(result.signer?.subjectName).toBe('Åsa Öberg');
    });

    it.skipIf(pdfsig.skip)('is no longer valid for pdfsig', () => {
      expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
      const out = run(pdfsig.path as string, [tamperedFile]).stdout;
      expect(out).toContain('Signature Validation:');
      expect(out).not.toContain('Signature is Valid');
    });

    it.skipIf(qpdf.skip)('is still a well-formed PDF, so only the signature reveals the change', () => {
      expect(qpdf.path, 'qpdf is required in CI').toBeTruthy();
      expect(run(qpdf.path as string, ['--check', tamperedFile]).status).toBe(0);
    });
  });

  describe('bytes appended after signing', () => {
    const appended = (): Buffer => Buffer.concat([signed, Buffer.from('\n% tillagt efter signering\n')]);

    it('keeps integrity but no longer covers the whole file: invalid even with a trusted signer', () => {
      const result = verifyPdf(appended(), { trustedCertificatesPem: [info.certificatePem] });
      expect(result).toMatchObject({ signed: true, integrityValid: true, coversWholeFile: false, valid: false, verdict: 'invalid', afterSigning: 'bytes' });
      expect(result.problems).toEqual(['appended_after_signing']);
    });

    it.skipIf(pdfsig.skip)('is not "total document signed" for pdfsig', () => {
      expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
      const out = run(pdfsig.path as string, [writeVariant('tillagd.pdf', appended())]).stdout;
      expect(out).not.toContain('Total document signed');
    });
  });

  it('flags a corrupted signature value', () => {
    const result = verifyPdf(signed);
    const [, length] = result.byteRange as [number, number];
    const broken = Buffer.from(signed);
    // the RSA signature is the last thing in the CMS; hit a hex digit in it, just before the zero padding
    const hex = broken.subarray(length + 1).toString('latin1');
    const end = length + 1 + hex.search(/0*>/) - 10;
    broken[end] = broken[end] === 0x61 ? 0x62 : 0x61;
    const check = verifyPdf(broken);
    expect(check.integrityValid).toBe(false);
    expect(check.problems).toEqual(['signature_invalid', 'no_trusted_certificates']);
  });

  it('marks the signer trusted only when its certificate is passed in', () => {
    expect(verifyPdf(signed).trusted).toBe(false);
    expect(verifyPdf(signed, { trustedCertificatesPem: [other.certificatePem] }).trusted).toBe(false);
    expect(verifyPdf(signed, { trustedCertificatesPem: [other.certificatePem, info.certificatePem] }).trusted).toBe(true);
  });

  it('refuses a trust list entry that is not a certificate', async () => {
    await expectAppError(() => verifyPdf(signed, { trustedCertificatesPem: ['nonsense'] }), 'invalid_input');
  });

  it('refuses signing with a wrong passphrase', async () => {
    const pdf = await makePdf();
    await expectAppError(() => signPdf(pdf, p12, 'fel lösenord'), 'wrong_passphrase');
  });

  it('refuses a PDF without a placeholder and a placeholder too small for the signature', async () => {
    const plain = await makePdf({ placeholder: null });
    expect((await expectAppError(() => signPdf(plain, p12, PASSPHRASE), 'invalid_input')).reason).toBe('no_placeholder');
    const tiny = await makePdf({ placeholder: { reason: 'x', name: 'y', signatureLength: 1024 } });
    expect((await expectAppError(() => signPdf(tiny, p12, PASSPHRASE), 'invalid_input')).reason).toBe('placeholder_too_small');
  });

  it('reports unsigned PDFs, including one with an unused placeholder, as not signed', async () => {
    for (const pdf of [await makePdf({ placeholder: null }), await makePdf()]) {
      expect(verifyPdf(pdf)).toMatchObject({ signed: false, valid: false, verdict: 'invalid', problems: ['not_signed'], byteRange: [], signatures: [] });
    }
  });

  it('throws file_unreadable for something that is not a PDF', async () => {
    await expectAppError(() => verifyPdf(Buffer.from('PK\u0003\u0004 zip, not pdf')), 'file_unreadable');
    await expectAppError(() => verifyPdf(Buffer.alloc(0)), 'file_unreadable');
  });

  it('refuses a file with a later signature by a look-alike: every signature is checked, and the issued one must cover the whole file', async () => {
    const lookalike = makeCertificate({ name: 'Åsa Öberg', email: 'asa.oberg@example.se', organisation: 'Kvalitetsbolaget AB' });
    const attacked = changeAndSignAgain(signed, lookalike.identity, 'Inga avvikelser', 'Asa Oberg');
    const result = verifyPdf(attacked, { trustedCertificatesPem: [info.certificatePem] });
    expect(result).toMatchObject({ verdict: 'invalid', valid: false, afterSigning: 'signature', integrityValid: true, trusted: true, coversWholeFile: false });
    expect(result.problems).toEqual(['later_signature']);
    expect(result.signatures.map((s) => ({ index: s.index, intact: s.integrityValid, whole: s.coversWholeFile, trusted: s.trusted, name: s.signer?.subjectName }))).toEqual([
      { index: 1, intact: true, whole: false, trusted: true, name: 'Åsa Öberg' },
      { index: 2, intact: true, whole: true, trusted: false, name: 'Åsa Öberg' },
    ]);
    // the issued signature's own details are what the verdict reports
    expect(result.reason).toBe('Godkänd: Åtgärd för avvikelse');
    expect(result.issuedSha256).toBe(createHash('sha256').update(signed).digest('hex'));
  });

  it('reads the signature dictionary structurally: "/ByteRange [0 1 2 3]" and "/Contents <00>" inside the reason are text', async () => {
    const reason = 'Godkänd /ByteRange [0 1 2 3] /Contents <00> (se bilaga)';
    const pdf = await makePdf({ placeholder: { reason, name: 'Åsa Öberg' } });
    const out = await signPdf(pdf, p12, PASSPHRASE);
    const result = verifyPdf(out, { trustedCertificatesPem: [info.certificatePem] });
    expect(result).toMatchObject({ verdict: 'valid', reason });
    expect(result.signatures).toHaveLength(1);
  });

  it('trusts a signer through a CA on the list only when the chain signature verifies', async () => {
    const ca = makeCertificate({ name: 'Sjöviks kommun CA', email: 'ca@sjovik.example', organisation: 'Sjöviks kommun', ca: true });
    const signer = makeCertificate({ name: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjöviks kommun', issuer: ca });
    const pdf = await signRaw(await makePdf(), signer.identity);
    const viaCa = verifyPdf(pdf, { trustedCertificatesPem: [ca.pem] });
    expect(viaCa).toMatchObject({ verdict: 'valid', trusted: true });
    expect(viaCa.signatures[0]?.trustedVia).toBe('chain');
    // a self-made "CA" with the same name (different key) vouches for nothing
    const fakeCa = makeCertificate({ name: 'Sjöviks kommun CA', email: 'ca@sjovik.example', organisation: 'Sjöviks kommun', ca: true });
    const fakeSigner = makeCertificate({ name: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjöviks kommun', issuer: fakeCa });
    const forged = await signRaw(await makePdf(), fakeSigner.identity);
    expect(verifyPdf(forged, { trustedCertificatesPem: [ca.pem] })).toMatchObject({ verdict: 'invalid', trusted: false, problems: ['signer_untrusted'] });
    // a trusted end-entity certificate is not a CA: what it "issues" is not trusted
    const notCa = makeCertificate({ name: 'Vanlig person', email: 'p@sjovik.example', organisation: 'Sjöviks kommun' });
    const issuedByLeaf = makeCertificate({ name: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjöviks kommun', issuer: notCa });
    const leafSigned = await signRaw(await makePdf(), issuedByLeaf.identity);
    expect(verifyPdf(leafSigned, { trustedCertificatesPem: [notCa.pem] }).trusted).toBe(false);
  });

  it('refuses an extended key usage that does not include document signing', async () => {
    const tls = makeCertificate({ name: 'Server', email: 'srv@sjovik.example', organisation: 'Sjöviks kommun', extKeyUsage: { serverAuth: true } });
    const pdf = await signRaw(await makePdf(), tls.identity);
    const result = verifyPdf(pdf, { trustedCertificatesPem: [tls.pem] });
    expect(result).toMatchObject({ verdict: 'invalid', certificate: { usableForSigning: false }, problems: ['key_usage_not_signing'] });
  });

  it('checks the certificate at the signing time, not today', async () => {
    const shortLived = makeCertificate({
      name: 'Kort', email: 'kort@sjovik.example', organisation: 'Sjöviks kommun',
      notBefore: new Date(Date.now() - 10 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000),
    });
    // signed while the certificate was valid; it has expired since, which does not undo the signature
    // PAdES B-B: the signing time is the dictionary's /M, written with the placeholder
    const signedAt = new Date(Date.now() - 5 * 86_400_000);
    const pdf = await signRaw(await makePdf({ placeholder: { reason: 'Godkänd revisionsrapport', name: 'Kort', signingTime: signedAt } }), shortLived.identity, signedAt);
    expect(verifyPdf(pdf, { trustedCertificatesPem: [shortLived.pem] })).toMatchObject({ verdict: 'valid', certificate: { validity: 'valid' } });
  });

  it('refuses a signature whose signer certificate was swapped for another one with the same key (ESS signing-certificate-v2)', async () => {
    const ca = makeCertificate({ name: 'Sjöviks kommun CA', email: 'ca@sjovik.example', organisation: 'Sjöviks kommun', ca: true });
    const real = makeCertificate({ name: 'Karin Lindqvist', email: 'karin@sjovik.example', organisation: 'Sjöviks kommun', issuer: ca });
    // same key, serial and issuer, another name of the same length: the CMS signature alone still verifies with it
    const swapped = makeCertificate({ name: 'Karin Lindqvizt', email: 'karin@sjovik.example', organisation: 'Sjöviks kommun', issuer: ca, sameKeyAs: real });
    const realHex = real.identity.certificate.der.toString('hex');
    const swappedHex = swapped.identity.certificate.der.toString('hex');
    expect(swappedHex.length).toBe(realHex.length);
    const pdf = await signRaw(await makePdf(), real.identity);
    expect(verifyPdf(pdf, { trustedCertificatesPem: [ca.pem] }).verdict).toBe('valid');
    const forged = Buffer.from(pdf.toString('latin1').replace(realHex, swappedHex), 'latin1');
    const result = verifyPdf(forged, { trustedCertificatesPem: [ca.pem] });
    expect(result.signer?.subjectName).toBe('Karin Lindqvizt');
    expect(result).toMatchObject({ verdict: 'invalid', integrityValid: false });
    expect(result.problems).toContain('signer_certificate_mismatch');
  });

  it('refuses a SHA-1 signature', async () => {
    const made = makeCertificate({ name: 'Gammal', email: 'gammal@sjovik.example', organisation: 'Sjöviks kommun' });
    const pdf = await signSha1(await makePdf(), made);
    const result = verifyPdf(pdf, { trustedCertificatesPem: [made.pem] });
    expect(result).toMatchObject({ verdict: 'invalid', integrityValid: false });
    expect(result.problems).toContain('weak_algorithm');
    expect(result.signatures[0]?.digestAlgorithm).toBe('sha1');
  });

  it('verifies a signature made by @signpdf/signer-p12 (independent CMS encoder)', async () => {
    // P12Signer double-encodes UTF-8 issuer names, so this interop check uses an ASCII-only identity
    const ascii = createSelfSignedIdentity({
      name: 'Ola Nilsson',
      email: 'ola@example.se',
      organisation: 'Test AB',
      passphrase: PASSPHRASE,
    });
    const pdf = await makePdf({ placeholder: { reason: 'Interop', name: 'Ola Nilsson' } });
    const out = await new SignPdf().sign(pdf, new P12Signer(ascii.p12, { passphrase: PASSPHRASE }));
    const result = verifyPdf(out, { trustedCertificatesPem: [ascii.info.certificatePem] });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signer?.subjectName).toBe('Ola Nilsson');
  });
});
