import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PG_BIN = process.env.GRANSKA_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why a throwaway PostgreSQL cannot start here, or null when it can. */
export function postgresUnavailableReason(): string | null {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!fs.existsSync(path.join(PG_BIN, tool))) return `PostgreSQL not found: ${path.join(PG_BIN, tool)} is missing (apt-get install postgresql)`;
  }
  if (process.getuid?.() === 0 && spawnSync('id', ['postgres']).status !== 0) return 'running as root, and there is no postgres user to run initdb as';
  return null;
}

/** Use as `describe.skipIf(skipPostgres())`: prints why, and refuses to skip in CI. */
export function skipPostgres(): boolean {
  const reason = postgresUnavailableReason();
  if (!reason) return false;
  if (process.env.CI) throw new Error(`PostgreSQL tests cannot run in CI: ${reason}`);
  console.warn(`Skipping PostgreSQL tests: ${reason}`);
  return true;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export interface Cluster {
  /** postgres://granska@127.0.0.1:PORT/postgres */
  url: string;
  port: number;
  dir: string;
  /** A fresh, empty database in this cluster; its connection string. */
  createDatabase(name: string): string;
  stop(): void;
  start(): void;
  /** Stops the cluster and removes its folder. */
  destroy(): void;
}

/**
 * A throwaway PostgreSQL cluster in a temp folder on a random port, trusting local connections
 * from the user `granska`. PostgreSQL refuses to run as root, so as root it runs as `postgres`.
 */
export async function startCluster(): Promise<Cluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'granska-pg-'));
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: string[]) => {
    const cmd = path.join(PG_BIN, tool);
    const out = asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { stdio: 'pipe' }) : execFileSync(cmd, args, { stdio: 'pipe' });
    return out.toString();
  };
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'granska', '--no-sync', '-E', 'UTF8', '--locale', 'C']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run('pg_ctl', ['-D', data, '-o', options, '-l', path.join(dir, 'log'), '-w', 'start']);
  const stop = () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  start();
  const url = `postgres://granska@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    dir,
    createDatabase(name) {
      execFileSync(path.join(PG_BIN, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'granska', name], { stdio: 'pipe' });
      return `postgres://granska@127.0.0.1:${port}/${name}`;
    },
    stop,
    start,
    destroy() {
      try {
        stop();
      } catch {
        // already stopped
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
