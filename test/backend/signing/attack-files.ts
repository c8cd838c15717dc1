/**
 * Tools for making the files an attacker would make: certificates with any name, validity and key
 * usage (node-forge), signatures from the project's own CMS signer or a SHA-1 one (forge's PKCS#7),
 * and hand-written incremental updates that change a signed report and sign it again.
 */
import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import forge from 'node-forge';
import { parseCertificate } from '../../../electron/backend/signing/certificate';
import { buildDetachedCms, IdentitySigner } from '../../../electron/backend/signing/cms-sign';
import type { OpenedIdentity } from '../../../electron/backend/signing/identity-open';

export interface MadeCertificate {
  identity: OpenedIdentity;
  forgeCert: forge.pki.Certificate;
  forgeKey: forge.pki.rsa.PrivateKey;
  pem: string;
  /** A PKCS#12 of key and certificate (plus the issuer's, if any), for the CLI's --p12. */
  p12(passphrase: string): Buffer;
}

export interface CertificateSpec {
  name: string;
  email: string;
  organisation: string;
  notBefore?: Date;
  notAfter?: Date;
  /** forge keyUsage flags; default digitalSignature + nonRepudiation. */
  keyUsage?: Record<string, boolean>;
  /** forge extKeyUsage flags or OIDs; omitted means no extension. */
  extKeyUsage?: Record<string, boolean>;
  ca?: boolean;
  /** Signs the certificate; self-signed when absent. */
  issuer?: MadeCertificate;
  /** Reuse this certificate's key pair and serial number (a second certificate for the same key). */
  sameKeyAs?: MadeCertificate;
}

const tagClass = (type: forge.asn1.Type): forge.asn1.Class => type as unknown as forge.asn1.Class;
const DAY = 86_400_000;

export function makeCertificate(spec: CertificateSpec): MadeCertificate {
  const privateKey = spec.sameKeyAs?.identity.privateKey ?? generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const forgeKey = forge.pki.privateKeyFromPem(privateKey.export({ type: 'pkcs1', format: 'pem' }).toString());
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  const serial = randomBytes(12);
  serial[0] = ((serial[0] ?? 1) & 0x7f) || 1;
  cert.serialNumber = spec.sameKeyAs?.forgeCert.serialNumber ?? serial.toString('hex');
  cert.validity.notBefore = spec.notBefore ?? new Date(Date.now() - DAY);
  cert.validity.notAfter = spec.notAfter ?? new Date(Date.now() + 365 * DAY);
  const dn: forge.pki.CertificateField[] = [
    { name: 'commonName', value: spec.name, valueTagClass: tagClass(forge.asn1.Type.UTF8) },
    { name: 'organizationName', value: spec.organisation, valueTagClass: tagClass(forge.asn1.Type.UTF8) },
    { name: 'emailAddress', value: spec.email, valueTagClass: tagClass(forge.asn1.Type.IA5STRING) },
  ];
  cert.setSubject(dn);
  cert.setIssuer(spec.issuer ? spec.issuer.forgeCert.subject.attributes : dn);
  const extensions: object[] = [
    { name: 'basicConstraints', cA: spec.ca ?? false, critical: true },
    { name: 'keyUsage', critical: true, ...(spec.keyUsage ?? (spec.ca ? { keyCertSign: true, cRLSign: true } : { digitalSignature: true, nonRepudiation: true })) },
    { name: 'subjectKeyIdentifier' },
  ];
  if (spec.extKeyUsage) extensions.push({ name: 'extKeyUsage', ...spec.extKeyUsage });
  cert.setExtensions(extensions);
  cert.sign(spec.issuer?.forgeKey ?? forgeKey, forge.md.sha256.create());
  const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
  const chain = spec.issuer ? [spec.issuer.identity.certificate] : [];
  const made: MadeCertificate = {
    identity: { privateKey: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })), certificate: parseCertificate(der), chain },
    forgeCert: cert,
    forgeKey,
    pem: forge.pki.certificateToPem(cert),
    p12: (passphrase) => {
      const certs = [cert, ...(spec.issuer ? [spec.issuer.forgeCert] : [])];
      const asn1 = forge.pkcs12.toPkcs12Asn1(forgeKey, certs, passphrase, { algorithm: 'aes256' });
      return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    },
  };
  return made;
}

/** Signs a PDF that has a placeholder with the project's own CMS signer, skipping the app's own checks (validity, key usage). */
export function signRaw(pdfWithPlaceholder: Buffer, identity: OpenedIdentity, signingTime = new Date()): Promise<Buffer> {
  return new SignPdf().sign(pdfWithPlaceholder, new IdentitySigner(identity), signingTime);
}

/** A detached PKCS#7 over SHA-1 (forge's encoder), as old signing tools made them. */
class Sha1Signer extends Signer {
  constructor(private readonly made: MadeCertificate) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    const p7 = forge.pkcs7.createSignedData();
    p7.content = forge.util.createBuffer(pdfBuffer.toString('binary'));
    p7.addCertificate(this.made.forgeCert);
    p7.addSigner({
      key: this.made.forgeKey,
      certificate: this.made.forgeCert,
      digestAlgorithm: forge.pki.oids.sha1 as string,
      authenticatedAttributes: [
        { type: forge.pki.oids.contentType as string, value: forge.pki.oids.data },
        { type: forge.pki.oids.messageDigest as string },
        { type: forge.pki.oids.signingTime as string, value: new Date().toISOString() },
      ],
    });
    p7.sign({ detached: true });
    return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
  }
}

export function signSha1(pdfWithPlaceholder: Buffer, made: MadeCertificate): Promise<Buffer> {
  return new SignPdf().sign(pdfWithPlaceholder, new Sha1Signer(made));
}

// ---- incremental updates -------------------------------------------------------------------------

function lastStartxref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref');
  return Number(/startxref\s+(\d+)/.exec(pdf.subarray(at).toString('latin1'))?.[1]);
}

function trailerValue(pdf: Buffer, key: string): string {
  const trailer = pdf.subarray(pdf.lastIndexOf('trailer')).toString('latin1');
  const m = new RegExp(`/${key}\\s+(\\d+ \\d+ R)`).exec(trailer);
  if (!m?.[1]) throw new Error(`no /${key} in the trailer`);
  return m[1];
}

function highestObject(pdf: Buffer): number {
  const trailer = pdf.subarray(pdf.lastIndexOf('trailer')).toString('latin1');
  return Number(/\/Size\s+(\d+)/.exec(trailer)?.[1]) - 1;
}

/** The dictionary text of object `num` as last written ("<< … >>"), from an uncompressed object. */
export function objectDict(pdf: Buffer, num: number): string {
  const text = pdf.toString('latin1');
  const re = new RegExp(`(?:^|\\s)${num} 0 obj\\s*(<<[\\s\\S]*?>>)\\s*endobj`, 'g');
  let last: string | null = null;
  for (const m of text.matchAll(re)) last = m[1] ?? null;
  if (!last) throw new Error(`object ${num} not found`);
  return last;
}

export function findObject(pdf: Buffer, pattern: RegExp): number {
  const text = pdf.toString('latin1');
  const m = new RegExp(`(\\d+) 0 obj\\s*<<\\s*${pattern.source}`).exec(text);
  if (!m?.[1]) throw new Error(`no object matches ${pattern}`);
  return Number(m[1]);
}

/** Appends an incremental update (PDF 32000-1, 7.5.6): the given objects, an xref section and a trailer with /Prev. */
export function appendUpdate(pdf: Buffer, objects: { num: number; body: string }[], trailerExtra = ''): Buffer {
  const parts: Buffer[] = [pdf, Buffer.from('\n')];
  let offset = pdf.length + 1;
  const offsets = new Map<number, number>();
  for (const o of objects) {
    const text = Buffer.from(`${o.num} 0 obj\n${o.body}\nendobj\n`, 'latin1');
    offsets.set(o.num, offset);
    parts.push(text);
    offset += text.length;
  }
  const size = Math.max(highestObject(pdf), ...objects.map((o) => o.num)) + 1;
  let xref = 'xref\n0 1\n0000000000 65535 f \n';
  for (const [num, at] of [...offsets].sort((a, b) => a[0] - b[0])) xref += `${num} 1\n${String(at).padStart(10, '0')} 00000 n \n`;
  const trailer =
    `trailer\n<<\n/Size ${size}\n/Root ${trailerValue(pdf, 'Root')}\n/Info ${trailerValue(pdf, 'Info')}\n/Prev ${lastStartxref(pdf)}${trailerExtra}\n>>\n` +
    `startxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(xref + trailer, 'latin1'));
  return Buffer.concat(parts);
}

const pdfDate = (d: Date): string => `D:${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
const CONTENTS_BYTES = 8192;

/**
 * The attack of issue 16: a signed report gets an incremental update that paints new text over
 * page 1 (a FreeText annotation), and a second signature by `signer` over the whole changed file.
 */
export function changeAndSignAgain(pdf: Buffer, signer: OpenedIdentity, newText: string, name: string): Buffer {
  const first = highestObject(pdf) + 1;
  const [annot, sig, widget] = [first, first + 1, first + 2];
  const pages = objectDict(pdf, findObject(pdf, /\/Type \/Pages/));
  const page1 = Number(/\/Kids \[(\d+) 0 R/.exec(pages)?.[1]);
  const pageDict = objectDict(pdf, page1);
  const withAnnots = /\/Annots \[/.test(pageDict)
    ? pageDict.replace('/Annots [', `/Annots [${annot} 0 R ${widget} 0 R `)
    : pageDict.replace(/>>$/, `/Annots [${annot} 0 R ${widget} 0 R]\n>>`);
  const acroNum = findObject(pdf, /\/Type \/AcroForm/);
  const acro = objectDict(pdf, acroNum).replace('/Fields [', `/Fields [${widget} 0 R `);
  const placeholderRange = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const updated = appendUpdate(pdf, [
    {
      num: annot,
      body: `<<\n/Type /Annot\n/Subtype /FreeText\n/Rect [40 560 555 800]\n/Contents (${newText})\n/DA (/Helv 14 Tf 0 g)\n/C [1 1 1]\n/IC [1 1 1]\n/F 4\n/P ${page1} 0 R\n>>`,
    },
    { num: page1, body: withAnnots },
    {
      num: sig,
      body: `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /adbe.pkcs7.detached\n${placeholderRange}\n/Contents <${'0'.repeat(CONTENTS_BYTES * 2)}>\n/Reason (Godkänd)\n/Name (${name})\n/M (${pdfDate(new Date())})\n>>`,
    },
    { num: widget, body: `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Signature2)\n/V ${sig} 0 R\n/P ${page1} 0 R\n/Rect [0 0 0 0]\n/F 132\n>>` },
    { num: acroNum, body: acro },
  ]);
  // fill the byte range and the CMS in place; both keep their widths, so the xref stays right
  const rangeAt = updated.lastIndexOf(placeholderRange);
  const contentsAt = updated.indexOf('/Contents <', rangeAt) + '/Contents '.length;
  const contentsEnd = contentsAt + CONTENTS_BYTES * 2 + 2;
  const range = [0, contentsAt, contentsEnd, updated.length - contentsEnd];
  const fixed = `/ByteRange [0 ${range.slice(1).map((n) => String(n).padStart(10, '0')).join(' ')}]`;
  updated.write(fixed.padEnd(placeholderRange.length, ' '), rangeAt, 'latin1');
  const signedBytes = Buffer.concat([updated.subarray(0, contentsAt), updated.subarray(contentsEnd)]);
  const cms = buildDetachedCms(signedBytes, signer);
  if (cms.length > CONTENTS_BYTES) throw new Error('CMS larger than the reserved room');
  updated.write(cms.toString('hex'), contentsAt + 1, 'latin1');
  return updated;
}
