import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, inspectIdentity, signPdf, verifyPdf } from '../../../electron/backend/signing';
import { externalTool, makePdf, run, tamperContentStream, tempDir } from './helpers';

// OpenSSL is an independent second implementation of PKCS#12 and CMS; it is optional, even in CI
const openssl = externalTool('openssl', 'openssl', false);
const pdfsig = externalTool('pdfsig', 'poppler-utils', true);

/** CMS from `openssl cms -sign`, so verifyPdf is checked against an encoder that is not ours. */
class OpensslCmsSigner extends Signer {
  constructor(
    private readonly dir: string,
    private readonly certFile: string,
    private readonly keyFile: string,
  ) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const input = path.join(this.dir, 'to-sign.bin');
    const output = path.join(this.dir, 'signature.der');
    fs.writeFileSync(input, pdfBuffer);
    execFileSync(openssl.path as string, [
      'cms',
      '-sign',
      '-binary',
      '-md',
      'sha256',
      '-outform',
      'DER',
      '-nosmimecap',
      '-in',
      input,
      '-out',
      output,
      '-signer',
      this.certFile,
      '-inkey',
      this.keyFile,
    ]);
    return fs.readFileSync(output);
  }
}

describe.skipIf(openssl.skip)('interoperability with OpenSSL', () => {
  const dir = tempDir();
  const passphrase = 'hemligt lösenord €';
  const keyFile = path.join(dir, 'ec.key');
  const certFile = path.join(dir, 'ec.crt');
  const p12File = path.join(dir, 'ec.p12');

  beforeAll(() => {
    // OpenSSL 3 defaults: AES-256-CBC/PBKDF2 bags, SHA-256 MAC
    execFileSync(
      openssl.path as string,
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-utf8',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '30',
        '-subj',
        '/CN=Örjan Ek/O=Extern Granskning AB',
        '-addext',
        'keyUsage=critical,digitalSignature,nonRepudiation',
      ],
      { stdio: 'pipe' },
    );
    execFileSync(openssl.path as string, [
      'pkcs12',
      '-export',
      '-inkey',
      keyFile,
      '-in',
      certFile,
      '-out',
      p12File,
      '-passout',
      `pass:${passphrase}`,
    ]);
  });

  it('opens our PKCS#12 with a non-ASCII passphrase', () => {
    const { p12 } = createSelfSignedIdentity({
      name: 'Åsa Öberg',
      email: 'asa@example.se',
      organisation: 'Kvalitet AB',
      passphrase,
    });
    const file = path.join(dir, 'ours.p12');
    fs.writeFileSync(file, p12);
    const res = run(openssl.path as string, ['pkcs12', '-in', file, '-noout', '-passin', `pass:${passphrase}`]);
    expect(res.status, res.stderr).toBe(0);
  });

  it('signs with an EC identity exported by OpenSSL under a non-ASCII passphrase', async () => {
    const p12 = fs.readFileSync(p12File);
    expect(inspectIdentity(p12, passphrase).subjectName).toBe('Örjan Ek');
    const signed = await signPdf(await makePdf(), p12, passphrase);
    const result = verifyPdf(signed, { trustedCertificatesPem: [fs.readFileSync(certFile, 'utf8')] });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signer?.organisation).toBe('Extern Granskning AB');

    if (pdfsig.skip) return;
    expect(pdfsig.path, 'pdfsig (poppler-utils) is required in CI').toBeTruthy();
    const file = path.join(dir, 'ec-signed.pdf');
    fs.writeFileSync(file, signed);
    expect(run(pdfsig.path as string, [file]).stdout).toContain('Signature is Valid.');
  });

  it('verifies, and detects tampering in, a signature whose CMS OpenSSL wrote', async () => {
    const signed = await new SignPdf().sign(await makePdf(), new OpensslCmsSigner(dir, certFile, keyFile));
    const trustedCertificatesPem = [fs.readFileSync(certFile, 'utf8')];
    const result = verifyPdf(signed, { trustedCertificatesPem });
    expect(result.problems).toEqual([]);
    expect(result.valid).toBe(true);
    expect(result.signer?.subjectName).toBe('Örjan Ek');
    expect(result.signingTime).not.toBeNull();
    // OpenSSL adds a signing-time attribute and no ESS signing-certificate-v2: detached CMS, not PAdES B-B
    expect(result.level).toBe('PKCS#7 detached');

    const tampered = verifyPdf(tamperContentStream(signed).tampered, { trustedCertificatesPem });
    expect(tampered.valid).toBe(false);
    expect(tampered.problems).toEqual(['byte_range_digest_mismatch']);
  });
});
