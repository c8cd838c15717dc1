export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',

  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',

  commonName: '2.5.4.3',
  organizationName: '2.5.4.10',
  emailAddress: '1.2.840.113549.1.9.1',

  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',

  /** Microsoft "Document Signing"; Acrobat accepts it when an EKU extension is present. */
  msDocumentSigning: '1.3.6.1.4.1.311.10.3.12',
  /** RFC 9336 id-kp-documentSigning. */
  documentSigning: '1.3.6.1.5.5.7.3.36',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  anyExtendedKeyUsage: '2.5.29.37.0',
  /** Adobe Authentic Documents Trust. */
  adobeAuthenticDocuments: '1.2.840.113583.1.1.5',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
} as const;

/** Digest OIDs we recognise, mapped to Node's hash names (the weak ones only to refuse them by name). */
export const DIGEST_BY_OID: Readonly<Record<string, string>> = {
  '1.2.840.113549.2.5': 'md5',
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Refused when verifying: collisions for these are practical. */
export const WEAK_DIGESTS: ReadonlySet<string> = new Set(['md5', 'sha1']);

/** Signature algorithms that fix a weak hash, whatever the digestAlgorithm field says. */
export const WEAK_SIGNATURE_OIDS: ReadonlySet<string> = new Set([
  '1.2.840.113549.1.1.4', // md5WithRSAEncryption
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.2.840.10045.4.1', // ecdsa-with-SHA1
  '1.3.14.3.2.29', // sha1WithRSASignature (OIW)
]);

export const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/** Signature algorithm OIDs whose hash comes from the signer info's digestAlgorithm. */
export const RSA_PKCS1_SIGNATURE_OIDS: ReadonlySet<string> = new Set([
  OID.rsaEncryption,
  '1.2.840.113549.1.1.5', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.11', // sha256WithRSAEncryption
  '1.2.840.113549.1.1.12', // sha384WithRSAEncryption
  '1.2.840.113549.1.1.13', // sha512WithRSAEncryption
]);

export const ECDSA_SIGNATURE_OIDS: ReadonlySet<string> = new Set([
  OID.ecPublicKey,
  '1.2.840.10045.4.1', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.2', // ecdsa-with-SHA256
  '1.2.840.10045.4.3.3', // ecdsa-with-SHA384
  '1.2.840.10045.4.3.4', // ecdsa-with-SHA512
]);

export const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
