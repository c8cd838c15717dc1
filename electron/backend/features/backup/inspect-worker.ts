// Runs in a worker thread: checks a backup just written (integrity_check reads every page, about
// 20 s for a 1 GB database), so the backend's own thread keeps answering the window meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, toErrorPayload } from '../../../../shared/errors';
import { inspectDatabaseFile } from './inspect';

const { file, latest, passphrase } = workerData as { file: string; latest: number; passphrase: string | null };
try {
  parentPort?.postMessage({ ok: true, inspection: inspectDatabaseFile(file, latest, passphrase) });
} catch (err) {
  parentPort?.postMessage({ ok: false, error: toErrorPayload(err instanceof AppError ? err : new AppError('file_unreadable', { reason: 'backup_damaged', path: file })) });
}
