import type { UnsafePlace } from '../../../../shared/contract/backup';

/**
 * Whether a database file sits where SQLite's write-ahead log is not safe. Pure: every fact about
 * the machine (mount table, file system type, sync clients' folders and marker files) is passed in,
 * so the rules are tested as a table; `detect-place.ts` gathers the facts.
 *
 * WAL needs byte-range locks and a shared-memory file that every writer sees at once. Network file
 * systems (SMB/CIFS, NFS, sshfs, WebDAV) do not give that across machines, and a sync client
 * (Dropbox, OneDrive, …) uploads the database and its -wal file separately, at different moments,
 * and may replace them with another laptop's copies. Both lose work or damage the file.
 */

export interface MountEntry {
  mountPoint: string;
  fsType: string;
  source: string;
}

export interface PlaceFacts {
  /** Absolute path of the database, symlinks resolved where possible. */
  file: string;
  platform: NodeJS.Platform;
  /** Linux /proc/mounts or macOS `mount`, parsed; empty when unknown. */
  mounts: MountEntry[];
  /** `fs.statfs().type` of the folder (Linux magic numbers), when known. */
  statfsType?: number | null;
  /** Sync clients' roots known from the environment (Windows sets OneDrive, OneDriveCommercial, …). */
  syncRoots?: { service: string; root: string }[];
  /** Marker files found in the folder or one of its parents: [folder, marker name]. */
  markers?: { dir: string; name: string }[];
}

/** File system types (as /proc/mounts and macOS `mount` name them) that reach over a network. */
const NETWORK_FS: [pattern: RegExp, service: string][] = [
  [/^(cifs|smb3?|smbfs)$/, 'smb'],
  [/^nfs\d?$/, 'nfs'],
  [/^(fuse\.)?sshfs$/, 'sshfs'],
  [/^(davfs|fuse\.davfs2?|webdav)$/, 'webdav'],
  [/^fuse\.gvfsd-fuse$/, 'network'], // GNOME's mounts of smb://, sftp:// and dav:// shares
  [/^fuse\.rclone$/, 'network'],
  [/^(ceph|fuse\.ceph|glusterfs|fuse\.glusterfs|afs|afpfs|ncpfs|coda|lustre|gpfs)$/, 'network'],
];

/** Linux statfs magic numbers of network file systems (linux/magic.h), for when /proc/mounts is unreadable. */
const NETWORK_MAGIC = new Map<number, string>([
  [0x517b, 'smb'],
  [0xfe534d42, 'smb'], // SMB2
  [0xff534d42, 'smb'], // CIFS
  [0x6969, 'nfs'],
  [0x73757245, 'network'], // Coda
  [0x5346414f, 'network'], // AFS
  [0x00c36400, 'network'], // Ceph
]);

/** Folder names sync clients create; matched as whole path segments, case-insensitively. */
const SYNC_SEGMENTS: [pattern: RegExp, service: string][] = [
  [/^dropbox( \(.+\))?$/i, 'dropbox'],
  [/^onedrive( - .+)?$/i, 'onedrive'],
  [/^(google ?drive|googledrive-.+|my drive|min enhet)$/i, 'google-drive'],
  [/^(icloud ?drive|com~apple~clouddocs)$/i, 'icloud'],
  [/^nextcloud$/i, 'nextcloud'],
  [/^owncloud$/i, 'owncloud'],
  [/^(box|box sync)$/i, 'box'],
];

/** Files a sync client keeps in the root of the folder it syncs. */
const SYNC_MARKERS: [pattern: RegExp, service: string][] = [
  [/^\.stfolder$/, 'syncthing'],
  [/^\.dropbox$/, 'dropbox'],
  [/^\.?_sync_[0-9a-f]+\.db$/i, 'nextcloud'], // Nextcloud and ownCloud desktop clients' journal
  [/^\.owncloudsync\.log$/i, 'nextcloud'],
];

export const SYNC_MARKER_NAMES = ['.stfolder', '.dropbox', '.owncloudsync.log'];
export const SYNC_MARKER_PATTERN = /^\.?_sync_[0-9a-f]+\.db$/i;

export function classifyPlace(facts: PlaceFacts): UnsafePlace | null {
  return networkPlace(facts) ?? syncedPlace(facts);
}

function networkPlace(facts: PlaceFacts): UnsafePlace | null {
  const file = facts.file;
  if (facts.platform === 'win32') {
    // \\server\share\…, or what realpath gives for a mapped network drive: \\?\UNC\server\share\…
    const unc = /^(?:\\\\\?\\UNC\\|\\\\(?![?.]\\))([^\\]+)\\([^\\]+)/i.exec(file);
    if (unc) return { kind: 'network', service: 'network-drive', root: `\\\\${unc[1]}\\${unc[2]}` };
    return null;
  }
  const mount = mountOf(file, facts.mounts);
  if (mount) {
    for (const [pattern, service] of NETWORK_FS) {
      if (pattern.test(mount.fsType)) return { kind: 'network', service, root: mount.mountPoint };
    }
    // A fuse mount is network-backed when its source says so (sshfs user@host:/path, davfs https://…).
    if (mount.fsType === 'fuse' || mount.fsType.startsWith('fuse.')) {
      if (/^[^/\s]+@[^/\s]+:/.test(mount.source)) return { kind: 'network', service: 'sshfs', root: mount.mountPoint };
      if (/^https?:\/\//i.test(mount.source)) return { kind: 'network', service: 'webdav', root: mount.mountPoint };
    }
    return null;
  }
  if (facts.statfsType != null) {
    const service = NETWORK_MAGIC.get(facts.statfsType);
    if (service) return { kind: 'network', service, root: null };
  }
  return null;
}

function syncedPlace(facts: PlaceFacts): UnsafePlace | null {
  const sep = facts.platform === 'win32' ? /[\\/]/ : /\//;
  const norm = (p: string) => (facts.platform === 'win32' ? p.replace(/\//g, '\\').toLowerCase() : p).replace(/[\\/]+$/, '');
  for (const { service, root } of facts.syncRoots ?? []) {
    if (!root) continue;
    const r = norm(root);
    const f = norm(facts.file);
    if (f.startsWith(r + (facts.platform === 'win32' ? '\\' : '/'))) return { kind: 'synced', service, root };
  }
  // The nearest marker wins: a Syncthing folder inside Dropbox is still a synced folder, named as Syncthing.
  const markers = [...(facts.markers ?? [])].sort((a, b) => b.dir.length - a.dir.length);
  for (const { dir, name } of markers) {
    for (const [pattern, service] of SYNC_MARKERS) if (pattern.test(name)) return { kind: 'synced', service, root: dir };
  }
  const segments = facts.file.split(sep);
  // macOS File Provider: ~/Library/CloudStorage/<Provider-Account>/ holds OneDrive, Dropbox, Google Drive, Box.
  const cloudStorage = segments.findIndex((s, i) => s === 'CloudStorage' && segments[i - 1] === 'Library');
  if (cloudStorage >= 0 && segments.length > cloudStorage + 2) {
    const provider = segments[cloudStorage + 1] ?? '';
    const service = /^onedrive/i.test(provider) ? 'onedrive' : /^dropbox/i.test(provider) ? 'dropbox' : /^googledrive/i.test(provider) ? 'google-drive' : 'cloud-storage';
    return { kind: 'synced', service, root: segments.slice(0, cloudStorage + 2).join('/') };
  }
  const mobileDocs = segments.findIndex((s, i) => s === 'Mobile Documents' && segments[i - 1] === 'Library');
  if (mobileDocs >= 0 && segments.length > mobileDocs + 2) {
    return { kind: 'synced', service: 'icloud', root: segments.slice(0, mobileDocs + 2).join('/') };
  }
  // Only folders above the file itself: a database named "Dropbox.sqlite" is not in Dropbox.
  for (let i = segments.length - 2; i >= 0; i--) {
    const segment = segments[i] ?? '';
    for (const [pattern, service] of SYNC_SEGMENTS) {
      if (pattern.test(segment)) return { kind: 'synced', service, root: segments.slice(0, i + 1).join(facts.platform === 'win32' ? '\\' : '/') };
    }
  }
  return null;
}

/** The mount holding `file`: the longest mount point that is the file's path or a parent of it. */
export function mountOf(file: string, mounts: MountEntry[]): MountEntry | null {
  let best: MountEntry | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint === '/' ? '/' : m.mountPoint.replace(/\/+$/, '');
    const inside = mp === '/' || file === mp || file.startsWith(`${mp}/`);
    // Later lines of the mount table cover earlier ones on the same point (a mount over a mount).
    if (inside && (!best || mp.length >= best.mountPoint.replace(/\/+$/, '').length)) best = m;
  }
  return best;
}

/** /proc/mounts: "source mountpoint fstype options 0 0", with space, tab, newline and \ octal-escaped. */
export function parseProcMounts(text: string): MountEntry[] {
  const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o: string) => String.fromCharCode(parseInt(o, 8)));
  return text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((parts) => parts.length >= 3)
    .map(([source, mountPoint, fsType]) => ({ source: unescape(source ?? ''), mountPoint: unescape(mountPoint ?? ''), fsType: fsType ?? '' }));
}

/** macOS `mount`: "//user@server/share on /Volumes/share (smbfs, nodev, nosuid, mounted by karin)". */
export function parseMacMount(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const m = /^(.*) on (.*) \(([^,)]+)[,)]/.exec(line.trim());
    if (m) out.push({ source: m[1] ?? '', mountPoint: m[2] ?? '', fsType: m[3] ?? '' });
  }
  return out;
}
