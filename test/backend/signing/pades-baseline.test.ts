import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSelfSignedIdentity, signPdf, verifyPdf } from '../../../electron/backend/signing';
import { parsePdfDate } from '../../../electron/backend/signing/signature-level';
import { makePdf } from './helpers';

const PASSPHRASE = 'lösenord för revision';
const OIDS = {
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  data: '1.2.840.113549.1.7.1',
  sha256: '2.16.840.1.101.3.4.2.1',
};

type Asn1 = forge.asn1.Asn1;
const kids = (node: Asn1): Asn1[] => node.value as Asn1[];
const bytes = (node: Asn1): Buffer => Buffer.from(node.value as string, 'binary');
const oidOf = (node: Asn1): string => forge.asn1.derToOid(node.value as string);

/** The /Contents of the (only) signature, read without any of Granska's own parsing code. */
function cmsOf(pdf: Buffer): Buffer {
  const m = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!m) throw new Error('no ByteRange');
  const hex = pdf.subarray(Number(m[2]) + 1, Number(m[3]) - 1).toString('latin1');
  return Buffer.from(hex, 'hex');
}

describe('PAdES baseline B-B signature, checked with an independent ASN.1 parser (node-forge)', () => {
  let signed: Buffer;
  let certDer: Buffer;
  const signingTime = new Date(Math.floor(Date.now() / 1000) * 1000 - 5_000);

  beforeAll(async () => {
    const { p12, info } = createSelfSignedIdentity({
      name: 'Åsa Öberg', email: 'asa.oberg@example.se', organisation: 'Kvalitetsbolaget AB', passphrase: PASSPHRASE, now: new Date(Date.now() - 60_000),
    });
    certDer = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(info.certificatePem))).getBytes(), 'binary');
    signed = await signPdf(await makePdf({ placeholder: { reason: 'Utfärdande', name: 'Åsa Öberg', signingTime } }), p12, PASSPHRASE, { signingTime });
  });

  it('names ETSI.CAdES.detached and carries the signing time in /M', () => {
    const text = signed.toString('latin1');
    expect(text).toMatch(/\/SubFilter\s*\/ETSI\.CAdES\.detached/);
    const m = /\/M\s*\((D:[^)]+)\)/.exec(text);
    expect(m, 'signature dictionary has /M').not.toBeNull();
    expect(parsePdfDate(m?.[1] ?? '')?.toISOString()).toBe(signingTime.toISOString());
  });

  it('has exactly content-type, message-digest and signing-certificate-v2 as signed attributes, SHA-256 throughout', () => {
    // /Contents is zero-padded after the DER; forge's typings lack the options form that allows it
    const contentInfo = forge.asn1.fromDer(forge.util.createBuffer(cmsOf(signed).toString('binary')), { parseAllBytes: false } as unknown as boolean);
    const signedData = kids(kids(kids(contentInfo)[1] as Asn1)[0] as Asn1);
    const digestAlgorithms = kids(signedData[1] as Asn1).map((alg) => oidOf(kids(alg)[0] as Asn1));
    expect(digestAlgorithms).toEqual([OIDS.sha256]);
    const signerInfo = kids(signedData[signedData.length - 1] as Asn1)[0] as Asn1;
    const fields = kids(signerInfo);
    expect(oidOf(kids(fields[2] as Asn1)[0] as Asn1)).toBe(OIDS.sha256);
    const signedAttrs = fields.find((f) => f.tagClass === forge.asn1.Class.CONTEXT_SPECIFIC && f.type === 0) as Asn1;
    const attrs = new Map(kids(signedAttrs).map((a) => [oidOf(kids(a)[0] as Asn1), kids(kids(a)[1] as Asn1)[0] as Asn1]));
    expect([...attrs.keys()].sort()).toEqual([OIDS.contentType, OIDS.messageDigest, OIDS.signingCertificateV2].sort());
    expect(attrs.has(OIDS.signingTime)).toBe(false);
    expect(oidOf(attrs.get(OIDS.contentType) as Asn1)).toBe(OIDS.data);

    // message-digest is the SHA-256 of the signed byte ranges
    const [a, b, c, d] = verifyPdf(signed).byteRange as [number, number, number, number];
    const digest = createHash('sha256').update(signed.subarray(a, a + b)).update(signed.subarray(c, c + d)).digest();
    expect(bytes(attrs.get(OIDS.messageDigest) as Asn1).equals(digest)).toBe(true);

    // SigningCertificateV2 { certs: [ ESSCertIDv2 { certHash (SHA-256 by default), issuerSerial } ] }
    const essCertId = kids(kids(attrs.get(OIDS.signingCertificateV2) as Asn1)[0] as Asn1)[0] as Asn1;
    const [certHash, issuerSerial] = kids(essCertId);
    expect(certHash?.type).toBe(forge.asn1.Type.OCTETSTRING);
    expect(bytes(certHash as Asn1).equals(createHash('sha256').update(certDer).digest())).toBe(true);
    const cert = forge.pki.certificateFromAsn1(forge.asn1.fromDer(forge.util.createBuffer(certDer.toString('binary'))));
    const [generalNames, serial] = kids(issuerSerial as Asn1);
    const directoryName = kids(generalNames as Asn1)[0] as Asn1;
    expect(directoryName.tagClass).toBe(forge.asn1.Class.CONTEXT_SPECIFIC);
    expect(directoryName.type).toBe(4);
    expect(forge.util.bytesToHex(serial?.value as string)).toBe(cert.serialNumber);
  });

  it('is reported as PAdES B-B by verify, with the /M time as signing time', () => {
    const result = verifyPdf(signed);
    // intact; nothing is on a trusted list here, so the verdict is 'untrusted' rather than 'valid'
    expect(result).toMatchObject({ integrityValid: true, coversWholeFile: true, verdict: 'untrusted' });
    expect(result.level).toBe('PAdES B-B');
    expect(result.signingTime).toBe(signingTime.toISOString());
  });
});
