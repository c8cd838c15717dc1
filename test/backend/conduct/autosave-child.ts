import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** The token autosave-server.ts serves with. */
const TOKEN = 'kill-test-token-0123456789';

export interface AutosaveChild {
  child: ChildProcess;
  /** Resolves once the process has ended, however it ended. */
  exited: Promise<void>;
  port: number;
  /** Calls the contract over HTTP as the app does; a refusal throws with the error it sent. */
  post<T>(name: string, input: unknown): Promise<T>;
}

/**
 * The real backend in a child process (autosave-server.ts, what `granska serve` and the app run)
 * on the given database; resolves once it listens. The caller ends it (kill) and awaits `exited`.
 */
export async function startAutosaveChild(dbFile: string, dataDir: string): Promise<AutosaveChild> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'test/backend/conduct/autosave-server.ts'), dbFile, dataDir], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}${err}`)), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  }).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
  const post = async <T>(name: string, input: unknown): Promise<T> => {
    const res = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-granska-token': TOKEN },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; result?: T; error?: unknown };
    if (!body.ok || body.result === undefined) throw new Error(`${name} refused: ${JSON.stringify(body.error)}`);
    return body.result;
  };
  return { child, exited, port, post };
}
