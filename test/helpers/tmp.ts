import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { Backend } from '../../electron/backend/backend';

/** A fresh folder under the system temp dir, removed after the file's tests. */
export function tempDir(prefix = 'granska-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A backend on a real SQLite file in a temp folder, with a fixed clock when asked. */
export function testBackend(opts: { now?: () => Date; dir?: string } = {}): Backend {
  const dir = opts.dir ?? tempDir();
  const backend = new Backend({ dataDir: dir, transport: 'http', version: 'test', ...(opts.now ? { now: opts.now } : {}) });
  backend.open(path.join(dir, 'test.sqlite'));
  afterAll(() => backend.close());
  return backend;
}

/** Calls through the router, exactly as a transport would, so input parsing is exercised too. */
export function caller(backend: Backend) {
  return <T = unknown>(name: string, input: unknown = {}) => backend.call(name, input) as Promise<T>;
}

/** Resolves to the AppError a call rejected with, or fails the test if it succeeded. */
export async function rejection(p: Promise<unknown>): Promise<{ code: string; params: Record<string, unknown> }> {
  try {
    await p;
  } catch (err) {
    return err as { code: string; params: Record<string, unknown> };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
