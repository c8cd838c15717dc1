import forge from 'node-forge';
import { AppError } from '../../../shared/errors';

const isAscii = (text: string): boolean => [...text].every((c) => c.charCodeAt(0) < 0x80);

function withoutMac(pfx: forge.asn1.Asn1): forge.asn1.Asn1 {
  const parts = Array.isArray(pfx.value) ? pfx.value.slice(0, 2) : [];
  return forge.asn1.create(pfx.tagClass, pfx.type, pfx.constructed, parts);
}

function classify(err: unknown): AppError {
  // forge reports a failed MAC check or decryption only through its message text
  const message = err instanceof Error ? err.message : '';
  if (/password|MAC could not be verified|decrypt/i.test(message)) return new AppError('wrong_passphrase');
  return new AppError('file_unreadable', { reason: 'not_pkcs12' });
}

/**
 * forge hands PBES2 (AES) the passphrase as Latin-1 bytes, while OpenSSL 3, which writes AES by
 * default, uses UTF-8 there (and BMPString for the MAC, like forge). A file exported with "lösenord"
 * therefore passes forge's MAC check and then fails to decrypt. forge checks the MAC before it
 * decrypts, so a decryption failure after a passed MAC means the passphrase is right and only its
 * encoding is wrong: decrypt again with the UTF-8 bytes, the already checked MAC stripped.
 */
export function decodePkcs12(p12: Buffer, passphrase: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(p12.toString('binary'));
  } catch {
    throw new AppError('file_unreadable', { reason: 'not_pkcs12' });
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, false, passphrase);
  } catch (err) {
    const decryptFailed = err instanceof Error && /decrypt/i.test(err.message) && !/MAC/.test(err.message);
    if (!decryptFailed || isAscii(passphrase)) throw classify(err);
    try {
      const utf8 = Buffer.from(passphrase, 'utf8').toString('binary');
      return forge.pkcs12.pkcs12FromAsn1(withoutMac(asn1), false, utf8);
    } catch (retryErr) {
      throw classify(retryErr);
    }
  }
}
