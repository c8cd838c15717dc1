import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { UnsafePlace } from '../../../../shared/contract/backup';
import { classifyPlace, parseMacMount, parseProcMounts, SYNC_MARKER_NAMES, SYNC_MARKER_PATTERN, type MountEntry, type PlaceFacts } from './unsafe-place';

/**
 * Gathers what `classifyPlace` needs about the machine, for the database about to be opened.
 * Every probe is best effort and quick (a file read, a few `stat`s); a probe that fails means
 * "not known", never an error, so opening a database never fails because of this check.
 */
export function detectUnsafePlace(file: string, env: NodeJS.ProcessEnv = process.env): UnsafePlace | null {
  if (file === ':memory:') return null;
  try {
    return classifyPlace(gatherFacts(path.resolve(file), env));
  } catch {
    return null;
  }
}

export function gatherFacts(file: string, env: NodeJS.ProcessEnv): PlaceFacts {
  const resolved = realPath(file);
  const dir = path.dirname(resolved);
  return {
    file: resolved,
    platform: process.platform,
    mounts: readMounts(),
    statfsType: statfsType(dir),
    syncRoots: syncRootsFromEnv(env),
    markers: findMarkers(dir),
  };
}

/**
 * The database may not exist yet (File › New): the nearest existing folder is resolved instead.
 * On Windows `realpath.native` turns a mapped network drive (Z:\…) into its UNC path, which is
 * how a network drive is recognised there.
 */
function realPath(file: string): string {
  let probe = file;
  const rest: string[] = [];
  for (let i = 0; i < 64; i++) {
    try {
      return path.join(fs.realpathSync.native(probe), ...rest.reverse());
    } catch {
      const parent = path.dirname(probe);
      if (parent === probe) return file;
      rest.push(path.basename(probe));
      probe = parent;
    }
  }
  return file;
}

function readMounts(): MountEntry[] {
  try {
    if (process.platform === 'linux') return parseProcMounts(fs.readFileSync('/proc/mounts', 'utf8'));
    if (process.platform === 'darwin') return parseMacMount(execFileSync('/sbin/mount', { encoding: 'utf8', timeout: 2000 }));
  } catch {
    // unknown: the statfs type and the sync-folder rules still apply
  }
  return [];
}

function statfsType(dir: string): number | null {
  if (process.platform !== 'linux') return null; // elsewhere the number does not name a file system
  try {
    return fs.statfsSync(dir).type;
  } catch {
    return null;
  }
}

function syncRootsFromEnv(env: NodeJS.ProcessEnv): { service: string; root: string }[] {
  const roots: { service: string; root: string }[] = [];
  for (const key of ['OneDrive', 'OneDriveCommercial', 'OneDriveConsumer']) {
    const root = env[key];
    if (root) roots.push({ service: 'onedrive', root });
  }
  return roots;
}

/** Sync clients keep a marker file in the root of what they sync; look in the folder and its parents. */
function findMarkers(dir: string): { dir: string; name: string }[] {
  const found: { dir: string; name: string }[] = [];
  let current = dir;
  for (let depth = 0; depth < 32; depth++) {
    for (const name of SYNC_MARKER_NAMES) if (fs.existsSync(path.join(current, name))) found.push({ dir: current, name });
    try {
      for (const name of fs.readdirSync(current)) if (SYNC_MARKER_PATTERN.test(name)) found.push({ dir: current, name });
    } catch {
      // unreadable folder: nothing to learn here
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return found;
}
