import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../../../shared/errors';

interface PdfJob {
  fail(err: unknown): void;
}

const jobs = new AsyncLocalStorage<PdfJob>();
let running = 0;

/**
 * An exception thrown from a callback inside a PDF job (pdfkit's PNG reader throws from a zlib
 * callback, where no try/catch reaches) fails that job instead of ending the process. The job is
 * found through the async context the callback ran in, so an error from anything else is left to
 * whoever else listens — or, with nobody else listening, ends the process as it would have anyway.
 */
function onUncaught(err: unknown): void {
  const job = jobs.getStore();
  if (job) {
    job.fail(err);
    return;
  }
  if (process.listenerCount('uncaughtException') === 1) throw err;
}

/**
 * Runs one PDF job (layout, images, signing placeholder). Resolves with its result, or rejects
 * with the job's own error, or with `internal` / `pdf` when something inside it threw where no
 * caller could catch it; the backend keeps answering other calls either way.
 */
export function runPdfJob<T>(job: () => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      running--;
      if (running === 0) process.off('uncaughtException', onUncaught);
      fn();
    };
    if (running === 0) process.on('uncaughtException', onUncaught);
    running++;
    const context: PdfJob = {
      fail: () => settle(() => reject(new AppError('internal', { reason: 'pdf' }))),
    };
    jobs.run(context, () => {
      let result: Promise<T>;
      try {
        result = job();
      } catch (err) {
        result = Promise.reject(err as Error);
      }
      result.then(
        (value) => settle(() => resolve(value)),
        (err: unknown) => settle(() => reject(err)),
      );
    });
  });
}
