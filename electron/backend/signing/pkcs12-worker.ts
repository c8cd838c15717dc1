// Runs in a worker thread: opens a PKCS#12 file (forge's key derivation is slow, pure JavaScript)
// so the backend's own thread keeps answering calls, and can be stopped when it takes too long.
import { parentPort, workerData } from 'node:worker_threads';
import forge from 'node-forge';
import { AppError } from '../../../shared/errors';
import { describeCertificate } from './certificate';
import { assertUsableForSigning, openIdentity } from './identity-open';
import { decodePkcs12 } from './pkcs12-decode';

const { p12, passphrase, now } = workerData as { p12: Uint8Array; passphrase: string; now: string };
try {
  const data = Buffer.from(p12);
  const opened = openIdentity(data, passphrase);
  assertUsableForSigning(opened.certificate, new Date(now));
  const pfx = decodePkcs12(data, passphrase);
  const plainKeys = (pfx.getBags({ bagType: forge.pki.oids.keyBag ?? '' })[forge.pki.oids.keyBag ?? ''] ?? []).length;
  parentPort?.postMessage({
    ok: true,
    info: describeCertificate(opened.certificate),
    plainKeys,
    key: opened.privateKey.export({ type: 'pkcs8', format: 'der' }),
    certificate: opened.certificate.der,
    chain: opened.chain.map((c) => c.der),
  });
} catch (err) {
  parentPort?.postMessage({ ok: false, error: err instanceof AppError ? err.toPayload() : { code: 'file_unreadable', params: { reason: 'not_pkcs12' } } });
}
