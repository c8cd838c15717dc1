import path from 'node:path';
import { AppError, isErrorPayload } from '../../../shared/errors';
import { startWorker } from '../core/worker';
import { assertIterationsBounded } from './pkcs12-limits';
import type { IdentityInfo } from './types';

/** Long enough for a real file at the iteration cap on a slow laptop; a hostile one is stopped. */
export const PKCS12_TIME_LIMIT_MS = 30_000;

export interface OpenedInWorker {
  info: IdentityInfo;
  /** Key bags stored without encryption. */
  plainKeys: number;
  /** PKCS#8 DER of the private key, for re-encryption at rest; never leaves the backend. */
  key: Buffer;
  certificate: Buffer;
  chain: Buffer[];
}

/**
 * Opens a PKCS#12 file someone brings (import) in a worker thread with a time limit, after its
 * declared iteration counts were checked: the backend answers other calls meanwhile, and a file
 * built to take minutes is refused with a clear message instead of holding everything up.
 */
export function openPkcs12InWorker(
  p12: Buffer,
  passphrase: string,
  now: Date,
  opts: { timeLimitMs?: number } = {},
): Promise<OpenedInWorker> {
  assertIterationsBounded(p12);
  const limit = opts.timeLimitMs ?? PKCS12_TIME_LIMIT_MS;
  return new Promise((resolve, reject) => {
    const worker = startWorker('pkcs12-worker', path.join(__dirname, 'pkcs12-worker.ts'), { p12, passphrase, now: now.toISOString() });
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(new AppError('invalid_input', { reason: 'p12_too_slow', seconds: Math.round(limit / 1000) }));
    }, limit);
    const settle = () => clearTimeout(timer);
    worker.once('message', (msg: { ok: true } & Record<string, unknown> | { ok: false; error: unknown }) => {
      settle();
      void worker.terminate();
      if (!msg.ok) {
        const e = (msg as { error: unknown }).error;
        reject(isErrorPayload(e) ? new AppError(e.code, e.params) : new AppError('file_unreadable', { reason: 'not_pkcs12' }));
        return;
      }
      const m = msg as unknown as { info: IdentityInfo; plainKeys: number; key: Uint8Array; certificate: Uint8Array; chain: Uint8Array[] };
      resolve({ info: m.info, plainKeys: m.plainKeys, key: Buffer.from(m.key), certificate: Buffer.from(m.certificate), chain: m.chain.map((c) => Buffer.from(c)) });
    });
    worker.once('error', () => {
      settle();
      reject(new AppError('file_unreadable', { reason: 'not_pkcs12' }));
    });
  });
}
