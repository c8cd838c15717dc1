/**
 * 3DES rather than AES: AES (PBES2) PKCS#12 files are refused by the macOS Keychain and older Windows
 * importers, and forge feeds PBES2 the passphrase as Latin-1 bytes (characters above U+00FF lose
 * their high byte). The PKCS#12 3DES scheme encodes the passphrase as BMPString, as OpenSSL, Windows
 * and macOS do; OpenSSL 3 opens these files with passphrases containing "ö" and "€".
 */
export const PKCS12_OPTIONS = {
  algorithm: '3des' as const,
  count: 10_000,
  saltSize: 16,
  useMac: true,
};
