import fs from 'node:fs';
import path from 'node:path';
import { SignPdf } from '@signpdf/signpdf';
import { P12Signer } from '@signpdf/signer-p12';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, signPdf, verifyPdf, type IdentityInfo } from '../../../electron/backend/signing';
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

  it('produces a signature that verifies and covers the whole file', () => {
    const result = verifyPdf(signed);
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({
      signed: true,
      integrityValid: true,
      coversWholeFile: true,
      valid: true,
      trusted: false,
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
      expect(result).toMatchObject({ signed: true, integrityValid: false, coversWholeFile: true, valid: false });
      expect(result.problems).toEqual(['byte_range_digest_mismatch']);
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

    it('keeps integrity but no longer covers the whole file', () => {
      const result = verifyPdf(appended());
      expect(result).toMatchObject({ signed: true, integrityValid: true, coversWholeFile: false, valid: false });
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
    expect(check.problems).toEqual(['signature_invalid']);
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
      expect(verifyPdf(pdf)).toMatchObject({ signed: false, valid: false, problems: ['not_signed'], byteRange: [] });
    }
  });

  it('throws file_unreadable for something that is not a PDF', async () => {
    await expectAppError(() => verifyPdf(Buffer.from('PK\u0003\u0004 zip, not pdf')), 'file_unreadable');
    await expectAppError(() => verifyPdf(Buffer.alloc(0)), 'file_unreadable');
  });

  it('verifies the last signature when a file holds several', async () => {
    // pdfkit cannot write incremental updates; a second document glued after the signed one gives the
    // same byte layout for our purposes: a later, second signature dictionary with its own ByteRange
    const second = await makePdf({ placeholder: { reason: 'Andra signaturen', name: 'Annan' }, text: 'Rev 2' });
    const first = verifyPdf(signed);
    const combined = await signPdf(Buffer.concat([signed, Buffer.from('\n'), second]), p12, PASSPHRASE);
    const result = verifyPdf(combined);
    expect(result.reason).toBe('Andra signaturen');
    expect(result.byteRange).not.toEqual(first.byteRange);
    expect(result.valid).toBe(true);
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
    const result = verifyPdf(out);
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signer?.subjectName).toBe('Ola Nilsson');
  });
});
