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
} as const;

/** Digest OIDs we can both check and produce, mapped to Node's hash names. */
export const DIGEST_BY_OID: Readonly<Record<string, string>> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

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
