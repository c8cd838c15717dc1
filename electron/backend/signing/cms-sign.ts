import { createHash, sign } from 'node:crypto';
import { Signer } from '@signpdf/utils';
import { AppError } from '../../../shared/errors';
import { contextTag, derNull, octetString, oid, sequence, setOf, smallInteger, tlv } from './der';
import type { OpenedIdentity } from './identity-open';
import { ECDSA_WITH_SHA256, OID, SHA256_OID } from './oids';

function signatureAlgorithm(identity: OpenedIdentity): Buffer {
  switch (identity.privateKey.asymmetricKeyType) {
    case 'rsa':
      return sequence(oid(OID.rsaEncryption), derNull());
    case 'ec':
      return sequence(oid(ECDSA_WITH_SHA256));
    default:
      throw new AppError('identity_not_for_signing', { reason: 'unsupported_key_type' });
  }
}

const attribute = (type: string, value: Buffer): Buffer => sequence(oid(type), setOf(value));

/**
 * A detached CMS SignedData for a PAdES baseline B-B signature (ETSI EN 319 142-1): signed
 * attributes content-type, message-digest and ESS signing-certificate-v2, and deliberately no
 * signing-time — PAdES puts the claimed signing time in the signature dictionary's /M instead.
 *
 * Built by hand instead of with @signpdf/signer-p12: that signer lets forge re-encode the issuer
 * name for IssuerAndSerialNumber, which double-encodes UTF-8 ("Åsa" becomes "Ã\u0085sa"), so
 * verifiers cannot match the signer certificate for any name with å, ä or ö. Here the issuer and
 * serial are copied verbatim from the certificate.
 */
export function buildDetachedCms(content: Buffer, identity: OpenedIdentity): Buffer {
  const cert = identity.certificate;
  const sha256 = (data: Buffer): Buffer => createHash('sha256').update(data).digest();

  // ESSCertIDv2 { hashAlgorithm DEFAULT sha256 (so omitted in DER), certHash, issuerSerial }:
  // binds this exact certificate to the signature, so it cannot be swapped for another with the same key
  const issuerSerial = sequence(sequence(tlv(contextTag(4), cert.issuerRaw)), cert.serialRaw);
  const essCertIdV2 = sequence(octetString(sha256(cert.der)), issuerSerial);
  const signedAttrs = setOf(
    attribute(OID.contentType, oid(OID.data)),
    attribute(OID.messageDigest, octetString(sha256(content))),
    attribute(OID.signingCertificateV2, sequence(sequence(essCertIdV2))),
  );
  // the signature covers the attributes encoded as a SET; inside SignerInfo they are [0] IMPLICIT
  const signature = sign('sha256', signedAttrs, identity.privateKey);
  const signedAttrsImplicit = Buffer.from(signedAttrs);
  signedAttrsImplicit[0] = contextTag(0);

  const digestAlgorithm = sequence(oid(SHA256_OID));
  const signerInfo = sequence(
    smallInteger(1),
    sequence(cert.issuerRaw, cert.serialRaw),
    digestAlgorithm,
    signedAttrsImplicit,
    signatureAlgorithm(identity),
    octetString(signature),
  );
  const signedData = sequence(
    smallInteger(1),
    setOf(digestAlgorithm),
    sequence(oid(OID.data)),
    // signer certificate first: some verifiers only look at the first one
    tlv(contextTag(0), cert.der, ...identity.chain.map((c) => c.der)),
    setOf(signerInfo),
  );
  return sequence(oid(OID.signedData), tlv(contextTag(0), signedData));
}

/** Plugs our CMS into @signpdf/signpdf, which handles the ByteRange bookkeeping. */
export class IdentitySigner extends Signer {
  constructor(private readonly identity: OpenedIdentity) {
    super();
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return buildDetachedCms(pdfBuffer, this.identity);
  }
}
