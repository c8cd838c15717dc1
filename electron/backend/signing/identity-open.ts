import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../shared/errors';
import { decodePkcs12 } from './pkcs12-decode';
import { describeCertificate, keyUsageAllowsSigning, parseCertificate, type ParsedCertificate } from './certificate';
import type { IdentityInfo } from './types';

export interface OpenedIdentity {
  privateKey: KeyObject;
  certificate: ParsedCertificate;
  /** The other certificates in the file (intermediates), embedded in signatures so verifiers can build a path. */
  chain: ParsedCertificate[];
}

const toDer = (asn1: forge.asn1.Asn1): Buffer => Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');

function bagsOf(pfx: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return pfx.getBags({ bagType })[bagType] ?? [];
}

function privateKeys(pfx: forge.pkcs12.Pkcs12Pfx): KeyObject[] {
  const bags = [...bagsOf(pfx, forge.pki.oids.pkcs8ShroudedKeyBag ?? ''), ...bagsOf(pfx, forge.pki.oids.keyBag ?? '')];
  const keys: KeyObject[] = [];
  for (const bag of bags) {
    try {
      // forge only understands RSA keys; for anything else it leaves the PrivateKeyInfo in bag.asn1
      const info = bag.key
        ? forge.pki.wrapRsaPrivateKey(forge.pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey))
        : bag.asn1;
      if (info) keys.push(createPrivateKey({ key: toDer(info), format: 'der', type: 'pkcs8' }));
    } catch {
      // an unusable key bag is treated like a missing one
    }
  }
  return keys;
}

function certificates(pfx: forge.pkcs12.Pkcs12Pfx): ParsedCertificate[] {
  const out: ParsedCertificate[] = [];
  for (const bag of bagsOf(pfx, forge.pki.oids.certBag ?? '')) {
    try {
      // certificateToAsn1 reuses forge's cached TBSCertificate, so the bytes are the original ones
      const asn1 = bag.cert ? forge.pki.certificateToAsn1(bag.cert) : bag.asn1;
      if (asn1) out.push(parseCertificate(toDer(asn1)));
    } catch {
      // skip certificates we cannot parse; a missing signer certificate is reported below
    }
  }
  return out;
}

const spki = (key: KeyObject): Buffer => key.export({ type: 'spki', format: 'der' });

export function openIdentity(p12: Buffer | Uint8Array, passphrase: string): OpenedIdentity {
  if (!p12 || p12.length === 0) throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  const pfx = decodePkcs12(Buffer.from(p12), passphrase);
  const certs = certificates(pfx);
  for (const privateKey of privateKeys(pfx)) {
    const publicKey = spki(createPublicKey(privateKey));
    const certificate = certs.find((c) => spki(c.publicKey).equals(publicKey));
    if (certificate) return { privateKey, certificate, chain: certs.filter((c) => c !== certificate) };
  }
  throw new AppError('identity_no_key');
}

export function assertUsableForSigning(cert: ParsedCertificate, now: Date): void {
  if (now < cert.notBefore || now > cert.notAfter) {
    throw new AppError('identity_expired', {
      notBefore: cert.notBefore.toISOString(),
      notAfter: cert.notAfter.toISOString(),
    });
  }
  if (keyUsageAllowsSigning(cert) === false) throw new AppError('identity_not_for_signing');
}

export function inspectIdentity(p12: Buffer, passphrase: string, now: Date = new Date()): IdentityInfo {
  const { certificate } = openIdentity(p12, passphrase);
  assertUsableForSigning(certificate, now);
  return describeCertificate(certificate);
}
