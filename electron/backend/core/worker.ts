import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread for slow work the backend's own thread must not wait on: the bundled `<name>.cjs`
 * beside the bundle (dist/main, dist/cli), or under tests the TypeScript `source`, loaded through
 * tsx's require hook (a worker does not inherit the test runner's transform).
 */
export function startWorker(name: string, source: string, workerData: unknown): Worker {
  const bundled = path.join(__dirname, `${name}.cjs`);
  if (fs.existsSync(bundled)) return new Worker(bundled, { workerData });
  const tsx = createRequire(__filename).resolve('tsx/cjs/api');
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, { eval: true, workerData });
}
